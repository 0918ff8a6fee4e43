"""The demo's referrals (つなぎ), written through the network services after the caseload and the
meetings (a referral is the office's follow-up of a case, not a step of its story, so it is no chapter):
a year of referrals of the main office's cases to 法テラス (debt), 地域包括支援センター (older people),
Hello Work (work) and a town's 社会福祉協議会 (the rest), with the person's consent recorded on the day
(or, for a case on a 支援会議's list, that basis); most completed, some declined with their reasons, some
left unanswered past their due date or accepted long ago and not completed, for the overdue lists."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from django.utils import timezone

from tsunagu.accounts.models import User
from tsunagu.cases.models import Case
from tsunagu.network.models import ReferralStatus
from tsunagu.network.selectors import support_council_listing
from tsunagu.network.services_referrals import answer_referral, send_referral
from tsunagu.organisations.models import Organisation
from tsunagu.people.models import ConsentScope
from tsunagu.people.services import record_consent
from tsunagu.sampledata.organisations import HUB_NAME

SEED = 13
MONTHS = 12
PER_MONTH = 9

LEGAL_AID, ELDERLY, HELLO_WORK, TOWN_COUNCIL = (
    "法テラス釧路", "釧路市地域包括支援センター", "ハローワーク釧路", "白糠町社会福祉協議会",
)  # fmt: skip
# What each is asked for, and the reasons each gives when it declines.
NEEDS = {
    LEGAL_AID: ("債務整理の法律相談", "多重債務の整理について、民事法律扶助の利用を含めご相談をお願いします。"),
    ELDERLY: ("高齢の親の介護と見守りの相談", "同居の親の介護で本人が就労できずにいます。介護保険の申請を含めご相談ください。"),
    HELLO_WORK: ("職業相談と求人の紹介", "就労意欲は高く、短時間の仕事から始めたい意向です。"),
    TOWN_COUNCIL: ("生活福祉資金の相談と地域での見守り", "町内での生活の立て直しに向け、貸付と見守りのご協力をお願いします。"),
}  # fmt: skip
DECLINES = {
    LEGAL_AID: ("資力基準を超えるため民事法律扶助の対象外", "相談日までに連絡がつかなかった"),
    ELDERLY: ("対象地域外のため、担当の地域包括支援センターを案内した",),
    HELLO_WORK: ("現在の体調では就職活動が難しいと本人が判断した",),
    TOWN_COUNCIL: ("貸付の要件を満たさないため", "町外への転居が決まった"),
}
NOTES = {
    ReferralStatus.ACCEPTED: "受け付けました。初回面談の日程を本人と調整します。",
    ReferralStatus.IN_PROGRESS: "初回面談を行い、支援を始めました。",
    ReferralStatus.COMPLETED: "支援を終えました。経過は担当者へ電話で共有済みです。",
}


def load_referrals() -> dict[str, int]:
    """Write a year of the main office's referrals; returns how many end in each status."""
    today = timezone.localdate()
    rng = random.Random(SEED)
    receivers = {org.name: org for org in Organisation.objects.filter(name__in=list(NEEDS))}
    partner_staff = _receiving_staff(receivers.values())
    cases = list(
        Case.objects.filter(office__organisation__name=HUB_NAME, office__name="本所")
        .select_related("person", "worker")
        .prefetch_related("concerns")
        .order_by("intake_date", "pk")
    )
    counts: Counter = Counter()
    used: set[tuple[int, int]] = set()
    for month in range(MONTHS, 0, -1):
        for _ in range(PER_MONTH):
            day = today - dt.timedelta(days=month * 30 - rng.randrange(30))
            candidates = [c for c in cases if c.intake_date <= day and c.worker.is_active]
            if not candidates:
                continue
            case = rng.choice(candidates)
            receiver = receivers[_receiver_for(case, rng)]
            if (case.pk, receiver.pk) in used:
                continue
            used.add((case.pk, receiver.pk))
            counts[_tell(case, receiver, day, today, partner_staff.get(receiver.pk), rng)] += 1
    # Every organisation of the story gets at least one, whatever the dice said on the demo's day.
    day = today - dt.timedelta(days=45)
    for receiver in receivers.values():
        if any(pk == receiver.pk for _case, pk in used):
            continue
        candidates = [c for c in cases if c.intake_date <= day and c.worker.is_active]
        if candidates:
            case = rng.choice(candidates)
            used.add((case.pk, receiver.pk))
            counts[_tell(case, receiver, day, today, partner_staff.get(receiver.pk), rng)] += 1
    return dict(counts)


def _receiving_staff(organisations) -> dict[int, User]:
    staff = {}
    for organisation in organisations:
        user = User.objects.filter(
            organisation=organisation, is_active=True, groups__name="partner_staff"
        ).first()
        if user is not None:
            staff[organisation.pk] = user
    return staff


def _receiver_for(case: Case, rng: random.Random) -> str:
    concerns = {c.concern for c in case.concerns.all()}
    if "debt" in concerns and rng.random() < 0.8:
        return LEGAL_AID
    if "care" in concerns or (case.person.date_of_birth and case.person.date_of_birth.year < 1960):
        return ELDERLY
    if "job_search" in concerns or rng.random() < 0.4:
        return HELLO_WORK
    return rng.choice((TOWN_COUNCIL, LEGAL_AID, HELLO_WORK))


def _tell(case: Case, receiver: Organisation, day: dt.date, today: dt.date, staff: User | None, rng) -> str:
    """One referral's story: consent (unless a 支援会議 covers it), sent, then answered as the dice say."""
    worker = case.worker
    if support_council_listing(case.pk, on=day) is None:
        record_consent(
            person=case.person, actor=worker, scope=ConsentScope.SHARE_PARTNERS, signed_on=day,
            shared_with=[receiver], note="つなぎ先への情報提供に同意",
        )  # fmt: skip
    need, message = NEEDS[receiver.name]
    referral = send_referral(
        actor=worker, case=case, on=day,
        fields={"receiver": receiver, "service": None, "need": need, "message": message, "respond_by": None},
    )  # fmt: skip
    answerer = staff or worker  # a receiver without staff in Tsunagu: the worker records what it said
    roll = rng.random()
    answered = day + dt.timedelta(days=rng.randint(1, 12))
    age = (today - day).days
    if roll < 0.07 and age > 20:
        return ReferralStatus.SENT  # never answered: overdue for the sender
    if answered > today:
        return ReferralStatus.SENT
    if roll < 0.19:
        reasons = DECLINES[receiver.name]
        answer_referral(
            actor=answerer, referral=referral, status="declined", on=answered, note=rng.choice(reasons)
        )
        return ReferralStatus.DECLINED
    answer_referral(actor=answerer, referral=referral, status="accepted", on=answered, note=NOTES["accepted"])
    started = answered + dt.timedelta(days=rng.randint(3, 14))
    if started > today or roll < 0.24:
        return ReferralStatus.ACCEPTED  # accepted; the oldest of these are overdue for completion
    answer_referral(
        actor=answerer, referral=referral, status="in_progress", on=started, note=NOTES["in_progress"]
    )
    finished = started + dt.timedelta(days=rng.randint(10, 75))
    if finished > today:
        return ReferralStatus.IN_PROGRESS
    answer_referral(
        actor=answerer, referral=referral, status="completed", on=finished, note=NOTES["completed"]
    )
    return ReferralStatus.COMPLETED
