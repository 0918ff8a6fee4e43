"""Every write to the hub network's meetings: keyword-only, authorised by network/rules.py, one
transaction, one audit event. A 支援調整会議's decisions flow into the cases through the cases services
(`approve_plans`, `record_service_decision`, `decide_closure`), which check and audit their own part."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.accounts.roles import CASEWORK_ROLES
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.cases import services as case_services
from tsunagu.cases.models import ApprovalMethod, Case, Closure, Plan
from tsunagu.cases.selectors import visible_cases
from tsunagu.core.contract import authorise, refuse_unknown_fields
from tsunagu.core.editing import claim_edit
from tsunagu.network.models import (
    ActionItem,
    AgendaCase,
    Attendee,
    Body,
    Decision,
    DecisionKind,
    Meeting,
    MeetingKind,
)
from tsunagu.organisations.models import Contact

MEETING_FIELDS = ("kind", "body", "held_on", "place")
MINUTES_FIELDS = ("place", "minutes")
ACTION_FIELDS = ("text", "owner", "due_on", "case")
BODY_FIELDS = ("name", "sort_order", "is_active")

CREATE_MEETING = "network.create_meeting"
EDIT_MEETING = "network.edit_meeting"
MANAGE_BODIES = "network.manage_bodies"

# Meetings are planned up to two years ahead and recorded from 2000 (as the programs' calendar).
EARLIEST_MEETING = dt.date(2000, 1, 1)
DAYS_AHEAD = 731


# ---------------------------------------------------------------- checks shared by the services


def _is_office_staff(user: User, office_id: int) -> bool:
    return bool(user.is_active and user.office_id == office_id and user.role_codes & CASEWORK_ROLES)


def _check_staff(user: User, office_id: int, field: str) -> None:
    """Users attend (and own actions) only as hub casework staff of the meeting's office: they alone see
    the meeting. Anyone else attends as an outside contact, who has no login and sees nothing."""
    if not _is_office_staff(user, office_id):
        raise ValidationError(
            {
                field: _(
                    "%(name)s is not casework staff of this office: add people from elsewhere as outside "
                    "contacts."
                )
                % {"name": user.display_name}
            }
        )


def _attendee_of(meeting: Meeting, actor: User) -> Attendee:
    """The actor's attendance: a decision is recorded only by someone who was at the meeting."""
    attendee = meeting.attendees.filter(user=actor).first()
    if attendee is None:
        raise ValidationError(
            _(
                "Only an attendee of this meeting can record its decisions: add yourself to the attendees first."
            )
        )
    return attendee


def _check_held(meeting: Meeting) -> None:
    if meeting.held_on > timezone.localdate():
        raise ValidationError(_("This meeting has not been held yet: decisions are recorded after it."))


def _check_confidentiality(meeting: Meeting) -> None:
    """A 支援会議 shares case information only with attendees bound by the duty of confidentiality: nothing
    of its cases is recorded while an attendee (an outside one above all) has not acknowledged it."""
    if not meeting.is_support_council:
        return
    missing = [
        str(a)
        for a in meeting.attendees.select_related("user", "contact")
        if not a.confidentiality_acknowledged_at
    ]
    if missing:
        raise ValidationError(
            _(
                "Not every attendee has acknowledged the duty of confidentiality of the support council "
                "(%(names)s): no case information is shared with them until they do."
            )
            % {"names": "、".join(missing)}
        )


def _check_in_scope(actor: User, cases: Sequence[Case], field: str = "case") -> None:
    keys = {case.pk for case in cases}
    seen = set(visible_cases(actor).filter(pk__in=keys).values_list("pk", flat=True))
    if keys - seen:
        raise ValidationError({field: _("A case chosen is not among the cases you may see.")})


def _check_on_agenda(meeting: Meeting, cases: Sequence[Case], field: str = "case") -> None:
    keys = {case.pk for case in cases}
    listed = set(meeting.agenda.filter(case_id__in=keys).values_list("case_id", flat=True))
    if keys - listed:
        raise ValidationError({field: _("Put the case on the meeting's agenda before recording a decision.")})


def _check_date(day: Any, field: str) -> None:
    if not isinstance(day, dt.date):
        raise ValidationError({field: _("Enter a date.")})
    if day < EARLIEST_MEETING or day > timezone.localdate() + dt.timedelta(days=DAYS_AHEAD):
        raise ValidationError({field: _("Enter a date from 2000 to two years ahead.")})


# ---------------------------------------------------------------- meetings


@transaction.atomic
def create_meeting(
    *, actor: User, fields: dict[str, Any], attendees: Sequence[User] = (), contacts: Sequence[Contact] = ()
) -> Meeting:
    """A meeting of the actor's office, the actor attending; a 部会's members attend by default."""
    authorise(actor, CREATE_MEETING)
    refuse_unknown_fields(fields, MEETING_FIELDS, service="create_meeting")
    kind, body = fields.get("kind"), fields.get("body")
    if kind not in MeetingKind.values:
        raise ValidationError({"kind": _("Choose the kind of meeting.")})
    if kind == MeetingKind.BODY:
        if body is None or body.office_id != actor.office_id or not body.is_active:
            raise ValidationError({"body": _("Choose the sub-committee that meets.")})
    elif body is not None:
        raise ValidationError({"body": _("Only a sub-committee's meeting names a sub-committee.")})
    _check_date(fields.get("held_on"), "held_on")
    meeting = Meeting.objects.create(
        office_id=actor.office_id, kind=kind, body=body, held_on=fields["held_on"],
        place=(fields.get("place") or "").strip(), organiser=actor,
    )  # fmt: skip
    users = {actor.pk: actor, **{user.pk: user for user in attendees}}
    outside = {contact.pk: contact for contact in contacts}
    if body is not None and not attendees and not contacts:
        users |= {user.pk: user for user in body.members.all() if _is_office_staff(user, actor.office_id)}
        outside |= {contact.pk: contact for contact in body.outside_members.all()}
    for user in users.values():
        _check_staff(user, actor.office_id, "attendees")
    Attendee.objects.bulk_create(
        [Attendee(meeting=meeting, user=user) for user in users.values()]
        + [Attendee(meeting=meeting, contact=contact) for contact in outside.values()]
    )
    record_event(
        action=AuditAction.CREATE, actor=actor, target=meeting,
        detail={"attendees": sorted(users), "contacts": sorted(outside)},
    )  # fmt: skip
    return meeting


@transaction.atomic
def update_minutes(
    *, actor: User, meeting: Meeting, edit_version: int | None, fields: dict[str, Any]
) -> Meeting:
    """The minutes and the place, as the editor saw them (`edit_version`): two note-takers never overwrite
    each other."""
    authorise(actor, EDIT_MEETING, meeting)
    refuse_unknown_fields(fields, MINUTES_FIELDS, service="update_minutes")
    claim_edit(meeting, edit_version, fields=MINUTES_FIELDS)
    if (fields.get("minutes") or "").strip():
        _check_confidentiality(meeting)
    for name in MINUTES_FIELDS:
        if name in fields:
            setattr(meeting, name, (fields[name] or "").strip())
    meeting.save(update_fields=[*MINUTES_FIELDS, "updated_at"])
    record_event(action=AuditAction.UPDATE, actor=actor, target=meeting, detail={"fields": sorted(fields)})
    return meeting


@transaction.atomic
def add_attendee(
    *, actor: User, meeting: Meeting, user: User | None = None, contact: Contact | None = None
) -> Attendee:
    authorise(actor, EDIT_MEETING, meeting)
    if (user is None) == (contact is None):
        raise ValidationError(_("Choose a member of staff or an outside contact."))
    if user is not None:
        _check_staff(user, meeting.office_id, "user")
        if meeting.attendees.filter(user=user).exists():
            raise ValidationError({"user": _("%(name)s already attends.") % {"name": user.display_name}})
    elif meeting.attendees.filter(contact=contact).exists():
        raise ValidationError({"contact": _("%(name)s already attends.") % {"name": contact.name}})
    attendee = Attendee.objects.create(meeting=meeting, user=user, contact=contact)
    record_event(
        action=AuditAction.UPDATE, actor=actor, target=meeting,
        detail={"attendee": attendee.pk, "user": getattr(user, "pk", None), "contact": getattr(contact, "pk", None)},
    )  # fmt: skip
    return attendee


@transaction.atomic
def acknowledge_confidentiality(*, actor: User, meeting: Meeting, attendee: Attendee) -> Attendee:
    """守秘義務の確認 of a 支援会議: a member of staff acknowledges for themselves; an outside attendee's
    signed acknowledgement is recorded by whoever keeps the meeting."""
    authorise(actor, EDIT_MEETING, meeting)
    if attendee.meeting_id != meeting.pk:
        raise ValidationError({"attendee": _("Choose an attendee of this meeting.")})
    if not meeting.is_support_council:
        raise ValidationError(
            _("Only a support council's attendees acknowledge its duty of confidentiality.")
        )
    if attendee.user_id is not None and attendee.user_id != actor.pk:
        raise ValidationError(
            {"attendee": _("%(name)s acknowledges for themselves.") % {"name": attendee.user.display_name}}
        )
    if attendee.confidentiality_acknowledged_at:
        raise ValidationError({"attendee": _("%(name)s has already acknowledged it.") % {"name": attendee}})
    attendee.confidentiality_acknowledged_at = timezone.now()
    attendee.save(update_fields=["confidentiality_acknowledged_at"])
    record_event(action=AuditAction.UPDATE, actor=actor, target=meeting, detail={"acknowledged": attendee.pk})
    return attendee


@transaction.atomic
def add_cases_to_agenda(*, actor: User, meeting: Meeting, cases: Sequence[Case]) -> list[AgendaCase]:
    """Cases on the agenda, from those the actor may see. On a 支援会議 this list is the legal basis for
    sharing the cases' information among its members (selectors.support_council_listing)."""
    authorise(actor, EDIT_MEETING, meeting)
    if not cases:
        raise ValidationError({"cases": _("Choose at least one case.")})
    _check_in_scope(actor, cases, "cases")
    if meeting.is_support_council:
        _check_confidentiality(meeting)
    listed = set(meeting.agenda.values_list("case_id", flat=True))
    added = AgendaCase.objects.bulk_create(
        [AgendaCase(meeting=meeting, case=case, added_by=actor) for case in {c.pk: c for c in cases}.values()
         if case.pk not in listed]
    )  # fmt: skip
    if not added:
        raise ValidationError({"cases": _("These cases are already on the agenda.")})
    record_event(
        action=AuditAction.UPDATE, actor=actor, target=meeting, detail={"agenda": [a.case_id for a in added]}
    )
    return added


@transaction.atomic
def record_coordination_decisions(
    *, actor: User, meeting: Meeting, plans: Sequence[Plan] = (), closures: Sequence[Closure] = (),
    decided_on: dt.date | None = None, seen_versions: dict[int, int] | None = None,
) -> list[Decision]:  # fmt: skip
    """支援調整会議: approve several plans and closures at once. Each plan is approved through
    cases.services.approve_plans (the meeting's date as approval and meeting date); `decided_on`, the
    municipality's decision date (支援決定日), is recorded on each approved plan with statutory services."""
    authorise(actor, EDIT_MEETING, meeting)
    if meeting.kind != MeetingKind.COORDINATION:
        raise ValidationError(_("Plans and closures are decided at a support co-ordination meeting."))
    if not plans and not closures:
        raise ValidationError({"plans": _("Tick the plans or closures the meeting decided.")})
    _attendee_of(meeting, actor)
    _check_held(meeting)
    cases = [plan.case for plan in plans] + [closure.case for closure in closures]
    _check_in_scope(actor, cases, "plans")
    _check_on_agenda(meeting, cases, "plans")
    if decided_on is not None and decided_on < meeting.held_on:
        raise ValidationError({"decided_on": _("The municipality decides after the meeting, not before it.")})
    approved = case_services.approve_plans(
        plans=list(plans), actor=actor, method=ApprovalMethod.MEETING, approved_on=meeting.held_on,
        meeting_date=meeting.held_on, seen_versions=seen_versions,
    )  # fmt: skip
    decisions = []
    for plan in approved:
        decided = decided_on if (decided_on and plan.statutory_services) else None
        if decided:
            case_services.record_service_decision(plan=plan, actor=actor, decided_on=decided)
        decisions.append(
            Decision(meeting=meeting, case=plan.case, kind=DecisionKind.PLAN_APPROVED, plan=plan,
                     decided_on=decided, recorded_by=actor)
        )  # fmt: skip
    for closure in closures:
        case_services.decide_closure(closure=closure, actor=actor, approve=True)
        decisions.append(
            Decision(meeting=meeting, case=closure.case, kind=DecisionKind.CLOSURE_APPROVED, closure=closure,
                     recorded_by=actor)
        )  # fmt: skip
    decisions = Decision.objects.bulk_create(decisions)
    record_event(
        action=AuditAction.UPDATE, actor=actor, target=meeting,
        detail={"plans": [p.pk for p in approved], "closures": [c.pk for c in closures],
                "decided_on": bool(decided_on)},
    )  # fmt: skip
    return decisions


@transaction.atomic
def record_decision(*, actor: User, meeting: Meeting, case: Case, text: str) -> Decision:
    """A decision about a case on the agenda, in words (ケース会議, 支援会議, 部会 …)."""
    authorise(actor, EDIT_MEETING, meeting)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write what was decided.")})
    if len(text) > 2000:
        raise ValidationError(
            {"text": _("Keep a decision to 2,000 characters; the rest goes in the minutes.")}
        )
    _attendee_of(meeting, actor)
    _check_held(meeting)
    _check_in_scope(actor, [case])
    _check_on_agenda(meeting, [case])
    _check_confidentiality(meeting)
    decision = Decision.objects.create(
        meeting=meeting, case=case, kind=DecisionKind.OTHER, text=text, recorded_by=actor
    )
    record_event(action=AuditAction.CREATE, actor=actor, target=decision, detail={"meeting": meeting.pk})
    return decision


@transaction.atomic
def add_action_item(*, actor: User, meeting: Meeting, fields: dict[str, Any]) -> ActionItem:
    """An action with its owner and due date; it shows on the owner's caseload until done. The owner is a
    member of staff: an outside attendee has no login and is given no data of the meeting."""
    authorise(actor, EDIT_MEETING, meeting)
    refuse_unknown_fields(fields, ACTION_FIELDS, service="add_action_item")
    text = (fields.get("text") or "").strip()
    if not text:
        raise ValidationError({"text": _("Say what is to be done.")})
    owner, case = fields.get("owner"), fields.get("case")
    if isinstance(owner, Contact):
        raise ValidationError(
            {
                "owner": _(
                    "An outside attendee cannot own an action: they have no login and are given no data."
                )
            }
        )
    if not isinstance(owner, User):
        raise ValidationError({"owner": _("Choose who will do it.")})
    _check_staff(owner, meeting.office_id, "owner")
    _check_date(fields.get("due_on"), "due_on")
    if fields["due_on"] < meeting.held_on:
        raise ValidationError({"due_on": _("An action falls due after the meeting.")})
    if case is not None:
        _check_in_scope(actor, [case])
        _check_on_agenda(meeting, [case])
        _check_confidentiality(meeting)
    action = ActionItem.objects.create(
        meeting=meeting, case=case, text=text, owner=owner, due_on=fields["due_on"], created_by=actor
    )
    record_event(
        action=AuditAction.CREATE, actor=actor, target=action,
        detail={"meeting": meeting.pk, "owner": owner.pk, "case": getattr(case, "pk", None)},
    )  # fmt: skip
    return action


@transaction.atomic
def complete_action(*, actor: User, action: ActionItem, done_on: dt.date) -> ActionItem:
    """The owner (or whoever keeps the meeting) marks an action done; it leaves the caseload."""
    if action.owner_id != actor.pk:
        authorise(actor, EDIT_MEETING, action.meeting)
    if action.done_on:
        raise ValidationError(_("This action is already done."))
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("An action is marked done on the day or after, not ahead.")})
    if done_on < action.meeting.held_on:
        raise ValidationError({"done_on": _("An action is done after the meeting that set it.")})
    action.done_on = done_on
    action.save(update_fields=["done_on"])
    record_event(action=AuditAction.UPDATE, actor=actor, target=action, detail={"done": True})
    return action


# ---------------------------------------------------------------- standing bodies (部会)


@transaction.atomic
def save_body(
    *, actor: User, fields: dict[str, Any], body: Body | None = None, members: Sequence[User] = (),
    outside_members: Sequence[Contact] = (),
) -> Body:  # fmt: skip
    """A 部会 of the actor's office and its members (staff of the office, and outside contacts)."""
    authorise(actor, MANAGE_BODIES)
    refuse_unknown_fields(fields, BODY_FIELDS, service="save_body")
    if body is not None and body.office_id != actor.office_id:
        raise ValidationError(_("This sub-committee belongs to another office."))
    name = (fields.get("name") or (body.name if body else "")).strip()
    if not name:
        raise ValidationError({"name": _("Give the sub-committee a name.")})
    clash = Body.objects.filter(office_id=actor.office_id, name=name).exclude(pk=getattr(body, "pk", None))
    if clash.exists():
        raise ValidationError({"name": _("This office already has a sub-committee of that name.")})
    for user in members:
        _check_staff(user, actor.office_id, "members")
    creating = body is None
    body = body or Body(office_id=actor.office_id)
    body.name = name
    for field in ("sort_order", "is_active"):
        if field in fields:
            setattr(body, field, fields[field])
    body.save()
    body.members.set(members)
    body.outside_members.set(outside_members)
    record_event(
        action=AuditAction.CREATE if creating else AuditAction.UPDATE, actor=actor, target=body,
        detail={"members": sorted(u.pk for u in members), "contacts": sorted(c.pk for c in outside_members)},
    )  # fmt: skip
    return body
