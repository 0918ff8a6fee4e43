"""Thin views: parse, call a selector or a service, render. Out-of-scope records are 404 (selectors)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tsunagu.audit.services import record_people_seen
from tsunagu.cases import selectors, services
from tsunagu.cases.forms import (
    AssessmentForm,
    CaseFilterForm,
    ClosureDecisionForm,
    ClosureForm,
    EmergencySupportForm,
    EvaluationForm,
    FamilyFormSet,
    IntakeForm,
    MonitoringForm,
    PlanApprovalForm,
    PlanForm,
    PlanSupportFormSet,
    ReassignForm,
    ReturnPlanForm,
    ServiceDecisionForm,
    TransferDecisionForm,
    WorkHistoryFormSet,
    formset_rows,
    note_form_for,
)
from tsunagu.cases.models import Case, PlanStatus
from tsunagu.cases.panels import case_panels, caseload_panels
from tsunagu.core.forms import add_service_errors, limit_to_case
from tsunagu.core.http import KeyFirstPaginator, require_perm
from tsunagu.core.submissions import submit_once

PAGE_SIZE = 50
SEARCH_COUNT_LIMIT = 1_000


def _case_url(case: Case) -> str:
    return reverse("cases:detail", args=[case.pk])


def _render_form(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """Re-show a refused form with 400 so that nothing looks saved. A form about a case shows its person:
    the read is recorded, about the plan or closure decided on where there is one, else the case."""
    status = 400 if request.method == "POST" else 200
    if case := context.get("case"):
        about = context.get("plan") or context.get("closure") or case
        record_people_seen(request, [case.person_id], page=request.resolver_match.url_name, target=about)
    return render(request, template, context, status=status)


# ---------------------------------------------------------------- lists


@login_required
def caseload(request: HttpRequest) -> HttpResponse:
    require_perm(request, "cases.open_case")
    context = {"caseload": selectors.caseload(request.user), "today": timezone.localdate()}
    people = list(context["caseload"].people)
    # Panels of the apps above cases (network's meeting actions), each naming the people it shows.
    context["caseload_panels"] = []
    for panel in caseload_panels():
        data = panel.context(user=request.user)
        context.update(data.context)
        context["caseload_panels"].append(panel.template)
        people += data.people
    record_people_seen(request, people, page="caseload")
    return render(request, "cases/caseload.html", context)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, "cases.view_case_list")
    form = CaseFilterForm(request.GET or None, office=request.user.office)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.CaseFilters(
        status=data.get("status") or "",
        worker_id=getattr(data.get("worker"), "pk", None),
        area_id=getattr(data.get("area"), "pk", None),
        stage=data.get("stage") or "",
        concern=data.get("concern") or "",
        contract=data.get("contract") or "",
        opened_from=data.get("opened_from"),
        opened_to=data.get("opened_to"),
        query=data.get("q") or "",
    )
    cases = selectors.case_list(request.user, filters)
    # A name search counts its matches only up to a thousand: past that the count tells nothing but
    # "narrow it", and counting every 佐藤 of a prefecture is most of the search's cost.
    limit = SEARCH_COUNT_LIMIT if filters.query else None
    paginator = KeyFirstPaginator(cases, PAGE_SIZE, rows=selectors.case_rows, max_count=limit)
    page = paginator.get_page(request.GET.get("page"))
    record_people_seen(
        request, [row.person_id for row in page], page="case_search" if filters.query else "case_list"
    )
    querystring = request.GET.copy()
    querystring.pop("page", None)
    context = {"form": form, "page": page, "querystring": querystring.urlencode()}
    template = "cases/_case_table.html" if request.htmx else "cases/case_list.html"
    # A refused filter is a 400 on the page; the htmx table keeps 200, or htmx would not swap it in.
    return render(request, template, context, status=400 if form.errors and not request.htmx else 200)


@login_required
def approval_queue(request: HttpRequest) -> HttpResponse:
    require_perm(request, "cases.approve")
    queue = selectors.approval_queue(request.user)
    form = PlanApprovalForm(request.POST or None, plans=queue.plans)
    if request.method == "POST" and form.is_valid():
        try:
            approved = services.approve_plans(
                plans=list(form.cleaned_data["plans"]),
                actor=request.user,
                method=form.cleaned_data["method"],
                approved_on=form.cleaned_data["approved_on"],
                meeting_date=form.cleaned_data["meeting_date"],
                seen_versions=form.cleaned_data["versions"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(count)d plan(s) approved.") % {"count": len(approved)})
            return redirect("cases:approvals")
    context = {
        "form": form, "queue": queue, "plans": queue.plans, "closures": queue.closures, "ticked": form.ticked()
    }  # fmt: skip
    shown = [*queue.plans, *queue.closures]
    record_people_seen(request, [record.case.person_id for record in shown], page="approvals")
    return _render_form(request, "cases/approval_queue.html", context)


# ---------------------------------------------------------------- intake


@login_required
@submit_once
def intake(request: HttpRequest) -> HttpResponse:
    """相談受付. Before a new person is saved, people with the same reading and birth date or the same
    phone are looked for: those in the user's scope are offered, so the worker can attach the case to the
    existing record; for the others the worker learns only which office to ask, and may request a transfer."""
    require_perm(request, "cases.open_case")
    form = IntakeForm(request.POST or None)
    check = selectors.DuplicateCheck([], [])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = None
        check = selectors.duplicate_check(
            request.user,
            family_name_kana=data["family_name_kana"],
            given_name_kana=data["given_name_kana"],
            date_of_birth=data["date_of_birth"],
            phones=[data["phone"], data["mobile_phone"]],
        )
        if data["request_transfer"] is not None:
            return _request_transfer(request, form, check)
        if data["existing_person"] is not None:
            # The id comes from the browser: only a match this user was offered may be chosen.
            person = check.offered(data["existing_person"])
            if person is None:
                form.add_error(
                    None,
                    _("The chosen record cannot be used for this intake: nothing was attached. "
                      "Check the details, or ask the office that holds the record."),
                )  # fmt: skip
        if check and person is None and not data["confirm_new_person"] and not form.errors:
            return _render_intake(request, form, check, status=200)
        if not form.errors:
            try:
                case = services.register_intake(
                    actor=request.user,
                    person=person,
                    person_fields=None if person else form.person_data(),
                    case_fields=form.case_data(),
                    concerns=data["concerns"],
                    most_pressing=data["most_pressing"],
                    handover_consent=data["handover_consent"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("The intake was registered as %(ref)s.") % {"ref": case.reference}
                )
                return redirect(_case_url(case))
    return _render_intake(request, form, check, status=200 if request.method == "GET" else 400)


def _render_intake(request: HttpRequest, form: IntakeForm, check, *, status: int) -> HttpResponse:
    # Only what may be shown: offered matches and office hints, never the hidden people's ids.
    record_people_seen(request, [person.pk for person in check.matches], page="intake_duplicates")
    context = {"form": form, "duplicates": check.offers(), "hints": check.hints}
    return render(request, "cases/intake.html", context, status=status)


def _request_transfer(request: HttpRequest, form: IntakeForm, check) -> HttpResponse:
    """移管 from an intake hint: one request per hidden match at the chosen office."""
    office_id = form.cleaned_data["request_transfer"]
    people = check.hinted_people.get(office_id) if office_id is not None else None
    if not people or office_id == request.user.office_id:
        form.add_error(None, _("No record at that office matches these details: nothing was requested."))
        return _render_intake(request, form, check, status=400)
    try:
        for person in people:
            services.request_transfer(
                person=person,
                from_office_id=office_id,
                actor=request.user,
                reason=form.cleaned_data["transfer_reason"],
            )
    except ValidationError as error:
        add_service_errors(form, error)
        return _render_intake(request, form, check, status=400)
    messages.success(
        request,
        _("The transfer request was sent to the supervisor of that office. You will see the decision here."),
    )
    return redirect("cases:transfers")


# ---------------------------------------------------------------- transfers (移管), DV contact access


@login_required
@require_GET
def transfers(request: HttpRequest) -> HttpResponse:
    """The supervisor's incoming transfer requests and cases awaiting contact access; everyone's own requests."""
    require_perm(request, "cases.open_case")
    return _render_transfers(request, selectors.transfer_desk(request.user))


def _render_transfers(request: HttpRequest, desk, *, errors=(), status: int = 200) -> HttpResponse:
    shown = [t.person_id for t in desk.incoming] + [c.person_id for c in desk.unconfirmed_contact]
    record_people_seen(request, shown, page="transfers")
    context = {"desk": desk, "errors": errors}
    return render(request, "cases/transfers.html", context, status=status)


@login_required
@require_POST
def transfer_decide(request: HttpRequest, transfer_id: int) -> HttpResponse:
    transfer = selectors.get_transfer_to_decide(request.user, transfer_id)
    require_perm(request, "cases.decide_transfer", transfer)
    form = TransferDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide_transfer(transfer=transfer, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect("cases:transfers")
    errors = [message for messages_ in form.errors.values() for message in messages_]
    return _render_transfers(request, selectors.transfer_desk(request.user), errors=errors, status=400)


@login_required
@require_POST
def confirm_contact(request: HttpRequest, case_id: int) -> HttpResponse:
    """The supervisor confirms that the workers of a case attached to a protected person may see the contact."""
    case = selectors.get_case(request.user, case_id)
    require_perm(request, "cases.supervise_case", case)
    try:
        services.confirm_contact_access(case=case, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The assigned workers may now see the contact details."))
    if request.POST.get("next") == "case":
        return redirect(_case_url(case))
    return redirect("cases:transfers")


# ---------------------------------------------------------------- the case page


def _case_page_context(request: HttpRequest, case: Case, *, all_notes: bool = False, **extra) -> dict:
    user = request.user
    include_notes = selectors.can_read_notes(user, case)
    plans = list(case.plans.all())
    notes, older_notes = None, False
    if include_notes:
        notes, older_notes = selectors.recent_notes(case, limit=None if all_notes else selectors.RECENT_NOTES)
    context = {
        "case": case,
        "person": case.person,
        "show_contact": selectors.can_see_protected_contact(user, case.person),
        "timeline": selectors.timeline(user, case, notes=notes),
        "include_notes": include_notes,
        "older_notes": older_notes,
        "recent_notes": selectors.RECENT_NOTES,
        "current_plan": next((p for p in plans if p.status == PlanStatus.APPROVED), None),
        "plan_in_progress": next(
            (p for p in plans if p.status in (PlanStatus.DRAFT, PlanStatus.SUBMITTED)), None
        ),
        "latest_assessment": next(iter(case.assessments.all()), None),
        "pending_closure": next((c for c in case.closures.all() if c.status == "requested"), None),
        "can_work": user.has_perm("cases.work_on_case", case),
        "can_supervise": user.has_perm("cases.supervise_case", case),
        "can_follow_up": user.has_perm("cases.follow_up_case", case),
        "note_form": note_form_for(case),
    }
    # Panels of the apps above cases (programs' placements), each adding the keys its template reads.
    context["case_panels"] = [panel.template for panel in case_panels()]
    for panel in case_panels():
        context.update(panel.context(user=user, case=case))
    context.update(extra)
    return context


@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.case_with_records(request.user, case_id)
    record_people_seen(request, [case.person_id], page="case", target=case)
    context = _case_page_context(request, case, all_notes=request.GET.get("timeline") == "all")
    return render(request, "cases/case_detail.html", context)


@login_required
@require_POST
@submit_once
def note_add(request: HttpRequest, case_id: int) -> HttpResponse:
    """Quick note entry (works from a phone at a visit): htmx swaps the form and timeline in place."""
    case = selectors.get_case(request.user, case_id)
    require_perm(request, "cases.add_note", case)
    form = limit_to_case(note_form_for(case, request.POST), intake_date=case.intake_date)
    saved = False
    if form.is_valid():
        try:
            services.add_note(case=case, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            saved = True
    if saved and not request.htmx:
        messages.success(request, _("The note was saved."))
        return redirect(_case_url(case))
    case = selectors.case_with_records(request.user, case_id)
    record_people_seen(request, [case.person_id], page="case_notes", target=case)
    if not request.htmx:
        return render(
            request, "cases/case_detail.html", _case_page_context(request, case, note_form=form), status=400
        )
    context = _case_page_context(
        request, case, note_form=note_form_for(case) if saved else form, note_saved=saved
    )
    return render(request, "cases/_notes_and_timeline.html", context, status=200 if saved else 400)


# ---------------------------------------------------------------- assessment, plan


def _work_case(request: HttpRequest, case_id: int) -> Case:
    case = selectors.get_case(request.user, case_id)
    require_perm(request, "cases.work_on_case", case)
    return case


def _rows_posted(request: HttpRequest, prefix: str):
    """The posted rows of a table, or None when the post carries no such table (a client that sends only
    the main form leaves the rows as they are)."""
    return request.POST if f"{prefix}-TOTAL_FORMS" in request.POST else None


def _rows_valid(*formsets) -> bool:
    return all([formset.is_valid() for formset in formsets if formset.is_bound])


def _support_rows(formset) -> dict:
    return {"support_rows": formset_rows(formset)} if formset.is_bound else {}


@login_required
@submit_once
def assessment_create(request: HttpRequest, case_id: int) -> HttpResponse:
    """The assessment sheet. A change of a score (htmx) or the "propose" button asks for the stage the
    scores propose: shown with its reasons beside the stage field, which takes it unless the worker chose."""
    case = _work_case(request, case_id)
    stage = case.person.current_stage
    form = AssessmentForm(request.POST or None, initial={"confirmed_stage": stage, "stage_offered": stage})
    work_history = WorkHistoryFormSet(_rows_posted(request, "work"), prefix="work")
    family = FamilyFormSet(_rows_posted(request, "family"), prefix="family")
    limit_to_case(form, intake_date=case.intake_date)
    context = {"case": case, "form": form, "work_history": work_history, "family": family}
    if request.method == "POST" and request.POST.get("propose"):
        form.follow_proposal()
        if request.htmx:  # the stage part of the page only: it names no one
            response = render(request, "cases/_stage_proposal.html", context)
            response.form_saved = False  # a proposal saves nothing: the form's one-time token stays unused
            return response
        record_people_seen(request, [case.person_id], page="assessment_create", target=case)
        return render(request, "cases/assessment_form.html", context)
    if request.method == "POST" and form.is_valid() & _rows_valid(work_history, family):
        try:
            assessment = services.record_assessment(
                case=case,
                actor=request.user,
                fields=form.assessment_fields(),
                scores=form.scores(),
                confirmed_stage=form.cleaned_data["confirmed_stage"],
                stage_reason=form.cleaned_data["stage_reason"],
                work_history=formset_rows(work_history) if work_history.is_bound else (),
                family=formset_rows(family) if family.is_bound else (),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assessment was saved."))
            return redirect("cases:assessment_detail", assessment_id=assessment.pk)
    form.follow_proposal()
    return _render_form(request, "cases/assessment_form.html", context)


@login_required
@require_GET
def assessment_detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """A saved assessment: its sheet, the stage proposed (and why) and confirmed, and its scores beside
    the case's assessment before it."""
    assessment = selectors.get_assessment(request.user, assessment_id)
    case = assessment.case
    record_people_seen(request, [case.person_id], page="assessment", target=assessment)
    scores = {code: score for code, _label, score in assessment.scores()}
    context = {
        "case": case,
        "history": selectors.assessment_history(assessment),
        "assessment": assessment,
        "proposal": services.explain_stage(scores),
        "can_work": request.user.has_perm("cases.work_on_case", case),
    }
    return render(request, "cases/assessment_detail.html", context)


@login_required
@submit_once
def plan_create(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _work_case(request, case_id)
    form = PlanForm(request.POST or None, initial={"statutory_services": ["consultation"]})
    supports = PlanSupportFormSet(_rows_posted(request, "supports"), prefix="supports")
    limit_to_case(form, intake_date=case.intake_date)
    if request.method == "POST" and form.is_valid() & _rows_valid(supports):
        try:
            plan = services.create_plan(
                case=case, actor=request.user, fields={**form.plan_fields(), **_support_rows(supports)}
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Plan version %(v)s was saved as a draft.") % {"v": plan.version})
            return redirect("cases:plan_edit", plan_id=plan.pk)
    return _render_form(request, "cases/plan_form.html", {"case": case, "form": form, "supports": supports})


@login_required
def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.get_plan(request.user, plan_id)
    case = plan.case
    editable = request.user.has_perm("cases.edit_plan", plan)
    form = PlanForm(request.POST or None, instance=plan)
    initial_rows = [
        {k: getattr(r, k) for k in ("agency", "content", "frequency")} for r in plan.support_rows.all()
    ]
    supports = PlanSupportFormSet(_rows_posted(request, "supports"), prefix="supports", initial=initial_rows)
    limit_to_case(form, intake_date=case.intake_date)
    conflict = None
    if request.method == "POST":
        require_perm(request, "cases.edit_plan", plan)
        if form.is_valid() & _rows_valid(supports):
            was_waiting = plan.status == PlanStatus.SUBMITTED
            try:
                saved = services.update_plan(
                    plan=plan,
                    actor=request.user,
                    edit_version=form.cleaned_data["edit_version"],
                    fields={**form.plan_fields(), **_support_rows(supports)},
                )
            except services.EditConflict as error:
                conflict = error
                form.add_error(None, error)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if was_waiting and saved.status == PlanStatus.DRAFT:
                    messages.warning(
                        request,
                        _("The plan was changed while it waited for approval, so it is a draft again: "
                          "send it for approval when it is ready."),
                    )  # fmt: skip
                else:
                    messages.success(request, _("The plan was saved."))
                return redirect("cases:plan_edit", plan_id=plan.pk)
    context = {
        "case": case, "plan": plan, "form": form, "supports": supports, "editable": editable,
        "conflict": conflict, "decision_form": ServiceDecisionForm(initial={"decided_on": plan.decided_on}),
        "can_work": request.user.has_perm("cases.work_on_case", case),
    }  # fmt: skip
    return _render_form(request, "cases/plan_form.html", context)


@login_required
@require_POST
def plan_decision(request: HttpRequest, plan_id: int) -> HttpResponse:
    """支援決定日 of an approved plan."""
    plan = selectors.get_plan(request.user, plan_id)
    require_perm(request, "cases.work_on_case", plan.case)
    form = ServiceDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.record_service_decision(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The municipality's decision date was saved."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("cases:plan_edit", plan_id=plan.pk)


@login_required
@require_POST
def plan_submit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.get_plan(request.user, plan_id)
    require_perm(request, "cases.work_on_case", plan.case)
    try:
        services.submit_plan(plan=plan, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("cases:plan_edit", plan_id=plan.pk)
    messages.success(request, _("The plan was sent for approval."))
    return redirect(_case_url(plan.case))


@login_required
@require_POST
def plan_return(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.get_plan(request.user, plan_id)
    require_perm(request, "cases.supervise_case", plan.case)  # before the form: 403 whatever was sent
    form = ReturnPlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what needs changing before sending the plan back."))
        return redirect("cases:approvals")
    try:
        services.return_plan(plan=plan, actor=request.user, comment=form.cleaned_data["comment"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The plan was sent back to its worker."))
    return redirect("cases:approvals")


# ---------------------------------------------------------------- monitoring, evaluation, closure


@login_required
@submit_once
def monitoring_create(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _work_case(request, case_id)
    form = limit_to_case(MonitoringForm(request.POST or None), intake_date=case.intake_date)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_monitoring(case=case, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The monitoring was saved."))
            return redirect(_case_url(case))
    context = {"case": case, "form": form, "title": _("Monitoring")}
    return _render_form(request, "cases/simple_form.html", context)


@login_required
@submit_once
def evaluation_create(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _work_case(request, case_id)
    plan = selectors.current_plan(case)
    goals = plan.goal_lines() if plan else []
    form = limit_to_case(EvaluationForm(request.POST or None, goals=goals), intake_date=case.intake_date)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = services.record_evaluation(case=case, actor=request.user, **form.evaluation_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The evaluation was saved."))
            if evaluation.outcome == "new_plan":
                return redirect("cases:plan_create", case_id=case.pk)
            if evaluation.outcome == "close":
                return redirect("cases:closure_request", case_id=case.pk)
            return redirect(_case_url(case))
    context = {"case": case, "form": form, "title": _("Evaluation")}
    return _render_form(request, "cases/simple_form.html", context)


@login_required
@submit_once
def emergency_support_add(request: HttpRequest, case_id: int) -> HttpResponse:
    """緊急支援 before a plan: food, a loan, a night's shelter …"""
    case = _work_case(request, case_id)
    form = limit_to_case(EmergencySupportForm(request.POST or None), intake_date=case.intake_date)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_emergency_support(case=case, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The emergency support was recorded."))
            return redirect(_case_url(case))
    context = {"case": case, "form": form, "title": _("Emergency support (緊急支援)")}
    return _render_form(request, "cases/simple_form.html", context)


@login_required
@submit_once
def closure_request(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _work_case(request, case_id)
    form = limit_to_case(ClosureForm(request.POST or None), intake_date=case.intake_date)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_closure(case=case, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The closure was sent to the supervisor for approval."))
            return redirect(_case_url(case))
    context = {"case": case, "form": form, "title": _("Close the case")}
    return _render_form(request, "cases/simple_form.html", context)


@login_required
def closure_decide(request: HttpRequest, closure_id: int) -> HttpResponse:
    closure = selectors.get_closure(request.user, closure_id)
    require_perm(request, "cases.supervise_case", closure.case)
    form = ClosureDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_closure(closure=closure, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect(_case_url(closure.case))
    context = {"case": closure.case, "closure": closure, "form": form, "title": _("Decide the closure")}
    return _render_form(request, "cases/simple_form.html", context)


@login_required
def reassign(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.get_case(request.user, case_id)
    require_perm(request, "cases.supervise_case", case)
    initial = {"worker": case.worker_id, "employment_worker": case.employment_worker_id}
    form = ReassignForm(request.POST or None, office=case.office, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.reassign_case(case=case, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The case was reassigned."))
            return redirect(_case_url(case))
    context = {"case": case, "form": form, "title": _("Reassign the case")}
    return _render_form(request, "cases/simple_form.html", context)
