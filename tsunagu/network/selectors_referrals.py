"""Every read of referrals (つなぎ), scoped to the user.

Hub casework staff see the referrals of the cases they see (cases' scope_filter). Partner staff see only
the referrals addressed to their organisation (and those it sent), and of the person only what the
referral needs: name, reading, a contact phone while the person's consent to share with them stands.
One referral out of scope is 404. Lists read a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from tsunagu.accounts.models import User
from tsunagu.accounts.roles import CASEWORK_ROLES, Role
from tsunagu.cases.models import Case
from tsunagu.cases.selectors import visible_cases
from tsunagu.network.models import (
    OPEN_REFERRAL_STATUSES,
    Referral,
    ReferralChange,
    ReferralStatus,
)
from tsunagu.organisations.models import Organisation, Service
from tsunagu.people.models import ConsentScope
from tsunagu.programs.models import Placement

# Accepted but not completed after this many days: the sender is asked to follow up.
STALLED_DAYS = 60
OVERDUE_ROWS = 200
CASE_PANEL_ROWS = 20


def receiving_staff_count(organisation_id: int) -> int:
    return _partner_staff(organisation_id).count()


def _partner_staff(organisation_id) -> QuerySet[User]:
    return User.objects.filter(
        organisation_id=organisation_id, is_active=True, groups__name=Role.PARTNER_STAFF
    )


def _with_staff_count(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    """Whether the receiver answers for itself (rules.receiver_without_staff reads it), in the same query."""
    staff = (
        _partner_staff(OuterRef("receiver_id")).order_by().values("organisation_id")
        .annotate(n=Count("pk")).values("n")[:1]
    )  # fmt: skip
    return referrals.annotate(receiver_staff_count=Coalesce(Subquery(staff, output_field=IntegerField()), 0))


def visible_referrals(user) -> QuerySet[Referral]:
    if not user.is_authenticated:
        return Referral.objects.none()
    if user.role_codes & CASEWORK_ROLES:
        return Referral.objects.filter(case__in=visible_cases(user).values("pk"))
    if user.has_role(Role.PARTNER_STAFF) and user.organisation_id:
        return Referral.objects.filter(
            Q(receiver_id=user.organisation_id) | Q(sender_id=user.organisation_id)
        )
    return Referral.objects.none()


def get_referral(user, referral_id: int) -> Referral:
    try:
        return _with_staff_count(
            visible_referrals(user).select_related(
                "case",
                "case__person",
                "sender",
                "receiver",
                "service",
                "sent_by",
                "council_meeting",
                "consent",
                "forwarded_from__sender",
            )
        ).get(pk=referral_id)
    except Referral.DoesNotExist as error:
        raise Http404 from error


def sees_case(user, referral: Referral) -> bool:
    """Whether the user sees the referral's case (its page, its worker): hub casework staff alone. A
    receiver sees the referral's minimum, never the case's notes or assessment."""
    return bool(user.role_codes & CASEWORK_ROLES)


def shared_phone(referral: Referral, *, on: dt.date | None = None) -> str:
    """The person's phone for the receiver, while the person's consent to share with it stands; never a
    DV-protected person's, never on the 支援会議 basis alone (the meeting shares what it needs, not a
    contact)."""
    person = referral.case.person
    if person.is_dv_protected:
        return ""
    day = on or timezone.localdate()
    named = [referral.receiver_id] + ([referral.receiver.parent_id] if referral.receiver.parent_id else [])
    consented = (
        person.consents.filter(scope=ConsentScope.SHARE_PARTNERS, signed_on__lte=day, shared_with__in=named)
        .exclude(withdrawn_on__lte=day)
        .exists()
    )
    return (person.mobile_phone or person.phone) if consented else ""


@dataclass
class ReferralPage:
    referral: Referral
    changes: list[ReferralChange]
    sees_case: bool
    phone: str
    people: list[int]
    forwards: list[Referral] = field(default_factory=list)


def referral_page(user, referral: Referral) -> ReferralPage:
    changes = list(referral.changes.select_related("changed_by"))
    hub_view = sees_case(user, referral)
    phone = "" if hub_view else shared_phone(referral)
    # Where the referral was passed on to (the receiver's staff, or hub staff of the case, see these).
    forwards = list(referral.forwards.select_related("receiver").order_by("sent_on", "pk"))
    return ReferralPage(
        referral=referral, changes=changes, sees_case=hub_view, phone=phone, people=[referral.case.person_id],
        forwards=forwards,
    )  # fmt: skip


def forward_receivers(user) -> QuerySet[Organisation]:
    """The organisations a partner may pass a referral on to: every active one but its own."""
    return receivers().exclude(pk=user.organisation_id)


def _rows(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    return referrals.select_related("case", "case__person", "sender", "receiver", "service")


def inbox(user, *, status: str = "") -> QuerySet[Referral]:
    """Referrals addressed to the user's organisation: waiting for an answer first, soonest due."""
    referrals = visible_referrals(user).filter(receiver_id=user.organisation_id)
    if status == "open":
        referrals = referrals.filter(status__in=OPEN_REFERRAL_STATUSES)
    elif status:
        referrals = referrals.filter(status=status)
    return _rows(referrals).order_by("-sent_on", "-pk")


def sent(user, *, status: str = "") -> QuerySet[Referral]:
    """Referrals the user's organisation sent, of the cases in their scope, newest first."""
    referrals = visible_referrals(user).filter(sender_id=user.organisation_id)
    if status == "open":
        referrals = referrals.filter(status__in=OPEN_REFERRAL_STATUSES)
    elif status:
        referrals = referrals.filter(status=status)
    return _rows(referrals).order_by("-sent_on", "-pk")


@dataclass
class Overdue:
    unanswered: list[Referral]  # sent, no answer by the due date
    stalled: list[Referral]  # accepted (or in progress) long ago and not completed

    @property
    def people(self) -> list[int]:
        return sorted({r.case.person_id for r in [*self.unanswered, *self.stalled]})

    @property
    def is_empty(self) -> bool:
        return not (self.unanswered or self.stalled)


def overdue(user, *, today: dt.date | None = None, size: int = OVERDUE_ROWS) -> Overdue:
    """The sender's lists to follow up, oldest first (two queries)."""
    today = today or timezone.localdate()
    mine = visible_referrals(user).filter(sender_id=user.organisation_id)
    unanswered = _rows(mine.filter(status=ReferralStatus.SENT, respond_by__lt=today)).order_by(
        "respond_by", "pk"
    )
    stalled = _rows(
        mine.filter(
            status__in=[ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS],
            responded_on__lt=today - dt.timedelta(days=STALLED_DAYS),
        )
    ).order_by("responded_on", "pk")
    return Overdue(unanswered=list(unanswered[:size]), stalled=list(stalled[:size]))


def case_referrals(user, case: Case) -> list[Referral]:
    """The referrals of a case the user already holds in scope (the case page's panel), newest first."""
    if not user.role_codes & CASEWORK_ROLES:
        return []
    return list(
        Referral.objects.filter(case=case)
        .select_related("receiver", "service", "council_meeting")
        .order_by("-sent_on", "-pk")[:CASE_PANEL_ROWS]
    )


def case_referral_changes(user, case: Case) -> list[ReferralChange]:
    """Every change of the case's referrals (the case timeline), for hub staff who see the case."""
    if not user.role_codes & CASEWORK_ROLES:
        return []
    return list(
        ReferralChange.objects.filter(referral__case=case).select_related(
            "referral", "referral__receiver", "changed_by"
        )
    )


def receivers() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_active=True).order_by("reading", "name")


def referral_services(receiver_ids=None) -> QuerySet[Service]:
    services = Service.objects.select_related("organisation").order_by("organisation__name", "name")
    return services if receiver_ids is None else services.filter(organisation_id__in=receiver_ids)


# ---------------------------------------------------------------- the network view (counts only)


@dataclass
class OrganisationFlow:
    organisation: Organisation
    sent: int = 0
    received: int = 0
    accepted: int = 0
    declined: int = 0
    completed: int = 0
    placements: int = 0
    days_to_answer: list[int] = field(default_factory=list)
    days_to_complete: list[int] = field(default_factory=list)

    @property
    def median_days_to_answer(self) -> float | None:
        return statistics.median(self.days_to_answer) if self.days_to_answer else None

    @property
    def median_days_to_complete(self) -> float | None:
        return statistics.median(self.days_to_complete) if self.days_to_complete else None

    @property
    def volume(self) -> int:
        return self.sent + self.received + self.placements


@dataclass
class NetworkFlows:
    since: dt.date
    until: dt.date
    organisations: list[OrganisationFlow]
    referrals: Counter  # (sender id, receiver id) → referrals sent in the period
    placements: Counter  # (hub id, host organisation id) → placements begun in the period


def network_flows(*, since: dt.date, until: dt.date) -> NetworkFlows:
    """Referrals sent and placements begun in the period, between organisations: counts and days, no
    person (three queries whatever the period)."""

    rows = Referral.objects.filter(sent_on__gte=since, sent_on__lte=until).values_list(
        "sender_id", "receiver_id", "status", "sent_on", "responded_on", "closed_on"
    )
    flows: dict[int, dict] = defaultdict(Counter)
    days: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    edges: Counter = Counter()
    for sender, receiver, status, sent_on, responded_on, closed_on in rows:
        edges[(sender, receiver)] += 1
        flows[sender]["sent"] += 1
        flows[receiver]["received"] += 1
        if responded_on is not None:
            days[receiver][0].append((responded_on - sent_on).days)
            if status != ReferralStatus.DECLINED:
                flows[receiver]["accepted"] += 1
        if status == ReferralStatus.DECLINED:
            flows[receiver]["declined"] += 1
        if status == ReferralStatus.COMPLETED:
            flows[receiver]["completed"] += 1
            days[receiver][1].append((closed_on - sent_on).days)
    begun = Coalesce("visited_on", "trial_from", "started_on")
    placed = (
        Placement.objects.annotate(begun=begun)
        .filter(begun__gte=since, begun__lte=until)
        .values("host__organisation_id", "worker__organisation_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    placements: Counter = Counter()
    for row in placed:
        pair = (row["worker__organisation_id"], row["host__organisation_id"])
        placements[pair] += row["n"]
        flows[row["host__organisation_id"]]["placements"] += row["n"]
    keys = set(flows) | {k for pair in [*edges, *placements] for k in pair if k is not None}
    organisations = Organisation.objects.filter(pk__in=keys).order_by("name")
    result = []
    for organisation in organisations:
        counts = flows.get(organisation.pk, Counter())
        answer, complete = days.get(organisation.pk, ([], []))
        result.append(
            OrganisationFlow(
                organisation=organisation,
                sent=counts["sent"],
                received=counts["received"],
                accepted=counts["accepted"],
                declined=counts["declined"],
                completed=counts["completed"],
                placements=counts["placements"],
                days_to_answer=answer,
                days_to_complete=complete,
            )
        )
    return NetworkFlows(
        since=since, until=until, organisations=result, referrals=edges, placements=placements
    )


def referral_rows(keys: list[int]) -> QuerySet[Referral]:
    """The rows of one page of a list, by key (KeyFirstPaginator): one query whatever the page's size."""
    return _rows(Referral.objects.filter(pk__in=keys))
