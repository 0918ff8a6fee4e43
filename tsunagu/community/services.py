"""Every write of the community pages: keyword-only, authorised by community/rules.py, one transaction,
one audit event (ids only). Every date and count is range-checked here, where it enters."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.community.areas import forget_area_counts_on_commit
from tsunagu.community.models import (
    BodyArea,
    FlowKind,
    Issue,
    IssueMatch,
    IssueStatus,
    PartnerRole,
    Project,
    ProjectFlow,
    ProjectPartner,
    Resource,
    ResourceSession,
    SupporterKind,
    SupporterRole,
    WorkDay,
)
from tsunagu.core.contract import authorise, refuse_unknown_fields
from tsunagu.core.editing import claim_edit
from tsunagu.network.models import Body, Meeting, MeetingKind
from tsunagu.people.models import Person

ISSUE_FIELDS = ("area", "theme", "title", "description", "raised_on", "meeting", "body", "people_touched")
# What an issue's edit changes (where and when it was raised stay as recorded; its status has its own form).
ISSUE_EDIT_FIELDS = ("area", "theme", "title", "description", "people_touched")
RESOURCE_FIELDS = (
    "name", "kind", "area", "owner", "service", "themes", "schedule", "capacity", "started_on", "ended_on",
    "description",
)  # fmt: skip
MATCH_FIELDS = ("resource", "confirmed_on", "note")
SESSION_FIELDS = ("held_on", "meals", "volunteers", "children", "adults", "note")
SESSION_COUNT_FIELDS = ("meals", "volunteers", "children", "adults")
# A session's correction: its counts and note (a session on another day is another session).
SESSION_EDIT_FIELDS = (*SESSION_COUNT_FIELDS, "note")
SUPPORTER_FIELDS = ("kind", "resource", "host", "started_on", "ended_on", "note")
PROJECT_FIELDS = ("name", "area", "resource", "host", "output_label", "description", "started_on")
PARTNER_FIELDS = ("organisation", "role", "note")
FLOW_FIELDS = ("source", "target", "kind", "label")
WORK_DAY_FIELDS = ("worked_on", "workers", "hours", "output_kg", "note")

MANAGE = "community.manage_community"
RECORD_SESSIONS = "community.record_sessions"
WORK_ON_PERSON = "people.work_on_person"

EARLIEST = dt.date(2000, 1, 1)
DAYS_AHEAD = 731
# One issue may touch a whole town; a cafeteria serves at most a few hundred a day.
MAX_PEOPLE = 100_000
MAX_DAY_COUNT = 2_000
MAX_KG = Decimal("99999.9")
MAX_HOURS = Decimal(24)


def _check_day(day: Any, field: str, *, future: bool = False, not_before: dt.date | None = None) -> dt.date:
    """A date from 2000 to today (or two years ahead, for what is planned)."""
    if not isinstance(day, dt.date):
        raise ValidationError({field: _("Enter a date.")})
    latest = timezone.localdate() + dt.timedelta(days=DAYS_AHEAD if future else 0)
    if day > latest:
        raise ValidationError({field: _("Enter a date on or before %(day)s.") % {"day": latest.isoformat()}})
    earliest = not_before or EARLIEST
    if day < earliest:
        raise ValidationError({field: _("Enter a date on or after %(day)s.") % {"day": earliest.isoformat()}})
    return day


def _check_count(value: Any, field: str, *, most: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= most:
        raise ValidationError({field: _("Enter a number from 0 to %(most)s.") % {"most": f"{most:,}"}})
    return value


def _check_text(value: Any, field: str, *, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    return text


def _check_choice(value: Any, choices, field: str) -> str:
    if value not in choices.values:
        raise ValidationError({field: _("Choose one of the options.")})
    return value


def _required(value: Any, field: str) -> Any:
    if value is None:
        raise ValidationError({field: _("This field is required.")})
    return value


# ---------------------------------------------------------------- issues


def _issue_values(fields: dict[str, Any]) -> dict[str, Any]:
    values = {
        "area": _required(fields.get("area"), "area"),
        "theme": _required(fields.get("theme"), "theme"),
        "title": _check_text(fields.get("title"), "title", required=True),
        "description": _check_text(fields.get("description"), "description"),
        "raised_on": _check_day(fields.get("raised_on"), "raised_on"),
        "people_touched": _check_count(fields.get("people_touched") or 0, "people_touched", most=MAX_PEOPLE),
        "meeting": fields.get("meeting"),
        "body": fields.get("body"),
    }
    meeting: Meeting | None = values["meeting"]
    if meeting is not None:
        if meeting.held_on > values["raised_on"]:
            raise ValidationError({"raised_on": _("An issue raised in a meeting is dated on or after it.")})
        if meeting.kind == MeetingKind.BODY:
            if values["body"] is not None and values["body"].pk != meeting.body_id:
                raise ValidationError({"body": _("The meeting is of another sub-committee.")})
            values["body"] = meeting.body
    return values


@transaction.atomic
def raise_issue(*, actor: User, fields: dict[str, Any]) -> Issue:
    """A local issue raised in an area, by the actor, perhaps in a meeting or a sub-committee."""
    authorise(actor, MANAGE)
    refuse_unknown_fields(fields, ISSUE_FIELDS, service="raise_issue")
    issue = Issue(raised_by=actor, **_issue_values(fields))
    issue.full_clean()
    issue.save()
    forget_area_counts_on_commit()
    record_event(action=AuditAction.CREATE, actor=actor, target=issue, detail={"area": issue.area_id})
    return issue


@transaction.atomic
def update_issue(*, actor: User, issue: Issue, edit_version: int, fields: dict[str, Any]) -> Issue:
    """Correct an issue's area, theme, title, description or count of people, from the version the form
    was opened on. A retired theme stays if the issue has it; a new choice must be one in use."""
    authorise(actor, MANAGE)
    refuse_unknown_fields(fields, ISSUE_EDIT_FIELDS, service="update_issue")
    claim_edit(issue, edit_version)
    theme, area = _required(fields.get("theme"), "theme"), _required(fields.get("area"), "area")
    if theme.pk != issue.theme_id and not theme.is_active:
        raise ValidationError({"theme": _("This theme is no longer in use: choose another.")})
    if area.pk != issue.area_id and not area.is_active:
        raise ValidationError({"area": _("This area is no longer in use: choose another.")})
    issue.theme, issue.area = theme, area
    issue.title = _check_text(fields.get("title"), "title", required=True)
    issue.description = _check_text(fields.get("description"), "description")
    issue.people_touched = _check_count(fields.get("people_touched") or 0, "people_touched", most=MAX_PEOPLE)
    issue.full_clean()
    issue.save()
    forget_area_counts_on_commit()
    record_event(
        action=AuditAction.UPDATE,
        actor=actor,
        target=issue,
        detail={"area": issue.area_id, "fields": sorted(fields)},
    )
    return issue


@transaction.atomic
def set_issue_status(*, actor: User, issue: Issue, status: str) -> Issue:
    authorise(actor, MANAGE)
    issue.status = _check_choice(status, IssueStatus, "status")
    issue.save(update_fields=["status"])
    record_event(action=AuditAction.UPDATE, actor=actor, target=issue, detail={"status": status})
    return issue


@transaction.atomic
def match_issue(*, actor: User, issue: Issue, fields: dict[str, Any]) -> IssueMatch:
    """A person confirms that a resource answers the issue (the suggestions only propose)."""
    authorise(actor, MANAGE)
    refuse_unknown_fields(fields, MATCH_FIELDS, service="match_issue")
    resource: Resource = _required(fields.get("resource"), "resource")
    on = _check_day(fields.get("confirmed_on"), "confirmed_on", not_before=issue.raised_on)
    if IssueMatch.objects.filter(issue=issue, resource=resource).exists():
        raise ValidationError({"resource": _("The issue is already matched to this resource.")})
    match = IssueMatch.objects.create(
        issue=issue, resource=resource, confirmed_by=actor, confirmed_on=on,
        note=_check_text(fields.get("note"), "note"),
    )  # fmt: skip
    if issue.status == IssueStatus.OPEN:
        issue.status = IssueStatus.MATCHED
        issue.save(update_fields=["status"])
    record_event(
        action=AuditAction.CREATE,
        actor=actor,
        target=match,
        detail={"issue": issue.pk, "resource": resource.pk},
    )
    return match


# ---------------------------------------------------------------- resources


@transaction.atomic
def add_resource(*, actor: User, fields: dict[str, Any]) -> Resource:
    """A local resource: what it is, where, who runs it, when it opens and for how many."""
    authorise(actor, MANAGE)
    refuse_unknown_fields(fields, RESOURCE_FIELDS, service="add_resource")
    name = _check_text(fields.get("name"), "name", required=True)
    if Resource.objects.filter(name=name).exists():
        raise ValidationError({"name": _("A resource of this name is already recorded.")})
    started = _check_day(fields.get("started_on"), "started_on", future=True)
    ended = fields.get("ended_on")
    if ended is not None:
        _check_day(ended, "ended_on", future=True, not_before=started)
    capacity = fields.get("capacity")
    if capacity is not None:
        _check_count(capacity, "capacity", most=MAX_DAY_COUNT)
    owner = _required(fields.get("owner"), "owner")
    service = fields.get("service")
    if service is not None and service.organisation_id != owner.pk:
        raise ValidationError({"service": _("Choose a service of the organisation that runs the resource.")})
    resource = Resource(
        name=name, kind=_required(fields.get("kind"), "kind"), area=_required(fields.get("area"), "area"),
        owner=owner, service=service, schedule=_check_text(fields.get("schedule"), "schedule"),
        capacity=capacity, started_on=started, ended_on=ended,
        description=_check_text(fields.get("description"), "description"),
    )  # fmt: skip
    resource.full_clean(exclude=["themes"])
    resource.save()
    resource.themes.set(fields.get("themes") or [])
    forget_area_counts_on_commit()
    record_event(action=AuditAction.CREATE, actor=actor, target=resource, detail={"area": resource.area_id})
    return resource


@transaction.atomic
def record_resource_session(*, actor: User, resource: Resource, fields: dict[str, Any]) -> ResourceSession:
    """One day a cafeteria opened: meals served, volunteers, children and adults (counts)."""
    authorise(actor, RECORD_SESSIONS, resource)
    refuse_unknown_fields(fields, SESSION_FIELDS, service="record_resource_session")
    held_on = _check_day(fields.get("held_on"), "held_on", not_before=resource.started_on)
    if ResourceSession.objects.filter(resource=resource, held_on=held_on).exists():
        raise ValidationError({"held_on": _("A session on this day is already recorded.")})
    counts = {name: _check_count(fields.get(name), name, most=MAX_DAY_COUNT) for name in SESSION_COUNT_FIELDS}
    session = ResourceSession.objects.create(
        resource=resource, held_on=held_on, note=_check_text(fields.get("note"), "note"), recorded_by=actor,
        **counts,
    )  # fmt: skip
    record_event(action=AuditAction.CREATE, actor=actor, target=session, detail={"resource": resource.pk})
    return session


@transaction.atomic
def correct_resource_session(
    *, actor: User, session: ResourceSession, edit_version: int, fields: dict[str, Any]
) -> ResourceSession:
    """Correct a session's counts (meals, volunteers, children, adults) and note, from the version the form
    was opened on; who corrected it last is kept as who recorded it."""
    authorise(actor, RECORD_SESSIONS, session.resource)
    refuse_unknown_fields(fields, SESSION_EDIT_FIELDS, service="correct_resource_session")
    claim_edit(session, edit_version)
    for name in SESSION_COUNT_FIELDS:
        setattr(session, name, _check_count(fields.get(name), name, most=MAX_DAY_COUNT))
    session.note = _check_text(fields.get("note"), "note")
    session.recorded_by = actor
    session.save()
    record_event(
        action=AuditAction.UPDATE, actor=actor, target=session,
        detail={"resource": session.resource_id, "fields": sorted(fields)},
    )  # fmt: skip
    return session


@transaction.atomic
def set_body_area(*, actor: User, body: Body, area) -> BodyArea:
    """The area (地区) a sub-committee covers, whose figures its page shows."""
    authorise(actor, MANAGE)
    row, _created = BodyArea.objects.update_or_create(body=body, defaults={"area": _required(area, "area")})
    record_event(
        action=AuditAction.UPDATE, actor=actor, target=row, detail={"body": body.pk, "area": area.pk}
    )
    return row


# ---------------------------------------------------------------- supporters


def _supporter_values(fields: dict[str, Any]) -> dict[str, Any]:
    """A role's fields checked: its kind, where (a volunteer names the resource, a mentor the program),
    from a date up to today, until a date on or after it (at most two years ahead)."""
    kind = _check_choice(fields.get("kind"), SupporterKind, "kind")
    started = _check_day(fields.get("started_on"), "started_on")
    ended = fields.get("ended_on")
    if ended is not None:
        _check_day(ended, "ended_on", future=True, not_before=started)
    resource, host = fields.get("resource"), fields.get("host")
    if kind == SupporterKind.CAFETERIA_VOLUNTEER and resource is None:
        raise ValidationError({"resource": _("Choose the resource where the person volunteers.")})
    if kind == SupporterKind.MENTOR and host is None:
        raise ValidationError({"host": _("Choose the program where the person mentors.")})
    return {
        "kind": kind, "resource": resource, "host": host, "started_on": started, "ended_on": ended,
        "note": _check_text(fields.get("note"), "note"),
    }  # fmt: skip


@transaction.atomic
def add_supporter_role(*, actor: User, person: Person, fields: dict[str, Any]) -> SupporterRole:
    """The person supports others from a date: a volunteer at a resource, a peer supporter, a mentor."""
    authorise(actor, WORK_ON_PERSON, person)
    refuse_unknown_fields(fields, SUPPORTER_FIELDS, service="add_supporter_role")
    role = SupporterRole.objects.create(person=person, recorded_by=actor, **_supporter_values(fields))
    record_event(action=AuditAction.CREATE, actor=actor, target=role, detail={"person": person.pk})
    return role


@transaction.atomic
def update_supporter_role(
    *, actor: User, role: SupporterRole, edit_version: int, fields: dict[str, Any]
) -> SupporterRole:
    """Correct a role (its kind, where, its dates, the note) from the version the form was opened on."""
    authorise(actor, WORK_ON_PERSON, role.person)
    refuse_unknown_fields(fields, SUPPORTER_FIELDS, service="update_supporter_role")
    claim_edit(role, edit_version)
    for name, value in _supporter_values(fields).items():
        setattr(role, name, value)
    role.full_clean()
    role.save()
    record_event(
        action=AuditAction.UPDATE, actor=actor, target=role,
        detail={"person": role.person_id, "fields": sorted(fields)},
    )  # fmt: skip
    return role


@transaction.atomic
def end_supporter_role(
    *, actor: User, role: SupporterRole, edit_version: int, ended_on: Any
) -> SupporterRole:
    """The person no longer takes the role: from `ended_on`, on or after its start and not after today (a
    date ahead is set by editing the role)."""
    authorise(actor, WORK_ON_PERSON, role.person)
    claim_edit(role, edit_version)
    if role.ended_on is not None and role.ended_on <= timezone.localdate():
        raise ValidationError({"ended_on": _("The role has already ended.")})
    role.ended_on = _check_day(ended_on, "ended_on", not_before=role.started_on)
    role.save(update_fields=["ended_on"])
    record_event(
        action=AuditAction.UPDATE, actor=actor, target=role,
        detail={"person": role.person_id, "fields": ["ended_on"]},
    )  # fmt: skip
    return role


# ---------------------------------------------------------------- community projects


@transaction.atomic
def create_project(*, actor: User, fields: dict[str, Any]) -> Project:
    authorise(actor, MANAGE)
    refuse_unknown_fields(fields, PROJECT_FIELDS, service="create_project")
    name = _check_text(fields.get("name"), "name", required=True)
    if Project.objects.filter(name=name).exists():
        raise ValidationError({"name": _("A project of this name is already recorded.")})
    project = Project.objects.create(
        name=name, area=_required(fields.get("area"), "area"), resource=fields.get("resource"),
        host=fields.get("host"), output_label=_check_text(fields.get("output_label"), "output_label"),
        description=_check_text(fields.get("description"), "description"),
        started_on=_check_day(fields.get("started_on"), "started_on", future=True),
    )  # fmt: skip
    record_event(action=AuditAction.CREATE, actor=actor, target=project, detail={})
    return project


@transaction.atomic
def add_partner(*, actor: User, project: Project, fields: dict[str, Any]) -> ProjectPartner:
    """An organisation taking a role in the project (one organisation may take several)."""
    authorise(actor, MANAGE)
    refuse_unknown_fields(fields, PARTNER_FIELDS, service="add_partner")
    organisation = _required(fields.get("organisation"), "organisation")
    role = _check_choice(fields.get("role"), PartnerRole, "role")
    if ProjectPartner.objects.filter(project=project, organisation=organisation, role=role).exists():
        raise ValidationError({"role": _("The organisation already takes this role.")})
    partner = ProjectPartner.objects.create(
        project=project, organisation=organisation, role=role, note=_check_text(fields.get("note"), "note")
    )
    record_event(action=AuditAction.CREATE, actor=actor, target=partner, detail={"project": project.pk})
    return partner


@transaction.atomic
def add_flow(*, actor: User, project: Project, fields: dict[str, Any]) -> ProjectFlow:
    """Goods, money, people or know-how passing from one partner to another."""
    authorise(actor, MANAGE)
    refuse_unknown_fields(fields, FLOW_FIELDS, service="add_flow")
    source, target = _required(fields.get("source"), "source"), _required(fields.get("target"), "target")
    partners = set(project.partners.values_list("organisation_id", flat=True))
    for name, organisation in (("source", source), ("target", target)):
        if organisation.pk not in partners:
            raise ValidationError({name: _("Choose a partner of the project.")})
    if source.pk == target.pk:
        raise ValidationError({"target": _("A flow goes to another partner.")})
    flow = ProjectFlow.objects.create(
        project=project, source=source, target=target, kind=_check_choice(fields.get("kind"), FlowKind, "kind"),
        label=_check_text(fields.get("label"), "label", required=True),
    )  # fmt: skip
    record_event(action=AuditAction.CREATE, actor=actor, target=flow, detail={"project": project.pk})
    return flow


@transaction.atomic
def record_work_day(*, actor: User, project: Project, fields: dict[str, Any]) -> WorkDay:
    """A day of the project's work: people working (a count), hours, and the output in kg."""
    authorise(actor, MANAGE)
    refuse_unknown_fields(fields, WORK_DAY_FIELDS, service="record_work_day")
    worked_on = _check_day(fields.get("worked_on"), "worked_on", not_before=project.started_on)
    if WorkDay.objects.filter(project=project, worked_on=worked_on).exists():
        raise ValidationError({"worked_on": _("A work day on this date is already recorded.")})
    hours, output = fields.get("hours"), fields.get("output_kg") or Decimal(0)
    if not isinstance(hours, Decimal | int) or not 0 < hours <= MAX_HOURS:
        raise ValidationError({"hours": _("Enter hours from 0.5 to 24.")})
    if not isinstance(output, Decimal | int) or not 0 <= output <= MAX_KG:
        raise ValidationError({"output_kg": _("Enter a weight from 0 to 99,999.9 kg.")})
    day = WorkDay.objects.create(
        project=project, worked_on=worked_on, workers=_check_count(fields.get("workers"), "workers", most=MAX_DAY_COUNT),
        hours=hours, output_kg=output, note=_check_text(fields.get("note"), "note"), recorded_by=actor,
    )  # fmt: skip
    record_event(action=AuditAction.CREATE, actor=actor, target=day, detail={"project": project.pk})
    return day
