"""The demo's job placement and steps into work, written through the jobs services after the caseload:
the licence, ten employers and thirty openings received over the last year, a dozen people of the main
office registered as job seekers and introduced to them with their results (five hires, each with its
retention checks made when due), two internships ending in a hire by the host, three qualifications,
and a few referrals to the Hello Work joint support."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from django.utils import timezone

from tsunagu.accounts.models import User
from tsunagu.cases.models import OPEN_STATUSES, Case
from tsunagu.jobs import services
from tsunagu.jobs.models import JobOpening, JobSeeker
from tsunagu.organisations.models import Area, Contact, Office, Organisation, OrganisationType
from tsunagu.organisations.services import add_contact, create_organisation
from tsunagu.sampledata.organisations import HUB_NAME, KUSHIRO

SEED = 17
OPENINGS = 30
SEEKERS = 12
HIRES = 5
AREAS = 4
INTERN_HOSTS = ("株式会社ビケンワーク", "KCMコーポレーション")
HELLO_WORK = "ハローワーク釧路"
# The employers besides the two internship hosts: (name, reading).
NEW_EMPLOYERS = (
    ("釧路港湾清掃株式会社", "くしろこうわんせいそう"),
    ("株式会社くしろ給食センター", "くしろきゅうしょくせんたー"),
    ("有限会社ぬさまい物流", "ぬさまいぶつりゅう"),
    ("ホテル幣舞", "ほてるぬさまい"),
    ("釧路水産加工協同組合", "くしろすいさんかこう"),
    ("株式会社鶴ヶ岱ビルメンテナンス", "つるがだいびるめんてなんす"),
    ("社会福祉法人こもれび会", "こもれびかい"),
    ("スーパーいずみ 新橋大通店", "すーぱーいずみ"),
)
# (occupation, term, wage per, wage, hours per week)
JOBS = (
    ("清掃", "regular", "hourly", 1010, 30),
    ("調理補助", "regular", "hourly", 1020, 25),
    ("軽作業", "temporary", "hourly", 1050, 35),
    ("客室清掃", "regular", "hourly", 1030, 20),
    ("水産加工", "temporary", "hourly", 1060, 38),
    ("ビル設備管理", "regular", "monthly", 185000, 40),
    ("介護補助", "regular", "hourly", 1100, 30),
    ("品出し", "day", "hourly", 1010, 8),
)
WISHES = ("清掃、軽作業", "調理補助", "品出し、軽作業", "介護補助、清掃", "水産加工、軽作業", "客室清掃")
STEPS = ("not_hired", "declined", "interviewed", "not_hired", "introduced")
QUALIFICATIONS = (
    ("介護職員初任者研修", "釧路介護スクール", 60000, "livelihood_aid", "gained"),
    ("フォークリフト運転技能講習", "釧路技能講習センター", 38000, "livelihood_aid", "gained"),
    ("日商簿記3級", "釧路商工会議所", 2850, "self", ""),
)


def load_jobs() -> dict[str, int]:
    """Write the demo's job placement; returns how many of each kind."""
    today = timezone.localdate()
    office = Office.objects.get(organisation__name=HUB_NAME, name="本所")
    worker = User.objects.filter(office=office, groups__name="employment_worker").order_by("pk").first()
    supervisor = User.objects.filter(office=office, groups__name="supervisor").order_by("pk").first()
    rng = random.Random(SEED)
    counts: dict[str, int] = defaultdict(int)
    services.save_licence(
        actor=supervisor,
        fields={
            "number": "01-ム-300123",
            "valid_from": today.replace(year=today.year - 3),
            "valid_until": today + dt.timedelta(days=700),
        },
    )
    employers = _employers()
    contacts = _contacts(employers)
    # The districts of the city the openings are in and the seekers wish for (matching weighs the area).
    areas = list(Area.objects.filter(municipality=KUSHIRO, is_active=True).order_by("sort_order")[:AREAS])
    cases = _cases(worker, today)
    openings = _openings(worker, employers, contacts, areas, today)
    seekers = _seekers(worker, cases[:SEEKERS], areas, today, rng)
    counts["employers"], counts["openings"], counts["seekers"] = len(employers), len(openings), len(seekers)
    counts["introductions"], counts["hires"] = _introductions(worker, openings, seekers, today, rng)
    rest = cases[SEEKERS:]
    counts["internships"] = _internships(worker, rest[:2], today)
    counts["qualifications"] = _qualifications(worker, rest[2:5], today)
    counts["hello_work"] = _hello_work(worker, rest[5:8], today)
    counts["retention_checks"] = _retention_checks(worker, today)
    return dict(counts)


def _employers() -> list[Organisation]:
    admin = User.objects.filter(groups__name="administrator").order_by("pk").first()
    found = list(Organisation.objects.filter(name__in=INTERN_HOSTS).order_by("name"))
    for name, reading in NEW_EMPLOYERS:
        found.append(
            Organisation.objects.filter(name=name).first()
            or create_organisation(
                actor=admin,
                name=name,
                reading=reading,
                type=OrganisationType.COMPANY,
                description="無料職業紹介の求人事業所",
            )
        )
    return found


def _contacts(employers: list[Organisation]) -> dict[int, Contact]:
    """Each employer's contact for its openings (the one of the directory, or a hiring desk)."""
    admin = User.objects.filter(groups__name="administrator").order_by("pk").first()
    contacts = {}
    for index, employer in enumerate(employers):
        contacts[employer.pk] = employer.contacts.order_by("pk").first() or add_contact(
            organisation=employer,
            actor=admin,
            name=f"採用 {'一二三四五六七八九十'[index % 10]}郎",
            department="採用担当",
            phone=f"0154-2{index:01d}-1{index:03d}",
        )
    return contacts


def _cases(worker: User, today: dt.date) -> list[Case]:
    """Open cases of the office the worker may work on, taken in over a year ago first (they can register
    in time for the year's openings)."""
    rows = Case.objects.filter(office=worker.office, status__in=OPEN_STATUSES).order_by("intake_date", "pk")
    return [case for case in rows.select_related("person")[:60] if worker.has_perm("jobs.work_on_case", case)]


def _openings(
    worker: User,
    employers: list[Organisation],
    contacts: dict[int, Contact],
    areas: list[Area],
    today: dt.date,
) -> list[JobOpening]:
    openings = []
    for index in range(OPENINGS):
        occupation, term, wage_kind, wage, hours = JOBS[index % len(JOBS)]
        received = today - dt.timedelta(days=360 - index * 12)
        employer = employers[index % len(employers)]
        area = areas[index % len(areas)] if areas else None
        openings.append(
            services.create_opening(
                actor=worker,
                fields={
                    "employer": employer,
                    "contact": contacts[employer.pk],
                    "occupation": occupation,
                    "place": f"釧路市{area.name}" if area else "釧路市内",
                    "area": area,
                    "term": term,
                    "wage_kind": wage_kind,
                    "wage": wage,
                    "hours_per_week": hours,
                    "positions": 1 + index % 3,
                    "received_on": received,
                    "valid_until": received + dt.timedelta(days=90),
                    "conditions": "",
                },
            )
        )
    return openings


def _seekers(
    worker: User, cases: list[Case], areas: list[Area], today: dt.date, rng: random.Random
) -> list[JobSeeker]:
    seekers = []
    for index, case in enumerate(cases):
        received = max(case.intake_date, today - dt.timedelta(days=365 - index * 5))
        seekers.append(
            services.register_seeker(
                actor=worker,
                case=case,
                fields={
                    "occupations": WISHES[index % len(WISHES)],
                    # Every third seeker names no area (anywhere in the city will do).
                    "area": areas[index % len(areas)] if areas and index % 3 else None,
                    "term": "regular",
                    "max_hours_per_week": rng.choice((20, 30, 40)),
                    "wishes": "",
                    "received_on": received,
                    "valid_until": received + dt.timedelta(days=400),
                },
            )
        )
    return seekers


def _introductions(worker, openings, seekers, today, rng) -> tuple[int, int]:
    """Each opening's introductions of seekers registered by then; every sixth ends in a hire."""
    introduced = hires = 0
    hired: set[int] = set()
    for index, opening in enumerate(openings):
        day = opening.received_on + dt.timedelta(days=3)
        if day > today:
            continue
        ready = [s for s in seekers if s.received_on <= day <= s.valid_until and s.pk not in hired]
        for position, seeker in enumerate(rng.sample(ready, min(2, len(ready)))):
            introduction = services.introduce(actor=worker, seeker=seeker, opening=opening, introduced_on=day)
            introduced += 1
            result_on = min(day + dt.timedelta(days=10), today)
            if position == 0 and index % 6 == 2 and hires < HIRES:
                _step(worker, introduction, "interviewed", day + dt.timedelta(days=5), today)
                services.record_introduction_step(
                    actor=worker,
                    introduction=introduction,
                    fields={
                        "status": "hired",
                        "on": result_on,
                        "started_on": result_on + dt.timedelta(days=7),
                    },
                )
                hired.add(seeker.pk)
                hires += 1
            elif day + dt.timedelta(days=10) <= today:
                status = STEPS[(index + position) % len(STEPS)]
                if status in ("not_hired", "declined"):
                    _step(worker, introduction, "interviewed", day + dt.timedelta(days=5), today)
                _step(worker, introduction, status, result_on, today)
    return introduced, hires


def _step(worker, introduction, status: str, day: dt.date, today: dt.date) -> None:
    if status != "introduced" and day <= today:
        services.record_introduction_step(
            actor=worker, introduction=introduction, fields={"status": status, "on": day}
        )


def _internships(worker: User, cases: list[Case], today: dt.date) -> int:
    """Two internships of four weeks at the hosts, each ending in a hire by the host."""
    hosts = Organisation.objects.filter(name__in=INTERN_HOSTS).order_by("name")
    ended = 0
    for index, (case, host) in enumerate(zip(cases, hosts, strict=False)):
        starts = max(case.intake_date, today - dt.timedelta(days=150 - index * 40))
        ends = starts + dt.timedelta(days=27)
        if ends > today:  # a case taken in lately (a small demo): no internship ended yet
            continue
        internship = services.start_internship(
            actor=worker,
            case=case,
            fields={
                "host": host,
                "starts_on": starts,
                "ends_on": ends,
                "hours_per_week": 15,
                "paid": True,
                "allowance": 30000,
                "terms": "平日午前、作業着貸与",
            },
        )
        services.end_internship(
            actor=worker,
            internship=internship,
            fields={
                "ended_on": ends,
                "evaluation": "遅刻・欠勤なく通えた。作業手順を自分で確認できるようになった。",
                "hired": True,
                "started_on": ends + dt.timedelta(days=7),
                "employment_form": "part_time",
                "hours_per_week": 20,
                "wage_kind": "hourly",
                "wage": 1010,
            },
        )
        ended += 1
    return ended


def _qualifications(worker: User, cases: list[Case], today: dt.date) -> int:
    for index, (case, (course, provider, cost, funding, result)) in enumerate(
        zip(cases, QUALIFICATIONS, strict=False)
    ):
        starts = max(case.intake_date, today - dt.timedelta(days=120 - index * 30))
        qualification = services.add_qualification(
            actor=worker,
            case=case,
            fields={
                "course": course,
                "provider": provider,
                "cost": cost,
                "funding": funding,
                "starts_on": starts,
                "ends_on": starts + dt.timedelta(days=30),
            },
        )
        result_on = starts + dt.timedelta(days=35)
        if result and result_on <= today:
            services.record_qualification_result(
                actor=worker, qualification=qualification, fields={"result": result, "result_on": result_on}
            )
    return min(len(cases), len(QUALIFICATIONS))


def _hello_work(worker: User, cases: list[Case], today: dt.date) -> int:
    """Referrals to the Hello Work joint support: one with a plan and continuing, one just referred."""
    office = Organisation.objects.get(name=HELLO_WORK)
    for index, case in enumerate(cases[:2]):
        referred = max(case.intake_date, today - dt.timedelta(days=60 - index * 40))
        referral = services.refer_to_hello_work(
            actor=worker, case=case, fields={"office": office, "referred_on": referred}
        )
        if index == 0 and referred + dt.timedelta(days=30) <= today:
            services.record_hello_work_plan(
                actor=worker,
                referral=referral,
                fields={
                    "plan_on": referred + dt.timedelta(days=7),
                    "plan": "就労支援ナビゲーターと週1回の職業相談・応募書類の作成",
                },
            )
            services.record_hello_work_result(
                actor=worker,
                referral=referral,
                fields={"result": "continuing", "result_on": referred + dt.timedelta(days=30)},
            )
    return min(len(cases), 2)


def _retention_checks(worker: User, today: dt.date) -> int:
    """Every check of the demo's starts that has come due, made on its day: still working."""
    from tsunagu.jobs.models import RetentionCheck

    made = 0
    for check in RetentionCheck.objects.filter(due_on__lte=today, checked_on__isnull=True).select_related(
        "outcome__case"
    ):
        services.record_retention_check(
            actor=worker, check=check, fields={"checked_on": check.due_on, "still_working": True, "note": ""}
        )
        made += 1
    return made
