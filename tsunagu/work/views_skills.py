"""The supervisors' side of the skill ladder: a site's queue of proposed level-ups, confirming one, and
setting a level by their own assessment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tsunagu.audit.services import record_people_seen
from tsunagu.cases.selectors import get_person
from tsunagu.core.forms import add_service_errors, form_status
from tsunagu.core.http import require_perm
from tsunagu.core.submissions import submit_once
from tsunagu.programs.selectors import get_host
from tsunagu.work import selectors_skills as selectors
from tsunagu.work import services_skills as services
from tsunagu.work.forms_skills import ConfirmLevelForm, SetLevelForm

PERMISSION = "work.confirm_skill_levels"


def _confirm_form(row, **kwargs) -> ConfirmLevelForm:
    """The blank confirm form of one proposal, its work type and level hidden."""
    return ConfirmLevelForm(
        work_types=[row.work_type],
        levels=selectors.levels_of([row.work_type]),
        initial={"work_type": row.work_type.pk, "level": row.proposal.level.id},
        **kwargs,
    )


@login_required
@require_GET
def skill_queue(request: HttpRequest, host_id: int) -> HttpResponse:
    require_perm(request, PERMISSION)
    host = get_host(host_id)
    rows = selectors.skill_queue(request.user, host)
    record_people_seen(request, [row.person.pk for row in rows], page="skill_queue", target=host)
    context = {"host": host, "rows": [(row, _confirm_form(row)) for row in rows]}
    return render(request, "work/skills/queue.html", context)


@login_required
@submit_once
def skill_confirm(request: HttpRequest, person_id: int) -> HttpResponse:
    """The person's proposals, each with its confirm form; a POST confirms one with the evidence the
    server computes again now (never figures sent by the browser)."""
    require_perm(request, PERMISSION)
    person = get_person(request.user, person_id)
    work_types = selectors.person_levels_to_set(person)
    rows = selectors.proposals_for(request.user, work_types=work_types, person_ids=[person.pk])
    form = None
    if request.method == "POST":
        form = ConfirmLevelForm(request.POST, work_types=work_types, levels=selectors.levels_of(work_types))
        if form.is_valid():
            fields = form.service_fields()
            row = next(
                (
                    r
                    for r in rows
                    if r.work_type.pk == fields["work_type"].pk and r.proposal.level.id == fields["level"].pk
                ),
                None,
            )
            if row is None:
                form.add_error(
                    "level", _("The person's figures no longer propose this level: nothing was saved.")
                )
            else:
                figures = row.proposal.figures
                try:
                    services.confirm_skill_level(
                        actor=request.user,
                        person=person,
                        units_per_hour=figures.units_per_hour_shown,
                        defect_rate=figures.defect_rate_shown,
                        days_counted=figures.days_counted,
                        **fields,
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(
                        request,
                        _("%(level)s confirmed for %(work_type)s.")
                        % {"level": fields["level"], "work_type": fields["work_type"]},
                    )
                    return redirect("work:skill_queue", host_id=fields["work_type"].host_id)
    record_people_seen(request, [person.pk], page="skill_confirm", target=person)
    forms = [(row, form if _posted_for(form, row) else _confirm_form(row)) for row in rows]
    context = {"person": person, "rows": forms, "refused": form if form is not None and form.errors else None}
    return render(
        request, "work/skills/confirm.html", context, status=form_status(request, form) if form else 200
    )


def _posted_for(form: ConfirmLevelForm | None, row) -> bool:
    if form is None or not form.is_bound:
        return False
    work_type = form.cleaned_data.get("work_type") if hasattr(form, "cleaned_data") else None
    return work_type is not None and work_type.pk == row.work_type.pk


@login_required
@submit_once
def skill_set(request: HttpRequest, person_id: int) -> HttpResponse:
    """A supervisor's own assessment: a level up or down, with the note that says why."""
    require_perm(request, PERMISSION)
    person = get_person(request.user, person_id)
    work_types = selectors.person_levels_to_set(person)
    form = SetLevelForm(
        request.POST if request.method == "POST" else None,
        work_types=work_types,
        levels=selectors.levels_of(work_types),
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.set_skill_level(actor=request.user, person=person, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(level)s recorded for %(work_type)s.")
                % {"level": assessment.level, "work_type": assessment.work_type},
            )
            return redirect("work:person", person_id=person.pk)
    record_people_seen(request, [person.pk], page="skill_set", target=person)
    context = {"person": person, "form": form, "entries": selectors.person_work_types(person)}
    return render(request, "work/skills/set.html", context, status=form_status(request, form))
