"""The meetings pages: thin views over network's selectors and services. A meeting out of the user's
scope is 404 (selectors); every response that names a case's person records the read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_people_seen
from tsunagu.core.editing import EditConflict
from tsunagu.core.forms import add_service_errors, form_status, query_status
from tsunagu.core.http import KeyFirstPaginator, require_perm
from tsunagu.core.submissions import submit_once
from tsunagu.network import selectors, services
from tsunagu.network.forms import (
    AcknowledgeForm,
    ActionDoneForm,
    ActionForm,
    AgendaForm,
    AttendeeForm,
    BodyForm,
    CoordinationForm,
    DecisionForm,
    MeetingFilterForm,
    MeetingForm,
    MinutesForm,
)
from tsunagu.network.models import Meeting

PAGE_SIZE = 30


# ---------------------------------------------------------------- the list and a new meeting


@login_required
@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, "network.view_meetings")
    form = MeetingFilterForm(request.GET)
    status = query_status(request, form)
    meetings = selectors.meeting_list(request.user, kind=form.value("kind", ""))
    page = KeyFirstPaginator(meetings, PAGE_SIZE, rows=selectors.meeting_rows).get_page(form.value("page", 1))
    context = {
        "form": form,
        "page": page,
        "can_manage_bodies": request.user.has_perm("network.manage_bodies"),
    }
    return render(request, "network/meeting_list.html", context, status=status)


@login_required
@submit_once
def meeting_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, "network.create_meeting")
    user = request.user
    form = MeetingForm(
        request.POST or None, bodies=selectors.active_bodies(user), staff=selectors.office_staff(user.office_id),
        contacts=selectors.contacts(),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.create_meeting(
                actor=user, fields=form.service_fields(), attendees=list(form.cleaned_data["attendees"]),
                contacts=list(form.cleaned_data["contacts"]),
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting was recorded."))
            return redirect("network:meeting_detail", meeting_id=meeting.pk)
    return render(request, "network/meeting_form.html", {"form": form}, status=form_status(request, form))


# ---------------------------------------------------------------- one meeting


def _page_forms(request: HttpRequest, page: selectors.MeetingPage) -> dict:
    """The meeting page's forms, blank (a refused one replaces its blank in the context). The folded ones
    (attendee, agenda, decision, action) list staff, contacts or a hundred cases: each is built only when
    asked for (?add=<name>), so the page itself stays light for a meeting of eighty cases."""
    meeting, user = page.meeting, request.user
    forms = {
        "acknowledge_form": AcknowledgeForm(meeting=meeting),
        "coordination_form": CoordinationForm(plans=page.plans_to_decide, closures=page.closures_to_decide),
    }
    build = {
        "attendee": lambda: AttendeeForm(staff=selectors.office_staff(meeting.office_id), contacts=selectors.contacts()),
        "agenda": lambda: AgendaForm(candidates=list(selectors.agenda_candidates(user, meeting))),
        "decision": lambda: DecisionForm(agenda=page.agenda),
        "action": lambda: ActionForm(staff=selectors.office_staff(meeting.office_id), agenda=page.agenda),
    }  # fmt: skip
    asked = request.GET.get("add")
    if asked in build:
        forms[f"{asked}_form"] = build[asked]()
    return forms


def _meeting_page(request: HttpRequest, meeting: Meeting, *, status: int = 200, **bound) -> HttpResponse:
    user = request.user
    page = selectors.meeting_page(user, meeting)
    record_people_seen(request, page.people, page="meeting", target=meeting)
    can_edit = user.has_perm("network.edit_meeting", meeting)
    context = {
        "meeting": meeting,
        "page": page,
        "can_edit": can_edit,
        "can_approve": user.has_perm("cases.approve"),
        "attends": any(a.user_id == user.pk for a in page.attendees),
        # The blank forms (and their choices: staff, contacts, candidate cases) only for who may use them.
        **(_page_forms(request, page) if can_edit else {}),
        **bound,
    }
    return render(request, "network/meeting_detail.html", context, status=status)


@login_required
@require_GET
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    require_perm(request, "network.view_meetings")
    meeting = selectors.get_meeting(request.user, meeting_id)
    require_perm(request, "network.view_meeting", meeting)
    return _meeting_page(request, meeting)


def _editable(request: HttpRequest, meeting_id: int) -> Meeting:
    require_perm(request, "network.view_meetings")
    meeting = selectors.get_meeting(request.user, meeting_id)
    require_perm(request, "network.edit_meeting", meeting)
    return meeting


def _done(request: HttpRequest, meeting: Meeting, message: str, anchor: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(f"{meeting_url(meeting)}#{anchor}")


def meeting_url(meeting: Meeting) -> str:
    return reverse("network:meeting_detail", args=[meeting.pk])


@login_required
def meeting_edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The minutes (議事録) and the place, edited with the version they were opened on."""
    meeting = _editable(request, meeting_id)
    form = MinutesForm(request.POST or None, instance=meeting)
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.MINUTES_FIELDS}
        try:
            services.update_minutes(
                actor=request.user,
                meeting=meeting,
                edit_version=form.cleaned_data["edit_version"],
                fields=fields,
            )
        except EditConflict as error:
            conflict = error
            form.add_error(None, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, meeting, _("The minutes were saved."), "minutes")
    page = selectors.meeting_page(request.user, meeting)
    record_people_seen(request, page.people, page="meeting_minutes", target=meeting)
    context = {"meeting": meeting, "form": form, "conflict": conflict, "page": page}
    return render(request, "network/minutes_form.html", context, status=form_status(request, form))


@login_required
@require_POST
def attendee_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _editable(request, meeting_id)
    form = AttendeeForm(
        request.POST, staff=selectors.office_staff(meeting.office_id), contacts=selectors.contacts()
    )
    if form.is_valid():
        try:
            services.add_attendee(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, meeting, _("The attendee was added."), "attendees")
    return _meeting_page(request, meeting, status=400, attendee_form=form)


@login_required
@require_POST
def acknowledge(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _editable(request, meeting_id)
    form = AcknowledgeForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.acknowledge_confidentiality(
                actor=request.user, meeting=meeting, attendee=form.cleaned_data["attendee"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, meeting, _("The duty of confidentiality was acknowledged."), "attendees")
    return _meeting_page(request, meeting, status=400, acknowledge_form=form)


@login_required
@require_POST
def agenda_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _editable(request, meeting_id)
    form = AgendaForm(request.POST, candidates=list(selectors.agenda_candidates(request.user, meeting)))
    if form.is_valid():
        cases = list(form.cleaned_data["cases"])
        reference = form.cleaned_data["reference"].strip()
        try:
            if reference:
                try:
                    cases.append(selectors.case_by_reference(request.user, reference))
                except Http404:
                    raise ValidationError(
                        {"reference": _("No case with this reference among yours.")}
                    ) from None
            services.add_cases_to_agenda(actor=request.user, meeting=meeting, cases=cases)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, meeting, _("The agenda was updated."), "agenda")
    return _meeting_page(request, meeting, status=400, agenda_form=form)


@login_required
@require_POST
def coordination_decide(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """支援調整会議: several plans (and closures) approved at once; the 支援決定日 when known."""
    meeting = _editable(request, meeting_id)
    page = selectors.meeting_page(request.user, meeting)
    form = CoordinationForm(request.POST, plans=page.plans_to_decide, closures=page.closures_to_decide)
    if form.is_valid():
        try:
            decisions = services.record_coordination_decisions(
                actor=request.user, meeting=meeting, plans=list(form.cleaned_data["plans"]),
                closures=list(form.cleaned_data["closures"]), decided_on=form.cleaned_data["decided_on"],
                seen_versions=form.cleaned_data["versions"],
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            message = _("%(count)d decision(s) recorded and applied to the cases.") % {
                "count": len(decisions)
            }
            return _done(request, meeting, message, "decisions")
    return _meeting_page(request, meeting, status=400, coordination_form=form)


@login_required
@require_POST
def decision_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _editable(request, meeting_id)
    page = selectors.meeting_page(request.user, meeting)
    form = DecisionForm(request.POST, agenda=page.agenda)
    if form.is_valid():
        try:
            services.record_decision(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, meeting, _("The decision was recorded."), "decisions")
    return _meeting_page(request, meeting, status=400, decision_form=form)


@login_required
@require_POST
@submit_once
def action_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _editable(request, meeting_id)
    page = selectors.meeting_page(request.user, meeting)
    form = ActionForm(request.POST, staff=selectors.office_staff(meeting.office_id), agenda=page.agenda)
    if form.is_valid():
        try:
            services.add_action_item(actor=request.user, meeting=meeting, fields=form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, meeting, _("The action was added."), "actions")
    return _meeting_page(request, meeting, status=400, action_form=form)


@login_required
@require_POST
def action_done(request: HttpRequest, action_id: int) -> HttpResponse:
    """The owner ticks an action done (from the caseload or the meeting)."""
    require_perm(request, "network.view_meetings")
    action = selectors.get_action(request.user, action_id)
    form = ActionDoneForm(request.POST)
    if form.is_valid():
        try:
            services.complete_action(actor=request.user, action=action, done_on=form.cleaned_data["done_on"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The action was marked done."))
            return redirect("cases:caseload")
    people = [action.case.person_id] if action.case_id else []
    record_people_seen(request, people, page="meeting_action", target=action)
    return render(request, "network/action_done.html", {"action": action, "form": form}, status=400)


@login_required
@require_GET
def minutes_pdf(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """議事録 as a Japanese PDF (和暦 dates); the download is audited with the people it names."""
    require_perm(request, "network.view_meetings")
    meeting = selectors.get_meeting(request.user, meeting_id)
    require_perm(request, "network.view_meeting", meeting)
    page = selectors.meeting_page(request.user, meeting)
    from tsunagu.network.documents import minutes_pdf as render_minutes

    content = render_minutes(page)
    record_people_seen(
        request, page.people, page="meeting_minutes_pdf", target=meeting, action=AuditAction.EXPORT,
        extra={"meeting": meeting.pk},
    )  # fmt: skip
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="minutes-{meeting.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------------- standing bodies (部会)


@login_required
def body_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, "network.manage_bodies")
    return _body_form(request, None)


@login_required
def body_edit(request: HttpRequest, body_id: int) -> HttpResponse:
    require_perm(request, "network.manage_bodies")
    return _body_form(request, selectors.get_body(request.user, body_id))


def _body_form(request: HttpRequest, body) -> HttpResponse:
    user = request.user
    form = BodyForm(
        request.POST or None, instance=body, staff=selectors.office_staff(user.office_id),
        contacts=selectors.contacts(),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.save_body(
                actor=user, body=body, fields=form.service_fields(), members=list(form.cleaned_data["members"]),
                outside_members=list(form.cleaned_data["outside_members"]),
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The sub-committee was saved."))
            return redirect("network:body_list")
    context = {"form": form, "body": body, "bodies": list(selectors.bodies(user))}
    return render(request, "network/bodies.html", context, status=form_status(request, form))
