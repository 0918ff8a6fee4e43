"""Every read of the hub network's meetings, scoped to the user: casework staff see their office's
meetings; a 支援会議 only its attendees and the office's supervisors. One meeting out of scope is 404."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from tsunagu.accounts.models import User
from tsunagu.accounts.roles import CASEWORK_ROLES, Role
from tsunagu.cases.models import OPEN_STATUSES, Case, Closure, ClosureStatus, Plan, PlanStatus
from tsunagu.cases.selectors import visible_cases
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

CASELOAD_ACTIONS = 50
CANDIDATES = 100


def visible_meetings(user) -> QuerySet[Meeting]:
    if not (user.is_authenticated and user.role_codes & CASEWORK_ROLES):
        return Meeting.objects.none()
    meetings = Meeting.objects.filter(office_id=user.office_id)
    if user.has_role(Role.SUPERVISOR):
        return meetings
    attending = Attendee.objects.filter(meeting=OuterRef("pk"), user=user)
    return meetings.filter(~Q(kind=MeetingKind.SUPPORT_COUNCIL) | Exists(attending))


def get_meeting(user, meeting_id: int) -> Meeting:
    """The meeting with its attendance (the rules read it), or 404 outside the user's scope."""
    attendees = Attendee.objects.select_related("user", "contact", "contact__organisation")
    try:
        return (
            visible_meetings(user)
            .select_related("body", "organiser", "office")
            .prefetch_related(Prefetch("attendees", queryset=attendees))
            .get(pk=meeting_id)
        )
    except Meeting.DoesNotExist as error:
        raise Http404 from error


def get_action(user, action_id: int) -> ActionItem:
    """An action of a meeting the user sees, or one they own."""
    try:
        return ActionItem.objects.select_related("meeting", "owner", "case", "case__person").get(
            Q(meeting__in=visible_meetings(user).values("pk")) | Q(owner_id=user.pk), pk=action_id
        )
    except ActionItem.DoesNotExist as error:
        raise Http404 from error


def _count(model, **filters) -> Subquery:
    rows = model.objects.filter(meeting=OuterRef("pk"), **filters).order_by().values("meeting")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()), 0)


def meeting_list(user, *, kind: str = "") -> QuerySet[Meeting]:
    """The office's meetings, newest first, each with its counts (no person is named on the list)."""
    meetings = visible_meetings(user)
    if kind:
        meetings = meetings.filter(kind=kind)
    return meetings.order_by("-held_on", "-id")


def meeting_rows(keys: list[int]) -> QuerySet[Meeting]:
    """The rows of one page of the list, by key (KeyFirstPaginator): one query whatever the page's size."""
    return (
        Meeting.objects.filter(pk__in=keys)
        .select_related("body", "organiser")
        .annotate(
            attendee_count=_count(Attendee),
            case_count=_count(AgendaCase),
            open_actions=_count(ActionItem, done_on__isnull=True),
        )
    )


@dataclass
class MeetingPage:
    """What one meeting's page (and its minutes PDF) shows, read in a fixed number of queries."""

    meeting: Meeting
    attendees: list[Attendee]
    agenda: list[CaseLine]
    decisions: list[DecisionLine]
    actions: list[ActionItem]
    plans_to_decide: list[Plan]  # submitted plans of the cases on the agenda (支援調整会議)
    closures_to_decide: list[Closure]  # requested closures of the cases on the agenda
    people: list[int]  # ids of everyone the page names, for the read audit

    @property
    def acknowledged_by_all(self) -> bool:
        return all(a.confidentiality_acknowledged_at for a in self.attendees)


@dataclass(frozen=True)
class CaseLine:
    """A case as a meeting names it: whose, which, how far, whose caseload."""

    case_id: int
    reference: str
    name: str
    status: str
    worker: str

    @property
    def label(self) -> str:
        return f"{self.name}（{self.reference}）"


@dataclass(frozen=True)
class DecisionLine:
    case_id: int
    name: str
    kind: str
    kind_label: str
    plan_version: int | None
    decided_on: dt.date | None
    text: str
    recorded_by: str


_CASE_NAMED = ("case__reference", "case__person__family_name", "case__person__given_name", "case__person_id")


def meeting_page(user, meeting: Meeting) -> MeetingPage:
    """The meeting the user already holds in scope (get_meeting), with its cases limited to theirs."""
    # The user's scope is a large subquery: evaluated once, for the meeting's own cases only (agenda,
    # decisions and actions all name cases on the agenda), then a list of ids for the three reads.
    in_scope = list(
        visible_cases(user).filter(pk__in=meeting.agenda.values("case_id")).values_list("pk", flat=True)
    )
    # Plain lines, not rows of case, person and worker: a 支援調整会議 lists 80 cases or more, and whole
    # model instances cost more to build than the page takes to draw.
    statuses, kinds = dict(Case._meta.get_field("status").flatchoices), dict(DecisionKind.choices)
    agenda_rows = list(
        meeting.agenda.filter(case__in=in_scope)
        .order_by("pk")
        .values("case_id", "case__status", "case__worker__display_name", *_CASE_NAMED)
    )
    decision_rows = list(
        meeting.decisions.filter(case__in=in_scope)
        .order_by("pk")
        .values(
            "case_id",
            "kind",
            "plan__version",
            "decided_on",
            "text",
            "recorded_by__display_name",
            *_CASE_NAMED,
        )
    )
    agenda = [
        CaseLine(case_id=row["case_id"], reference=row["case__reference"], status=str(statuses[row["case__status"]]),
                 name=f"{row['case__person__family_name']} {row['case__person__given_name']}",
                 worker=row["case__worker__display_name"] or "")
        for row in agenda_rows
    ]  # fmt: skip
    decisions = [
        DecisionLine(case_id=row["case_id"], kind=row["kind"], kind_label=str(kinds[row["kind"]]),
                     name=f"{row['case__person__family_name']} {row['case__person__given_name']}",
                     plan_version=row["plan__version"], decided_on=row["decided_on"], text=row["text"],
                     recorded_by=row["recorded_by__display_name"] or "")
        for row in decision_rows
    ]  # fmt: skip
    actions = list(
        meeting.actions.filter(Q(case__isnull=True) | Q(case__in=in_scope)).select_related(
            "owner", "case", "case__person"
        )
    )
    keys = [item.case_id for item in agenda]
    plans, closures = [], []
    if meeting.kind == MeetingKind.COORDINATION and keys:
        plans = list(
            Plan.objects.filter(case_id__in=keys, status=PlanStatus.SUBMITTED).select_related(
                "case", "case__person"
            )
        )
        closures = list(
            Closure.objects.filter(case_id__in=keys, status=ClosureStatus.REQUESTED).select_related(
                "case", "case__person"
            )
        )
    people = {row["case__person_id"] for row in agenda_rows + decision_rows}
    people |= {a.case.person_id for a in actions if a.case_id}
    return MeetingPage(
        meeting=meeting, attendees=list(meeting.attendees.all()), agenda=agenda, decisions=decisions,
        actions=actions, plans_to_decide=plans, closures_to_decide=closures, people=sorted(people),
    )  # fmt: skip


def agenda_candidates(user, meeting: Meeting, *, size: int = CANDIDATES) -> QuerySet[Case]:
    """Open cases of the user's scope not yet on the agenda; for a 支援調整会議 those waiting for a decision
    (a submitted plan or a requested closure) come first."""
    cases = (
        visible_cases(user)
        .filter(status__in=OPEN_STATUSES)
        .exclude(pk__in=meeting.agenda.values("case_id"))
        .select_related("person")
    )
    if meeting.kind == MeetingKind.COORDINATION:
        waiting = Q(plans__status=PlanStatus.SUBMITTED) | Q(closures__status=ClosureStatus.REQUESTED)
        cases = cases.filter(pk__in=Case.objects.filter(waiting).values("pk"))
    return cases.order_by("person__family_name_kana", "person__given_name_kana", "pk")[:size]


def case_by_reference(user, reference: str) -> Case:
    """A case the user may see, by its reference (2026-000123), or 404."""
    try:
        return visible_cases(user).select_related("person").get(reference=reference.strip())
    except Case.DoesNotExist as error:
        raise Http404 from error


def office_staff(office_id: int) -> QuerySet[User]:
    """Who may attend as a user and own actions: the office's active casework staff."""
    return (
        User.objects.filter(office_id=office_id, is_active=True, groups__name__in=sorted(CASEWORK_ROLES))
        .distinct()
        .order_by("display_name", "pk")
    )


def contacts() -> QuerySet[Contact]:
    return Contact.objects.select_related("organisation").order_by("organisation__name", "name")


def bodies(user) -> QuerySet[Body]:
    return Body.objects.filter(office_id=user.office_id).prefetch_related("members", "outside_members")


def active_bodies(user) -> QuerySet[Body]:
    return Body.objects.filter(office_id=user.office_id, is_active=True)


def get_body(user, body_id: int) -> Body:
    try:
        return bodies(user).get(pk=body_id)
    except Body.DoesNotExist as error:
        raise Http404 from error


def case_decisions(user, case: Case) -> list[Decision]:
    """The decisions about a case (already held in scope) of the meetings the user sees, newest first."""
    return list(
        Decision.objects.filter(case=case, meeting__in=visible_meetings(user).values("pk"))
        .select_related("meeting", "meeting__body", "plan")
        .order_by("-meeting__held_on", "-pk")[:20]
    )


def open_actions_of(user, *, size: int = CASELOAD_ACTIONS) -> list[ActionItem]:
    """The actions the user owns and has not done, soonest due first (the caseload's panel). An action
    about a case shows only while the case is in the user's scope."""
    return list(
        ActionItem.objects.filter(owner_id=user.pk, done_on__isnull=True)
        .filter(Q(case__isnull=True) | Q(case__in=visible_cases(user).values("pk")))
        .select_related("meeting", "meeting__body", "case", "case__person")
        .order_by("due_on", "pk")[:size]
    )


@dataclass(frozen=True)
class SupportCouncilListing:
    """The legal basis (法第9条) for sharing a case's information without consent: the 支援会議 whose
    list the case is on, and since when."""

    meeting_id: int
    since: dt.date


def support_council_listing(case_id: int, *, on: dt.date | None = None) -> SupportCouncilListing | None:
    """Whether the case is on a 支援会議's case list (held on or before `on`, when given), and since when:
    the first such meeting. Not scoped to a user: later features (referrals) ask it about a case they
    already hold in scope, and show the basis wherever it is used."""
    listed = AgendaCase.objects.filter(case_id=case_id, meeting__kind=MeetingKind.SUPPORT_COUNCIL)
    if on is not None:
        listed = listed.filter(meeting__held_on__lte=on)
    first = (
        listed.order_by("meeting__held_on", "meeting_id")
        .values_list("meeting_id", "meeting__held_on")
        .first()
    )
    return SupportCouncilListing(meeting_id=first[0], since=first[1]) if first else None
