"""The high-school entrance pages: thin views over selectors_entrance and services_entrance. A pupil out
of the user's scope is a 404; every response showing a pupil records the read (the child and the parent)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tsunagu.audit.services import record_people_seen
from tsunagu.children import selectors, selectors_entrance, services_entrance
from tsunagu.children.forms_entrance import (
    AddPupilForm,
    ApplicationForm,
    CohortQueryForm,
    OutcomeForm,
    ParentSessionForm,
    PlanForm,
    ReferenceForm,
)
from tsunagu.children.models_entrance import EntrancePupil, ReferenceKey
from tsunagu.core.dates import fiscal_year_of
from tsunagu.core.forms import add_service_errors, form_status, query_status
from tsunagu.core.http import require_perm
from tsunagu.core.submissions import submit_once

VIEW = "children.view_children"
WORK_ON_CHILD = "children.work_on_child"


@login_required
@require_GET
def entrance(request: HttpRequest) -> HttpResponse:
    """The cohort of a fiscal year (the pupils the user may see) and every year's figures beside the
    national reference values."""
    require_perm(request, VIEW)
    query = CohortQueryForm(request.GET)
    year = query.value("year", fiscal_year_of(timezone.localdate()))
    pupils = selectors_entrance.cohort(request.user, year)
    record_people_seen(
        request, [p.child.person_id for p in pupils] + [p.parent_id for p in pupils], page="entrance"
    )
    references = selectors_entrance.reference_figures()
    context = {
        "query": query, "year": year, "pupils": pupils, "figures": selectors_entrance.cohort_figures(),
        "entry_reference": references.get(ReferenceKey.ENTRY_RATE),
        "dropout_reference": references.get(ReferenceKey.DROPOUT_RATE),
        "references": list(references.values()),
        "can_edit_references": request.user.has_perm("children.edit_reference"),
    }  # fmt: skip
    return render(request, "children/entrance.html", context, status=query_status(request, query))


@login_required
@submit_once
def pupil_add(request: HttpRequest, child_id: int) -> HttpResponse:
    require_perm(request, VIEW)
    child = selectors.get_child(request.user, child_id)
    require_perm(request, WORK_ON_CHILD, child)
    form = AddPupilForm(request.POST or None, initial={"fiscal_year": fiscal_year_of(timezone.localdate())})
    if request.method == "POST" and form.is_valid():
        try:
            pupil = services_entrance.add_pupil(
                actor=request.user, child=child, fiscal_year=form.cleaned_data["fiscal_year"],
                fields=form.service_fields(),
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The pupil joined the cohort."))
            return redirect("children:pupil_detail", pupil_id=pupil.pk)
    record_people_seen(request, [child.person_id, child.guardian.pk], page="pupil_add", target=child)
    context = {"form": form, "child": child}
    return render(request, "children/pupil_add.html", context, status=form_status(request, form))


def _pupil_page(
    request: HttpRequest, pupil: EntrancePupil, *, status: int = 200, **forms: Form
) -> HttpResponse:
    record_people_seen(request, [pupil.child.person_id, pupil.parent_id], page="pupil", target=pupil)
    can_edit = request.user.has_perm(WORK_ON_CHILD, pupil.child)
    context = {
        "pupil": pupil, "can_edit": can_edit, **selectors_entrance.pupil_records(pupil),
        "plan_form": forms.get("plan_form") or PlanForm(instance=pupil, auto_id="plan_%s"),
        "outcome_form": forms.get("outcome_form") or OutcomeForm(instance=pupil, auto_id="outcome_%s"),
        "session_form": forms.get("session_form") or ParentSessionForm(auto_id="session_%s"),
        "application_form": forms.get("application_form") or ApplicationForm(auto_id="application_%s"),
    }  # fmt: skip
    return render(request, "children/pupil_detail.html", context, status=status)


def _pupil_for_work(request: HttpRequest, pupil_id: int) -> EntrancePupil:
    require_perm(request, VIEW)
    pupil = selectors_entrance.get_pupil(request.user, pupil_id)
    require_perm(request, WORK_ON_CHILD, pupil.child)
    return pupil


@login_required
@require_GET
def pupil_detail(request: HttpRequest, pupil_id: int) -> HttpResponse:
    require_perm(request, VIEW)
    return _pupil_page(request, selectors_entrance.get_pupil(request.user, pupil_id))


def _save(request, pupil, form, key: str, service, done: str, *, extra) -> HttpResponse:
    """Hand a valid form to the service; a refusal shows the pupil's page with the form's errors (400)."""
    if form.is_valid():
        try:
            service(actor=request.user, pupil=pupil, fields=form.service_fields(), **extra(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("children:pupil_detail", pupil_id=pupil.pk)
    return _pupil_page(request, pupil, status=form_status(request, form), **{key: form})


def _version(form) -> dict:
    return {"edit_version": form.cleaned_data["edit_version"]}


@login_required
@require_POST
def pupil_plan(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = _pupil_for_work(request, pupil_id)
    form = PlanForm(
        request.POST, instance=selectors_entrance.get_pupil(request.user, pupil_id), auto_id="plan_%s"
    )
    return _save(
        request,
        pupil,
        form,
        "plan_form",
        services_entrance.update_plan,
        _("The pupil's plan was saved."),
        extra=_version,
    )


@login_required
@require_POST
def pupil_outcome(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = _pupil_for_work(request, pupil_id)
    form = OutcomeForm(
        request.POST, instance=selectors_entrance.get_pupil(request.user, pupil_id), auto_id="outcome_%s"
    )
    return _save(
        request, pupil, form, "outcome_form", services_entrance.record_outcome, _("The outcome was saved."),
        extra=_version,
    )  # fmt: skip


def _nothing(form) -> dict:
    return {}


@login_required
@require_POST
@submit_once
def parent_session_add(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = _pupil_for_work(request, pupil_id)
    form = ParentSessionForm(request.POST, auto_id="session_%s")
    return _save(
        request, pupil, form, "session_form", services_entrance.add_parent_session,
        _("The parent session was recorded."), extra=_nothing,
    )  # fmt: skip


@login_required
@require_POST
@submit_once
def application_add(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = _pupil_for_work(request, pupil_id)
    form = ApplicationForm(request.POST, auto_id="application_%s")
    return _save(
        request, pupil, form, "application_form", services_entrance.add_application,
        _("The application was recorded."), extra=_nothing,
    )  # fmt: skip


@login_required
def reference_edit(request: HttpRequest, reference_id: int) -> HttpResponse:
    require_perm(request, "children.edit_reference")
    figure = selectors_entrance.get_reference(reference_id)
    form = ReferenceForm(request.POST or None, instance=selectors_entrance.get_reference(reference_id))
    if request.method == "POST" and form.is_valid():
        try:
            services_entrance.update_reference(
                actor=request.user, figure=figure, edit_version=form.cleaned_data["edit_version"],
                fields=form.service_fields(),
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The reference figure was saved."))
            return redirect("children:reference_edit", reference_id=figure.pk)
    context = {"form": form, "figure": figure}
    return render(request, "children/reference_edit.html", context, status=form_status(request, form))
