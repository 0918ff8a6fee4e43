"""Job placement and work outcomes: thin views over jobs' selectors and services. A seeker, an
introduction or a check out of the user's scope is 404 (selectors); every response naming a person records
the read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tsunagu.audit.services import record_people_seen
from tsunagu.cases.selectors import get_case
from tsunagu.core.forms import add_service_errors, form_status, limit_to_case, query_status
from tsunagu.core.http import require_perm
from tsunagu.core.submissions import submit_once
from tsunagu.jobs import selectors, services
from tsunagu.jobs.forms import (
    IntroductionForm,
    IntroductionStepForm,
    JobsHomeForm,
    LicenceForm,
    OpeningForm,
    RetentionCheckForm,
    SeekerForm,
    WorkOutcomeForm,
)
from tsunagu.jobs.models import JobSeeker

VIEW = "jobs.view_jobs"
WORK_ON_CASE = "jobs.work_on_case"


# ---------------------------------------------------------------- the home, the licence, openings


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    require_perm(request, VIEW)
    form = JobsHomeForm(request.GET)
    status = query_status(request, form)
    page = selectors.jobs_home(request.user, include_expired=bool(form.value("all", False)))
    record_people_seen(request, page.people, page="jobs_home")
    context = {
        "page": page,
        "show_all": bool(form.value("all", False)),
        "can_manage_licence": request.user.has_perm("jobs.manage_licence"),
    }
    return render(request, "jobs/home.html", context, status=status)


@login_required
def licence(request: HttpRequest) -> HttpResponse:
    require_perm(request, "jobs.manage_licence")
    form = LicenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_licence(actor=request.user, fields=form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The licence was recorded."))
            return redirect("jobs:licence")
    context = {"form": form, "licences": selectors.licences()}
    return render(request, "jobs/licence.html", context, status=form_status(request, form))


@login_required
@submit_once
def opening_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, "jobs.manage_openings")
    form = OpeningForm(
        request.POST or None, employers=selectors.employers(), contacts=selectors.employer_contacts(),
        areas=selectors.areas(),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            opening = services.create_opening(actor=request.user, fields=form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The opening was recorded."))
            return redirect("jobs:opening_detail", opening_id=opening.pk)
    return render(request, "jobs/opening_form.html", {"form": form}, status=form_status(request, form))


@login_required
@require_GET
def opening_detail(request: HttpRequest, opening_id: int) -> HttpResponse:
    require_perm(request, VIEW)
    opening = selectors.get_opening(request.user, opening_id)
    page = selectors.opening_page(request.user, opening)
    record_people_seen(request, page.people, page="job_opening", target=opening)
    return render(request, "jobs/opening_detail.html", {"opening": opening, "page": page})


# ---------------------------------------------------------------- seekers and introductions


@login_required
@submit_once
def seeker_create(request: HttpRequest, case_id: int) -> HttpResponse:
    require_perm(request, VIEW)
    case = get_case(request.user, case_id)
    require_perm(request, WORK_ON_CASE, case)
    form = limit_to_case(
        SeekerForm(request.POST or None, areas=selectors.areas()), intake_date=case.intake_date
    )
    if request.method == "POST" and form.is_valid():
        try:
            seeker = services.register_seeker(actor=request.user, case=case, fields=form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The job seeker was registered."))
            return redirect("jobs:seeker_detail", seeker_id=seeker.pk)
    record_people_seen(request, [case.person_id], page="job_seeker_create", target=case)
    context = {"form": form, "case": case}
    return render(request, "jobs/seeker_form.html", context, status=form_status(request, form))


def _seeker_page(request: HttpRequest, seeker: JobSeeker, *, status: int = 200, **bound) -> HttpResponse:
    page = selectors.seeker_page(request.user, seeker)
    record_people_seen(request, [seeker.case.person_id], page="job_seeker", target=seeker)
    context = {
        "seeker": seeker,
        "page": page,
        "can_work": request.user.has_perm(WORK_ON_CASE, seeker),
        "introduction_form": IntroductionForm(openings=selectors.open_openings()),
        "step_form": IntroductionStepForm(),
        # The day a one-tap introduction records (ISO, as the form reads it).
        "today_iso": timezone.localdate().isoformat(),
        **bound,
    }
    return render(request, "jobs/seeker_detail.html", context, status=status)


@login_required
@require_GET
def seeker_detail(request: HttpRequest, seeker_id: int) -> HttpResponse:
    require_perm(request, VIEW)
    return _seeker_page(request, selectors.get_seeker(request.user, seeker_id))


@login_required
@require_POST
@submit_once
def introduction_add(request: HttpRequest, seeker_id: int) -> HttpResponse:
    require_perm(request, VIEW)
    seeker = selectors.get_seeker(request.user, seeker_id)
    require_perm(request, WORK_ON_CASE, seeker)
    form = IntroductionForm(request.POST, openings=selectors.open_openings())
    if form.is_valid():
        try:
            services.introduce(
                actor=request.user, seeker=seeker, opening=form.cleaned_data["opening"],
                introduced_on=form.cleaned_data["introduced_on"],
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The introduction was recorded."))
            return redirect("jobs:seeker_detail", seeker_id=seeker.pk)
    return _seeker_page(request, seeker, status=400, introduction_form=form)


@login_required
@require_POST
def introduction_step(request: HttpRequest, introduction_id: int) -> HttpResponse:
    require_perm(request, VIEW)
    introduction = selectors.get_introduction(request.user, introduction_id)
    require_perm(request, WORK_ON_CASE, introduction)
    form = IntroductionStepForm(request.POST)
    if form.is_valid():
        try:
            services.record_introduction_step(
                actor=request.user, introduction=introduction, fields=form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The introduction was updated."))
            return redirect("jobs:seeker_detail", seeker_id=introduction.seeker_id)
    return _seeker_page(
        request, introduction.seeker, status=400, refused_step_form=form, step_for=introduction.pk
    )


# ---------------------------------------------------------------- work outcomes and retention checks


@login_required
@submit_once
def outcome_add(request: HttpRequest, case_id: int) -> HttpResponse:
    require_perm(request, VIEW)
    case = get_case(request.user, case_id)
    require_perm(request, WORK_ON_CASE, case)
    form = limit_to_case(
        WorkOutcomeForm(request.POST or None, employers=selectors.employers()), intake_date=case.intake_date
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_work_outcome(actor=request.user, case=case, fields=form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The work outcome was recorded."))
            return redirect("cases:detail", case_id=case.pk)
    record_people_seen(request, [case.person_id], page="work_outcome_add", target=case)
    context = {"form": form, "case": case}
    return render(request, "jobs/outcome_form.html", context, status=form_status(request, form))


@login_required
@require_POST
def retention_check(request: HttpRequest, check_id: int) -> HttpResponse:
    require_perm(request, VIEW)
    check = selectors.get_retention_check(request.user, check_id)
    case = check.outcome.case
    require_perm(request, WORK_ON_CASE, case)
    form = RetentionCheckForm(request.POST)
    if form.is_valid():
        try:
            services.record_retention_check(actor=request.user, check=check, fields=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The retention check was recorded."))
            return redirect("cases:detail", case_id=case.pk)
    record_people_seen(request, [case.person_id], page="retention_check", target=check)
    context = {"form": form, "check": check, "case": case}
    return render(request, "jobs/retention_check.html", context, status=400)
