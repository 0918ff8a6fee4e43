"""Placements and the person's ladder (catalog, sessions, partner portal and overview have their own modules)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tsunagu.audit.services import record_people_seen
from tsunagu.cases.models import OPEN_STATUSES, PlanStatus
from tsunagu.cases.selectors import get_person, visible_cases
from tsunagu.core.editing import EditConflict
from tsunagu.core.forms import add_service_errors, limit_to_case
from tsunagu.core.http import require_perm
from tsunagu.core.submissions import submit_once
from tsunagu.programs import selectors, services
from tsunagu.programs.forms import PlacementForm, PlacementStepForm


def _open_case(user, person):
    """The person's open case in the user's scope, whose approved plan a placement fulfils."""
    return (
        visible_cases(user)
        .filter(person=person, status__in=OPEN_STATUSES)
        .order_by("-intake_date")
        .prefetch_related("plans")
        .first()
    )


@login_required
@submit_once
def placement_create(request: HttpRequest, person_id: int) -> HttpResponse:
    require_perm(request, "programs.place_people")
    person = get_person(request.user, person_id)
    hosts = selectors.placeable_hosts()
    case = _open_case(request.user, person)
    gaps = selectors.placement_gaps(request.user, person)
    # A placement of a case is not dated before its intake.
    form = limit_to_case(
        PlacementForm(request.POST or None, hosts=hosts, gaps=gaps),
        intake_date=getattr(case, "intake_date", None),
    )
    waiting_offered = False
    if request.method == "POST" and form.is_valid():
        plan = next((p for p in case.plans.all() if p.status == PlanStatus.APPROVED), None) if case else None
        try:
            placement = services.place_person(
                actor=request.user, person=person, case=case, plan=plan, **form.cleaned_data
            )
        except services.HostFull as error:
            waiting_offered = True
            form.add_error("host", error.messages)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The placement was recorded: %(status)s.") % {"status": placement.get_status_display()},
            )
            return redirect("programs:placement_detail", placement_id=placement.pk)
    context = {
        "person": person,
        "form": form,
        "waiting_offered": waiting_offered,
        "gaps": gaps,
        "case": case,
    }
    record_people_seen(request, [person.pk], page="placement_form", target=person)
    return render(request, "programs/placement_form.html", context, status=400 if form.errors else 200)


@login_required
def placement_detail(request: HttpRequest, placement_id: int) -> HttpResponse:
    # The role first: a role that may not is refused alike in or out of scope.
    require_perm(request, "programs.place_people")
    placement = selectors.get_placement(request.user, placement_id)
    next_steps = services.NEXT_STEPS.get(placement.status, ())
    step_form = PlacementStepForm(next_steps=next_steps, initial={"edit_version": placement.edit_version})
    return _placement_page(request, placement, step_form if next_steps else None)


def _placement_page(
    request: HttpRequest, placement, step_form, status: int = 200, conflict: EditConflict | None = None
) -> HttpResponse:
    """The placement page, fresh or with a refused step form."""
    record_people_seen(request, [placement.person_id], page="placement", target=placement)
    attendances = list(placement.attendances.select_related("session").order_by("-session__date")[:100])
    context = {
        "placement": placement,
        "person": placement.person,
        "attendances": attendances,
        "attendance_rate": selectors.attendance_rate(placement),
        "evaluations": list(placement.evaluations.select_related("evaluator")),
        "step_form": step_form,
        "conflict": conflict,
    }
    return render(request, "programs/placement_detail.html", context, status=status)


@login_required
def placement_step(request: HttpRequest, placement_id: int) -> HttpResponse:
    require_perm(request, "programs.place_people")
    placement = selectors.get_placement(request.user, placement_id)
    form = PlacementStepForm(
        request.POST or None,
        next_steps=services.NEXT_STEPS.get(placement.status, ()),
        initial={"edit_version": placement.edit_version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            placement = services.advance_placement(
                actor=request.user, placement=placement, **form.cleaned_data
            )
        except EditConflict as error:
            form.add_error(None, error)
            # Show the placement as it is now, with what this user entered kept in the form.
            placement = selectors.get_placement(request.user, placement_id)
            return _placement_page(request, placement, form, status=400, conflict=error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The placement moved on: %(status)s.") % {"status": placement.get_status_display()}
            )
            return redirect("programs:placement_detail", placement_id=placement.pk)
    return _placement_page(request, placement, form, status=400 if form.errors else 200)


@login_required
def person_ladder(request: HttpRequest, person_id: int) -> HttpResponse:
    require_perm(request, "programs.place_people")
    person = get_person(request.user, person_id)
    record_people_seen(request, [person.pk], page="ladder", target=person)
    steps, unplaced = selectors.person_ladder(request.user, person)
    placements = [p for step in steps for p in step.placements] + unplaced
    attendance_rate = selectors.rate(
        sum(p.sessions_attended for p in placements), sum(p.sessions_recorded for p in placements)
    )
    context = {"person": person, "steps": steps, "unplaced": unplaced, "attendance_rate": attendance_rate}
    return render(request, "programs/ladder.html", context)
