"""The community pages: thin views over community's selectors and services. Issues, resources, sessions
and projects name no one; the pages that do (a resource's referred people and volunteers, a project's
participants, the people who moved to supporting) record the read. Counts of people reach roles that may
not see people with the small ones suppressed (community/areas.py)."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event, record_people_seen
from tsunagu.cases.selectors import get_person
from tsunagu.community import areas as area_figures
from tsunagu.community import selectors, services
from tsunagu.community.diagram import flow_diagram
from tsunagu.community.forms import (
    AreaChoiceForm,
    FlowForm,
    IssueEditForm,
    IssueFilterForm,
    IssueForm,
    IssueStatusForm,
    MatchForm,
    PartnerForm,
    PeriodForm,
    ProjectForm,
    ResourceForm,
    SessionCorrectionForm,
    SessionForm,
    SupporterEditForm,
    SupporterEndForm,
    SupporterForm,
    WorkDayForm,
)
from tsunagu.core.forms import add_service_errors, edit_conflict_in, form_status, query_status
from tsunagu.core.http import require_perm
from tsunagu.core.submissions import submit_once
from tsunagu.core.suppression import suppress_table

VIEW = "community.view_community"
MANAGE = "community.manage_community"


def _saved(request: HttpRequest, message: str, to: str, **kwargs) -> HttpResponse:
    messages.success(request, message)
    return redirect(to, **kwargs)


# ---------------------------------------------------------------- the overview


CAFETERIA_COLUMNS = ("meals", "children", "adults", "volunteers")


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    require_perm(request, VIEW)
    form = PeriodForm(request.GET)
    status = query_status(request, form)
    start, end = form.period()
    moved = list(selectors.supported_to_supporting(request.user))
    record_people_seen(request, {role.person_id for role in moved}, page="community_home")
    cafeterias = selectors.cafeteria_totals(start=start, end=end)
    cells, totals = _counts_table(
        request, [[row[c] for c in ("count", *CAFETERIA_COLUMNS)] for row in cafeterias]
    )
    context = {
        "form": form,
        "start": start,
        "end": end,
        "unmatched": selectors.unmatched_by_area(),
        "cafeterias": list(zip(cafeterias, cells, strict=True)),
        "cafeteria_totals": totals,
        "sees_people": selectors.sees_people(request.user),
        "supporters": _supporter_figures(request),
        "moved": moved,
        "projects": selectors.project_list(),
        "bodies": selectors.bodies(),
        "can_manage": request.user.has_perm(MANAGE),
    }
    return render(request, "community/home.html", context, status=status)


def _supporter_figures(request: HttpRequest) -> dict[str, str]:
    """The supporter counts as the user may see them (under 5 suppressed for roles that may not see people)."""
    counts = selectors.supporter_counts()
    if selectors.sees_people(request.user):
        return {key: f"{value:,}" for key, value in counts.items()}
    table = suppress_table([[counts["once_supported"], counts["supporters"] - counts["once_supported"]]])
    return {"supporters": table.row_total(0), "once_supported": table.cell(0, 0)}


# ---------------------------------------------------------------- issues


def _issue_form(request: HttpRequest) -> IssueForm:
    return IssueForm(
        request.POST or None, initial=_issue_initial(request), areas=selectors.areas(), themes=selectors.themes(),
        meetings=selectors.body_meetings(), bodies=selectors.bodies(),
    )  # fmt: skip


def _issue_initial(request: HttpRequest) -> dict:
    """A link from a meeting (?meeting=) or a sub-committee (?body=) fills in where the issue was raised."""
    return {
        name: request.GET[name] for name in ("meeting", "body", "area") if request.GET.get(name, "").isdigit()
    }


@login_required
@require_GET
def issue_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, VIEW)
    form = IssueFilterForm(request.GET, areas=selectors.areas())
    status = query_status(request, form)
    issues = selectors.issue_list(area=form.value("area"), status=form.value("status", ""))
    context = {
        "form": form, "issues": issues, "can_manage": request.user.has_perm(MANAGE),
        "sees_people": selectors.sees_people(request.user),
    }  # fmt: skip
    return render(request, "community/issue_list.html", context, status=status)


@login_required
@submit_once
def issue_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, MANAGE)
    form = _issue_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            issue = services.raise_issue(actor=request.user, fields=form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(request, _("The issue was recorded."), "community:issue_detail", issue_id=issue.pk)
    return render(request, "community/issue_form.html", {"form": form}, status=form_status(request, form))


@login_required
@require_GET
def issue_detail(request: HttpRequest, issue_id: int) -> HttpResponse:
    require_perm(request, VIEW)
    issue = selectors.get_issue(issue_id)
    return render(request, "community/issue_detail.html", _issue_context(request, issue))


def _issue_context(request: HttpRequest, issue, match_form: MatchForm | None = None) -> dict:
    return {
        "issue": issue,
        "matches": selectors.issue_matches(issue),
        "suggestions": selectors.suggestions(issue),
        "match_form": match_form or MatchForm(resources=selectors.resources()),
        "status_form": IssueStatusForm(initial={"status": issue.status}),
        "sees_people": selectors.sees_people(request.user),
        "can_manage": request.user.has_perm(MANAGE),
    }


@login_required
@require_POST
@submit_once
def issue_match(request: HttpRequest, issue_id: int) -> HttpResponse:
    require_perm(request, MANAGE)
    issue = selectors.get_issue(issue_id)
    form = MatchForm(request.POST, resources=selectors.resources())
    if form.is_valid():
        try:
            services.match_issue(actor=request.user, issue=issue, fields=form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(
                request,
                _("The issue was matched to the resource."),
                "community:issue_detail",
                issue_id=issue.pk,
            )
    context = _issue_context(request, issue, match_form=form)
    return render(request, "community/issue_detail.html", context, status=form_status(request, form))


@login_required
def issue_edit(request: HttpRequest, issue_id: int) -> HttpResponse:
    require_perm(request, MANAGE)
    issue = selectors.get_issue(issue_id)
    form = IssueEditForm(
        request.POST or None,
        issue=issue,
        areas=selectors.areas_for(issue),
        themes=selectors.themes_for(issue),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_issue(
                actor=request.user, issue=issue, edit_version=form.cleaned_data["edit_version"],
                fields=form.service_fields(),
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(request, _("The changes were saved."), "community:issue_detail", issue_id=issue.pk)
    context = {"form": form, "issue": issue, "conflict": edit_conflict_in(form)}
    return render(request, "community/issue_form.html", context, status=form_status(request, form))


@login_required
@require_POST
def issue_status(request: HttpRequest, issue_id: int) -> HttpResponse:
    require_perm(request, MANAGE)
    issue = selectors.get_issue(issue_id)
    form = IssueStatusForm(request.POST)
    if form.is_valid():
        services.set_issue_status(actor=request.user, issue=issue, status=form.cleaned_data["status"])
        return _saved(request, _("The status was changed."), "community:issue_detail", issue_id=issue.pk)
    context = _issue_context(request, issue) | {"status_form": form}
    return render(request, "community/issue_detail.html", context, status=400)


# ---------------------------------------------------------------- resources


@login_required
@require_GET
def resource_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, VIEW)
    context = {"resources": selectors.resource_list(), "can_manage": request.user.has_perm(MANAGE)}
    return render(request, "community/resource_list.html", context)


@login_required
@submit_once
def resource_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, MANAGE)
    form = ResourceForm(
        request.POST or None, kinds=selectors.resource_kinds(), areas=selectors.areas(),
        organisations=selectors.organisations(), services=selectors.services(), themes=selectors.themes(),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.add_resource(actor=request.user, fields=form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(
                request, _("The resource was recorded."), "community:resource_detail", resource_id=resource.pk
            )
    return render(request, "community/resource_form.html", {"form": form}, status=form_status(request, form))


@login_required
@require_GET
def resource_detail(request: HttpRequest, resource_id: int) -> HttpResponse:
    require_perm(request, VIEW)
    resource = selectors.get_resource(resource_id)
    return _resource_page(request, resource, SessionForm())


SESSION_COLUMNS = ("meals", "volunteers", "children", "adults")


def _counts_table(request: HttpRequest, rows: list[list[int]]) -> tuple[list[list[str]], list[str]]:
    """Rows of counts of people and their column totals, as the user may see them: suppressed (small
    counts and what they could be worked out from) for roles that may not see people."""
    width = len(rows[0]) if rows else 0
    if selectors.sees_people(request.user):
        return [[f"{v:,}" for v in row] for row in rows], [
            f"{sum(r[c] for r in rows):,}" for c in range(width)
        ]
    table = suppress_table(rows, row_totals=False, column_totals=True)
    shown = [[table.cell(r, c) for c in range(width)] for r in range(len(rows))]
    return shown, [table.column_total(c) for c in range(width)]


def _resource_page(request: HttpRequest, resource, form: SessionForm, status: int = 200) -> HttpResponse:
    page = selectors.resource_page(request.user, resource)
    record_people_seen(request, page.people, page="community_resource", target=resource)
    cells, totals = _counts_table(request, [[getattr(s, c) for c in SESSION_COLUMNS] for s in page.sessions])
    context = {
        "resource": resource,
        "page": page,
        "session_rows": list(zip(page.sessions, cells, strict=True)),
        "session_totals": totals,
        "sees_people": selectors.sees_people(request.user),
        "form": form,
        "can_record": request.user.has_perm("community.record_sessions", resource),
        "can_refer": request.user.has_perm("network.refer_cases"),
    }
    return render(request, "community/resource_detail.html", context, status=status)


@login_required
@require_POST
@submit_once
def session_create(request: HttpRequest, resource_id: int) -> HttpResponse:
    require_perm(request, VIEW)
    resource = selectors.get_resource(resource_id)
    require_perm(request, "community.record_sessions", resource)
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            services.record_resource_session(
                actor=request.user, resource=resource, fields=form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(
                request, _("The session was recorded."), "community:resource_detail", resource_id=resource.pk
            )
    return _resource_page(request, resource, form, status=form_status(request, form))


@login_required
def session_edit(request: HttpRequest, resource_session_id: int) -> HttpResponse:
    """Correct a session's counts (a day's session is recorded once; a mistake is corrected here)."""
    require_perm(request, VIEW)
    session = selectors.get_resource_session(resource_session_id)
    require_perm(request, "community.record_sessions", session.resource)
    form = SessionCorrectionForm(request.POST or None, initial=SessionCorrectionForm.initial_of(session))
    if request.method == "POST" and form.is_valid():
        try:
            services.correct_resource_session(
                actor=request.user, session=session, edit_version=form.cleaned_data["edit_version"],
                fields=form.service_fields(),
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(
                request, _("The session was corrected."), "community:resource_detail",
                resource_id=session.resource_id,
            )  # fmt: skip
    context = {
        "form": form,
        "session": session,
        "resource": session.resource,
        "conflict": edit_conflict_in(form),
    }
    return render(request, "community/session_form.html", context, status=form_status(request, form))


# ---------------------------------------------------------------- supporters


@login_required
@submit_once
def supporter_create(request: HttpRequest, person_id: int) -> HttpResponse:
    require_perm(request, MANAGE)
    person = get_person(request.user, person_id)
    require_perm(request, "people.work_on_person", person)
    form = SupporterForm(
        request.POST or None, resources=selectors.resources(), hosts=selectors.program_hosts()
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_supporter_role(actor=request.user, person=person, fields=form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(
                request, _("The supporter role was recorded."), "people:detail", person_id=person.pk
            )
    record_people_seen(request, [person.pk], page="community_supporter_form", target=person)
    context = {"form": form, "person": person}
    return render(request, "community/supporter_form.html", context, status=form_status(request, form))


def _supporter_role(request: HttpRequest, role_id: int):
    """The role, in the user's scope (404 otherwise), for a user who may work on its person."""
    require_perm(request, MANAGE)
    role = selectors.get_supporter_role(request.user, role_id)
    require_perm(request, "people.work_on_person", role.person)
    return role


def _supporter_page(request: HttpRequest, role, template: str, form, page: str) -> HttpResponse:
    record_people_seen(request, [role.person_id], page=page, target=role.person)
    context = {"form": form, "person": role.person, "role": role, "conflict": edit_conflict_in(form)}
    return render(request, template, context, status=form_status(request, form))


@login_required
def supporter_edit(request: HttpRequest, role_id: int) -> HttpResponse:
    role = _supporter_role(request, role_id)
    form = SupporterEditForm(
        request.POST or None, initial=SupporterEditForm.initial_of(role), resources=selectors.resources(),
        hosts=selectors.program_hosts(),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.update_supporter_role(
                actor=request.user, role=role, edit_version=form.cleaned_data["edit_version"],
                fields=form.service_fields(),
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(request, _("The changes were saved."), "people:detail", person_id=role.person_id)
    return _supporter_page(request, role, "community/supporter_form.html", form, "community_supporter_edit")


@login_required
def supporter_end(request: HttpRequest, role_id: int) -> HttpResponse:
    role = _supporter_role(request, role_id)
    form = SupporterEndForm(request.POST or None, initial={"edit_version": role.edit_version})
    if request.method == "POST" and form.is_valid():
        try:
            services.end_supporter_role(
                actor=request.user, role=role, edit_version=form.cleaned_data["edit_version"],
                ended_on=form.cleaned_data["ended_on"],
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(
                request, _("The supporter role was ended."), "people:detail", person_id=role.person_id
            )
    return _supporter_page(request, role, "community/supporter_end.html", form, "community_supporter_end")


# ---------------------------------------------------------------- the area view and sub-committees


def _period(request: HttpRequest) -> tuple[PeriodForm, int, object, object]:
    form = PeriodForm(request.GET)
    status = query_status(request, form)
    start, end = form.period()
    return form, status, start, end


@login_required
@require_GET
def area_view(request: HttpRequest) -> HttpResponse:
    require_perm(request, VIEW)
    form, status, start, end = _period(request)
    suppress = not selectors.sees_people(request.user)
    grid = area_figures.area_grid(start=start, end=end, suppress=suppress)
    measure = form.value("measure", "consultations")
    column = [key for key, _label in area_figures.MEASURES].index(measure)
    context = {
        "form": form,
        "start": start,
        "end": end,
        "grid": grid,
        "concerns": area_figures.concern_grid(start=start, end=end, suppress=suppress),
        "tiles": area_figures.tiles(grid, column),
        "measure_label": grid.headings[column],
        "query": request.GET.urlencode(),
    }
    return render(request, "community/area_view.html", context, status=status)


@login_required
@require_GET
def area_export(request: HttpRequest) -> HttpResponse:
    """The area grid for outside use: always suppressed, whoever downloads it, and the download audited."""
    require_perm(request, VIEW)
    _form, status, start, end = _period(request)
    if status != 200:
        return HttpResponse(status=400)
    grid = area_figures.area_grid(start=start, end=end, suppress=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("Area"), _("Municipality"), *grid.headings])
    for row in grid.rows:
        writer.writerow([row.name, row.municipality, *row.cells])
    writer.writerow([_("Total"), "", *grid.totals])
    writer.writerow([grid.legend])
    record_event(
        action=AuditAction.EXPORT, actor=request.user, target=None,
        detail={"page": "community_area_export", "start": start.isoformat(), "end": end.isoformat()},
        request=request,
    )  # fmt: skip
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="area-{start:%Y%m%d}-{end:%Y%m%d}.csv"'
    return response


@login_required
@require_GET
def body_detail(request: HttpRequest, body_id: int) -> HttpResponse:
    require_perm(request, VIEW)
    body = selectors.get_body(body_id)
    return _body_page(request, body, None)


def _body_page(
    request: HttpRequest, body, area_form: AreaChoiceForm | None, status: int = 200
) -> HttpResponse:
    form, query, start, end = _period(request)
    area = selectors.body_area(body)
    grid = area_figures.area_grid(start=start, end=end, suppress=not selectors.sees_people(request.user))
    context = {
        "body": body,
        "area": area,
        "form": form,
        "start": start,
        "end": end,
        "grid": grid,
        "row": grid.row_of(area.pk) if area else None,
        "issues": selectors.issue_list(body=body),
        "meetings": selectors.body_meetings_of(body),
        "sees_people": selectors.sees_people(request.user),
        "area_form": area_form
        or AreaChoiceForm(initial={"area": area.pk if area else None}, areas=selectors.areas()),
        "can_manage": request.user.has_perm(MANAGE),
    }
    return render(request, "community/body_detail.html", context, status=max(status, query))


@login_required
@require_POST
def body_area(request: HttpRequest, body_id: int) -> HttpResponse:
    require_perm(request, MANAGE)
    body = selectors.get_body(body_id)
    form = AreaChoiceForm(request.POST, areas=selectors.areas())
    if not form.is_valid():
        return _body_page(request, body, form, status=400)
    services.set_body_area(actor=request.user, body=body, area=form.cleaned_data["area"])
    return _saved(
        request, _("The area of the sub-committee was recorded."), "community:body_detail", body_id=body.pk
    )


# ---------------------------------------------------------------- community projects


@login_required
@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, VIEW)
    context = {"projects": selectors.project_list(), "can_manage": request.user.has_perm(MANAGE)}
    return render(request, "community/project_list.html", context)


@login_required
@submit_once
def project_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, MANAGE)
    form = ProjectForm(
        request.POST or None, areas=selectors.areas(), resources=selectors.resources(),
        hosts=selectors.program_hosts(),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            project = services.create_project(actor=request.user, fields=form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(
                request, _("The project was recorded."), "community:project_detail", project_id=project.pk
            )
    return render(request, "community/project_form.html", {"form": form}, status=form_status(request, form))


def _project_forms(data=None) -> dict:
    organisations = selectors.organisations()
    return {
        "partner_form": PartnerForm(data, organisations=organisations),
        "flow_form": FlowForm(data, organisations=organisations),
        "day_form": WorkDayForm(data),
    }


def _project_page(request: HttpRequest, project, forms: dict, status: int = 200) -> HttpResponse:
    page = selectors.project_page(request.user, project)
    record_people_seen(request, page.people, page="community_project", target=project)
    context = {
        "project": project,
        "page": page,
        "diagram": flow_diagram(page.partners, page.flows),
        "sees_people": selectors.sees_people(request.user),
        "can_manage": request.user.has_perm(MANAGE),
        **_project_forms(),
        **forms,
    }
    return render(request, "community/project_detail.html", context, status=status)


@login_required
@require_GET
def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    require_perm(request, VIEW)
    return _project_page(request, selectors.get_project(project_id), {})


@login_required
@require_GET
def project_diagram(request: HttpRequest, project_id: int) -> HttpResponse:
    """The flow diagram alone, as an SVG file (to print or put in a report)."""
    require_perm(request, VIEW)
    project = selectors.get_project(project_id)
    page = selectors.project_page(request.user, project)
    return HttpResponse(flow_diagram(page.partners, page.flows), content_type="image/svg+xml")


def _project_write(request: HttpRequest, project_id: int, form_name: str, form_class, service, message: str):
    require_perm(request, MANAGE)
    project = selectors.get_project(project_id)
    kwargs = {} if form_class is WorkDayForm else {"organisations": selectors.organisations()}
    form = form_class(request.POST, **kwargs)
    if form.is_valid():
        try:
            service(actor=request.user, project=project, fields=form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(request, message, "community:project_detail", project_id=project.pk)
    return _project_page(request, project, {form_name: form}, status=form_status(request, form))


@login_required
@require_POST
@submit_once
def partner_add(request: HttpRequest, project_id: int) -> HttpResponse:
    return _project_write(
        request, project_id, "partner_form", PartnerForm, services.add_partner, _("The partner was added.")
    )


@login_required
@require_POST
@submit_once
def flow_add(request: HttpRequest, project_id: int) -> HttpResponse:
    return _project_write(
        request, project_id, "flow_form", FlowForm, services.add_flow, _("The flow was added.")
    )


@login_required
@require_POST
@submit_once
def work_day_add(request: HttpRequest, project_id: int) -> HttpResponse:
    return _project_write(
        request,
        project_id,
        "day_form",
        WorkDayForm,
        services.record_work_day,
        _("The work day was recorded."),
    )
