"""The bench's hub rows: a year of 支援調整会議 and of referrals (つなぎ), as bulk rows beside the caseload.

Meetings and referrals are not steps of a person's story (no chapter): the bench writer hands this module
each case as it writes it. A case active in the last year is referred, now and then, to one of the
directory's organisations (法テラス, whose staff have the demo login `houterasu`, the most often), with
the person's consent to share with it signed that day; the referral goes as far as its age allows
(answered, started, completed; some declined with a reason, a few withdrawn or left unanswered past their
due date). The plans the stories approved at a 支援調整会議 within the last year are gathered and, once
the caseload is written, each office's meeting of that day is written with its attendees, those cases on
its agenda and a decision per plan. Rows are tuples with the ids assigned here, like bench.py's."""

from __future__ import annotations

import random
from collections import defaultdict
from typing import TYPE_CHECKING

from tsunagu.accounts.models import User
from tsunagu.accounts.roles import Role
from tsunagu.network.models import (
    AgendaCase,
    Attendee,
    Decision,
    DecisionKind,
    Meeting,
    MeetingKind,
    Referral,
    ReferralBasis,
    ReferralChange,
    ReferralOrigin,
    ReferralStatus,
)
from tsunagu.organisations.models import Office, Organisation
from tsunagu.people.models import ConsentScope
from tsunagu.sampledata.organisations import HUB_NAME
from tsunagu.sampledata.referrals import DECLINES, NEEDS, NOTES

if TYPE_CHECKING:
    from tsunagu.sampledata.bench import BenchData

YEAR = 365
# The share of the cases active in the last year that are referred (about 3,400 referrals at M).
REFERRAL_RATE = 0.04
RESPONSE_DAYS = 14
# Who receives, by weight: 法テラス (the demo partner login's organisation) the most.
RECEIVERS = tuple(zip(NEEDS, (0.4, 0.2, 0.25, 0.15), strict=True))
ATTENDEES_AT_MOST = 8

MEETING_COLUMNS = (
    "id", "office_id", "kind", "body_id", "held_on", "place", "minutes", "organiser_id", "edit_version",
    "created_at", "updated_at",
)  # fmt: skip
ATTENDEE_COLUMNS = ("id", "meeting_id", "user_id", "contact_id", "confidentiality_acknowledged_at")
AGENDA_COLUMNS = ("id", "meeting_id", "case_id", "added_by_id", "added_at")
DECISION_COLUMNS = (
    "id", "meeting_id", "case_id", "kind", "plan_id", "closure_id", "text", "decided_on", "recorded_by_id",
    "recorded_at",
)  # fmt: skip
REFERRAL_COLUMNS = (
    "id", "case_id", "sender_id", "sent_by_id", "receiver_id", "service_id", "need", "message", "origin",
    "status", "sent_on", "respond_by", "responded_on", "closed_on", "decline_reason", "basis", "consent_id",
    "council_meeting_id", "council_since", "forwarded_from_id", "created_at", "updated_at",
)  # fmt: skip
CHANGE_COLUMNS = ("id", "referral_id", "from_status", "to_status", "on", "note", "changed_by_id", "changed_at")  # fmt: skip
# (label, model, columns, rows per person for the progress line); after the caseload's tables.
# A day's plans of an office are decided at meetings of at most MEETING_CASES cases: a larger hub holds
# more meetings (one per team), not meetings of hundreds of cases.
MEETING_CASES = 40
TABLES = (
    ("meetings", Meeting, MEETING_COLUMNS, 0),
    ("meeting attendees", Attendee, ATTENDEE_COLUMNS, 0),
    ("agenda cases", AgendaCase, AGENDA_COLUMNS, 0.37),
    ("decisions", Decision, DECISION_COLUMNS, 0.37),
    ("referrals", Referral, REFERRAL_COLUMNS, 0.034),
    ("referral changes", ReferralChange, CHANGE_COLUMNS, 0.1),
)


class HubRows:
    """Referrals written with each chunk of cases; the year's 支援調整会議 after the last chunk."""

    def __init__(self, bench: BenchData) -> None:
        self.bench = bench
        self.rng = random.Random(bench.seed + 13)
        self.latest = bench.as_of.toordinal() - 1
        self.since = self.latest - YEAR + 1
        organisations = dict(Organisation.objects.values_list("name", "pk"))
        self.hub = organisations[HUB_NAME]
        self.receivers = [(organisations[name], name) for name, _weight in RECEIVERS if name in organisations]
        self.weights = [weight for name, weight in RECEIVERS if name in organisations]
        staff = User.objects.filter(
            groups__name=Role.PARTNER_STAFF,
            is_active=True,
            organisation_id__in=[pk for pk, _ in self.receivers],
        ).order_by("pk")
        self.answerers = {user.organisation_id: user.pk for user in staff}
        self.places = dict(Office.objects.values_list("pk", "name"))
        # (office, day) → [(case, plan, approver, worker)] of the plans approved at that day's meeting.
        self.meetings: dict[tuple[int, int], list[tuple[int, int, int, int]]] = defaultdict(list)

    # ------------------------------------------------------------ while the caseload is written

    def plan_at_meeting(
        self, office: int, day: int, case: int, plan: int, approver: int, worker: int
    ) -> None:
        if day >= self.since:
            self.meetings[(office, day)].append((case, plan, approver, worker))

    def case(self, person, case) -> None:
        """Now and then, refer a case active in the last year to one of the directory's organisations."""
        first, last = max(case.intake, self.since), min(case.last_contact, self.latest)
        if first > last or not case.worker or not self.receivers or self.rng.random() >= REFERRAL_RATE:
            return
        sent = self.rng.randint(first, last)
        ((receiver, name),) = self.rng.choices(self.receivers, self.weights)
        consent = self._consent(person.ref, receiver, sent, case.worker)
        steps = self._steps(sent)
        t, ds, base = self.bench.t, self.bench.ds, self.bench.base
        status, closed_on, responded_on, reason = ReferralStatus.SENT, None, None, ""
        for to_status, day, _note in steps:
            status = to_status
            if to_status in (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED):
                responded_on = day
            if to_status in (ReferralStatus.DECLINED, ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN):
                closed_on = day
            if to_status == ReferralStatus.DECLINED:
                reason = _note
        table = t["referrals"]
        referral_id = table.next_id
        table.next_id += 1
        need, message = NEEDS[name]
        last_day = steps[-1][1] if steps else sent
        table.rows.append((
            referral_id, case.ref, self.hub, case.worker, receiver, None, need, message, ReferralOrigin.REFERRAL,
            status, ds[sent - base], ds[sent + RESPONSE_DAYS - base], ds[responded_on - base] if responded_on else None,
            ds[closed_on - base] if closed_on else None, reason, ReferralBasis.CONSENT, consent, None, None, None,
            self.bench.moment(sent, referral_id), self.bench.moment(last_day, referral_id + 1),
        ))  # fmt: skip
        answerer = self.answerers.get(receiver, case.worker)
        changes = t["referral changes"]
        previous = ""
        for to_status, day, note in [(ReferralStatus.SENT, sent, ""), *steps]:
            by = case.worker if to_status in (ReferralStatus.SENT, ReferralStatus.WITHDRAWN) else answerer
            changes.rows.append((
                changes.next_id, referral_id, previous, to_status, ds[day - base], note, by,
                self.bench.moment(day, changes.next_id),
            ))  # fmt: skip
            changes.next_id += 1
            previous = to_status

    def _consent(self, person: int, receiver: int, day: int, worker: int) -> int:
        consents, sharing = self.bench.t["consents"], self.bench.t["consent sharing"]
        consent_id = consents.next_id
        consents.next_id += 1
        consents.rows.append((
            consent_id, person, ConsentScope.SHARE_PARTNERS, self.bench.ds[day - self.bench.base], None,
            "紹介先との情報共有に同意", worker, self.bench.moment(day, consent_id), 1,
        ))  # fmt: skip
        sharing.rows.append((sharing.next_id, consent_id, receiver))
        sharing.next_id += 1
        return consent_id

    def _steps(self, sent: int) -> list[tuple[str, int, str]]:
        """How far the referral went by yesterday: (status, day, note) after it was sent."""
        rng, latest = self.rng, self.latest
        age = latest - sent
        if age < 2 or rng.random() < 0.08:  # not answered yet (past its due date when old: the overdue list)
            return []
        answered = sent + rng.randint(1, min(age, 20))
        roll = rng.random()
        if roll < 0.1:
            reasons = [reason for options in DECLINES.values() for reason in options]
            return [(ReferralStatus.DECLINED, answered, rng.choice(reasons))]
        if roll < 0.14:
            return [(ReferralStatus.WITHDRAWN, answered, "本人が別の支援につながったため")]
        steps = [(ReferralStatus.ACCEPTED, answered, NOTES[ReferralStatus.ACCEPTED])]
        started = answered + rng.randint(3, 10)
        if started > latest or rng.random() < 0.1:  # a few stall after the acceptance
            return steps
        steps.append((ReferralStatus.IN_PROGRESS, started, NOTES[ReferralStatus.IN_PROGRESS]))
        done = started + rng.randint(14, 120)
        if done <= latest and rng.random() < 0.85:
            steps.append((ReferralStatus.COMPLETED, done, NOTES[ReferralStatus.COMPLETED]))
        return steps

    # ------------------------------------------------------------ after the caseload

    def write_meetings(self) -> None:
        """Each office's 支援調整会議 of each day a plan was approved at one, in date order."""
        for (office, day), approved in sorted(
            self.meetings.items(), key=lambda item: (item[0][1], item[0][0])
        ):
            for plans in _per_meeting(approved):
                self._write_meeting(office, day, plans)

    def _write_meeting(self, office: int, day: int, plans: list[tuple[int, int, int, int]]) -> None:
        t, ds, base, moment = self.bench.t, self.bench.ds, self.bench.base, self.bench.moment
        meetings, attendees, agenda, decisions = (
            t["meetings"], t["meeting attendees"], t["agenda cases"], t["decisions"]
        )  # fmt: skip
        meeting_id = meetings.next_id
        meetings.next_id += 1
        organiser = plans[0][2]
        stamp = moment(day, meeting_id)
        meetings.rows.append((
            meeting_id, office, MeetingKind.COORDINATION, None, ds[day - base], self.places.get(office, ""),
            f"計画{len(plans)}件を審議し、承認した。", organiser, 1, stamp, stamp,
        ))  # fmt: skip
        people = [u for u in dict.fromkeys([organiser, *(p[2] for p in plans), *(p[3] for p in plans)]) if u]
        for user in people[:ATTENDEES_AT_MOST]:
            attendees.rows.append((attendees.next_id, meeting_id, user, None, None))
            attendees.next_id += 1
        for case in dict.fromkeys(p[0] for p in plans):
            agenda.rows.append((agenda.next_id, meeting_id, case, organiser, stamp))
            agenda.next_id += 1
        for case, plan, approver, _worker in plans:
            decisions.rows.append((
                decisions.next_id, meeting_id, case, DecisionKind.PLAN_APPROVED, plan, None, "", None, approver,
                stamp,
            ))  # fmt: skip
            decisions.next_id += 1


def _per_meeting(plans: list[tuple[int, int, int, int]]) -> list[list[tuple[int, int, int, int]]]:
    """The day's plans split into meetings of at most MEETING_CASES cases, a case's plans together."""
    by_case: dict[int, list[tuple[int, int, int, int]]] = defaultdict(list)
    for plan in plans:
        by_case[plan[0]].append(plan)
    cases = list(by_case.values())
    return [
        [plan for case in cases[start : start + MEETING_CASES] for plan in case]
        for start in range(0, len(cases), MEETING_CASES)
    ]
