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
    InternshipEndForm,
    InternshipForm,
    IntroductionForm,
    IntroductionStepForm,
    JobsHomeForm,
    LicenceForm,
    OpeningForm,
    QualificationForm,
    QualificationResultForm,
    ReferralForm,
    ReferralPlanForm,
    ReferralResultForm,
    RetentionCheckForm,
    SeekerForm,
    WorkOutcomeForm,
)
from tsunagu.jobs.models import HelloWorkReferral, Internship, JobSeeker

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
        "hello_work_years": selectors.hello_work_counts(request.user),
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


# ---------------------------------------------------------------- Hello Work joint support


def _case_for_work(request: HttpRequest, case_id: int):
    require_perm(request, VIEW)
    case = get_case(request.user, case_id)
    require_perm(request, WORK_ON_CASE, case)
    return case


@login_required
@submit_once
def hello_work_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_for_work(request, case_id)
    form = limit_to_case(
        ReferralForm(request.POST or None, offices=selectors.hello_work_offices()),
        intake_date=case.intake_date,
    )
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.refer_to_hello_work(
                actor=request.user, case=case, fields=form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The referral to Hello Work was recorded."))
            return redirect("jobs:hello_work_detail", hello_work_id=referral.pk)
    record_people_seen(request, [case.person_id], page="hello_work_add", target=case)
    context = {"form": form, "case": case, "title": _("Refer to Hello Work joint support")}
    return render(request, "jobs/case_form.html", context, status=form_status(request, form))


def _referral_page(
    request: HttpRequest, referral: HelloWorkReferral, *, status: int = 200, **bound
) -> HttpResponse:
    record_people_seen(request, [referral.case.person_id], page="hello_work_referral", target=referral)
    context = {
        "referral": referral,
        "case": referral.case,
        "can_work": request.user.has_perm(WORK_ON_CASE, referral.case),
        "plan_form": ReferralPlanForm(initial={"plan": referral.plan}),
        "result_form": ReferralResultForm(employers=selectors.employers()),
        **bound,
    }
    return render(request, "jobs/hello_work_detail.html", context, status=status)


@login_required
@require_GET
def hello_work_detail(request: HttpRequest, hello_work_id: int) -> HttpResponse:
    require_perm(request, VIEW)
    return _referral_page(request, selectors.get_referral(request.user, hello_work_id))


@login_required
@require_POST
def hello_work_plan(request: HttpRequest, hello_work_id: int) -> HttpResponse:
    require_perm(request, VIEW)
    referral = selectors.get_referral(request.user, hello_work_id)
    require_perm(request, WORK_ON_CASE, referral.case)
    form = ReferralPlanForm(request.POST)
    if form.is_valid():
        try:
            services.record_hello_work_plan(
                actor=request.user, referral=referral, fields=form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan was recorded."))
            return redirect("jobs:hello_work_detail", hello_work_id=referral.pk)
    return _referral_page(request, referral, status=400, plan_form=form)


@login_required
@require_POST
def hello_work_result(request: HttpRequest, hello_work_id: int) -> HttpResponse:
    require_perm(request, VIEW)
    referral = selectors.get_referral(request.user, hello_work_id)
    require_perm(request, WORK_ON_CASE, referral.case)
    form = ReferralResultForm(request.POST, employers=selectors.employers())
    if form.is_valid():
        try:
            services.record_hello_work_result(
                actor=request.user, referral=referral, fields=form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The result was recorded."))
            return redirect("jobs:hello_work_detail", hello_work_id=referral.pk)
    return _referral_page(request, referral, status=400, result_form=form)


# ---------------------------------------------------------------- internships


@login_required
@submit_once
def internship_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_for_work(request, case_id)
    form = InternshipForm(request.POST or None, hosts=selectors.employers())
    if request.method == "POST" and form.is_valid():
        try:
            internship = services.start_internship(
                actor=request.user, case=case, fields=form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The internship was recorded."))
            return redirect("jobs:internship_detail", internship_id=internship.pk)
    record_people_seen(request, [case.person_id], page="internship_add", target=case)
    context = {"form": form, "case": case, "title": _("Record an internship")}
    return render(request, "jobs/case_form.html", context, status=form_status(request, form))


def _internship_page(
    request: HttpRequest, internship: Internship, *, status: int = 200, **bound
) -> HttpResponse:
    record_people_seen(request, [internship.case.person_id], page="internship", target=internship)
    context = {
        "internship": internship,
        "case": internship.case,
        "can_work": request.user.has_perm(WORK_ON_CASE, internship.case),
        "end_form": InternshipEndForm(),
        **bound,
    }
    return render(request, "jobs/internship_detail.html", context, status=status)


@login_required
@require_GET
def internship_detail(request: HttpRequest, internship_id: int) -> HttpResponse:
    require_perm(request, VIEW)
    return _internship_page(request, selectors.get_internship(request.user, internship_id))


@login_required
@require_POST
def internship_end(request: HttpRequest, internship_id: int) -> HttpResponse:
    require_perm(request, VIEW)
    internship = selectors.get_internship(request.user, internship_id)
    require_perm(request, WORK_ON_CASE, internship.case)
    form = InternshipEndForm(request.POST)
    if form.is_valid():
        try:
            services.end_internship(actor=request.user, internship=internship, fields=form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The end of the internship was recorded."))
            return redirect("jobs:internship_detail", internship_id=internship.pk)
    return _internship_page(request, internship, status=400, end_form=form)


# ---------------------------------------------------------------- qualifications


@login_required
@submit_once
def qualification_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_for_work(request, case_id)
    form = QualificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_qualification(actor=request.user, case=case, fields=form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The qualification was recorded."))
            return redirect("cases:detail", case_id=case.pk)
    record_people_seen(request, [case.person_id], page="qualification_add", target=case)
    context = {"form": form, "case": case, "title": _("Record a qualification pursued")}
    return render(request, "jobs/case_form.html", context, status=form_status(request, form))


@login_required
def qualification_result(request: HttpRequest, qualification_id: int) -> HttpResponse:
    require_perm(request, VIEW)
    qualification = selectors.get_qualification(request.user, qualification_id)
    case = qualification.case
    require_perm(request, WORK_ON_CASE, case)
    form = QualificationResultForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_qualification_result(
                actor=request.user, qualification=qualification, fields=form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The result was recorded."))
            return redirect("cases:detail", case_id=case.pk)
    record_people_seen(request, [case.person_id], page="qualification_result", target=qualification)
    context = {
        "form": form,
        "case": case,
        "title": _("Result of %(course)s") % {"course": qualification.course},
    }
    return render(request, "jobs/case_form.html", context, status=form_status(request, form))


# ---------------------------------------------------------------- the internship host's partner portal


@login_required
@require_GET
def partner_internships(request: HttpRequest) -> HttpResponse:
    """The host's interns: name, period and terms (nothing of the case)."""
    require_perm(request, "jobs.view_host_internships")
    internships = selectors.host_internships(request.user)
    record_people_seen(request, [i.case.person_id for i in internships], page="partner_internships")
    return render(request, "jobs/partner_internships.html", {"internships": internships})


@login_required
@require_GET
def partner_internship(request: HttpRequest, internship_id: int) -> HttpResponse:
    require_perm(request, "jobs.view_host_internships")
    internship = selectors.get_hosted_internship(request.user, internship_id)
    require_perm(request, "jobs.view_hosted_internship", internship)
    record_people_seen(request, [internship.case.person_id], page="partner_internship", target=internship)
    return render(request, "jobs/partner_internship.html", {"internship": internship})
