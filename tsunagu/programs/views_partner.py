"""The partner portal: partner staff see only the people placed with their own organisation, and only
what they need to host them (name, reading, schedule, emergency contact) — never the case, its notes,
the welfare status or the person's address and phone. They take the roll-call and evaluate placements.
A person the restricted people's registry names (a child: people/scope.py) they see by name and schedule
only: no emergency contact, no attendance rate, no evaluation."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.audit.services import record_people_seen
from tsunagu.core.forms import add_service_errors
from tsunagu.core.http import require_perm
from tsunagu.core.submissions import submit_once
from tsunagu.people.models import Person
from tsunagu.people.scope import by_name_only, is_shown_by_name_only
from tsunagu.programs import selectors, services
from tsunagu.programs.forms_partner import SCALE, PlacementEvaluationForm
from tsunagu.programs.models import Placement

PORTAL = "programs.use_partner_portal"


@dataclass
class PlacedPerson:
    """One person placed with the organisation, with each of their placements here."""

    person: Person
    placements: list[Placement] = field(default_factory=list)
    by_name_only: bool = False  # a child: the name and the schedule, nothing else

    @property
    def attendance_rate(self) -> int | None:
        if self.by_name_only:
            return None
        return selectors.rate(
            sum(p.sessions_attended for p in self.placements),
            sum(p.sessions_recorded for p in self.placements),
        )


def _placed_people(user) -> list[PlacedPerson]:
    people: dict[int, PlacedPerson] = {}
    placements = selectors.with_attendance_rate(selectors.partner_placements(user)).annotate(
        by_name_only=by_name_only()
    )
    for placement in placements:
        placement.attendance_rate = (
            None
            if placement.by_name_only
            else selectors.rate(placement.sessions_attended, placement.sessions_recorded)
        )
        placed = people.setdefault(
            placement.person_id, PlacedPerson(placement.person, by_name_only=placement.by_name_only)
        )
        placed.placements.append(placement)
    return sorted(people.values(), key=lambda p: (p.person.reading_key, p.person.pk))


@login_required
def partner_home(request: HttpRequest) -> HttpResponse:
    require_perm(request, PORTAL)
    today = timezone.localdate()
    people = _placed_people(request.user)
    sessions = list(selectors.upcoming_sessions(request.user))
    record_people_seen(request, [placed.person.pk for placed in people], page="partner_home")
    context = {
        "people": people,
        "today_sessions": [s for s in sessions if s.date == today],
        "past_sessions": [s for s in sessions if s.date < today][::-1],
        "coming_sessions": [s for s in sessions if s.date > today],
        "hosts": selectors.hosts_for(request.user).filter(program__in=selectors.active_programs(today)),
        "today": today,
    }
    return render(request, "programs/partner_home.html", context)


@login_required
@submit_once
def partner_evaluate(request: HttpRequest, placement_id: int) -> HttpResponse:
    require_perm(request, PORTAL)
    placement = selectors.get_placement(request.user, placement_id)
    require_perm(request, "programs.run_host_sessions", placement.host)
    form = PlacementEvaluationForm(request.POST or None)
    # A child: the host sees the name and schedule only, and evaluates nothing (the service refuses too).
    name_only = is_shown_by_name_only(placement.person_id)
    if name_only and request.method == "POST":
        form.is_valid()
        form.add_error(None, services.NOT_EVALUATED_BY_HOST)
    elif request.method == "POST" and form.is_valid():
        try:
            services.evaluate_placement(
                actor=request.user,
                placement=placement,
                evaluated_on=form.cleaned_data["evaluated_on"],
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The evaluation of %(name)s was saved. Their worker will see it.")
                % {"name": placement.person.full_name},
            )
            return redirect("programs:partner_home")
    record_people_seen(request, [placement.person_id], page="partner_evaluate", target=placement)
    context = {
        "placement": placement,
        "person": placement.person,
        "program": placement.host.program,
        "form": form,
        "scale": SCALE,
        "evaluations": [] if name_only else placement.evaluations.all()[:5],
        "name_only": name_only,
        "not_evaluated": services.NOT_EVALUATED_BY_HOST,
    }
    return render(
        request, "programs/partner_evaluate.html", context, status=400 if request.method == "POST" else 200
    )
