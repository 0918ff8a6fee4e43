"""The demo's まじくる class, written through the children's and programs' services after the caseload
and the meetings: fifteen children of the demo's households (the household rows of school age become
children's records linked from those rows), enrolled over the last year, the class's sessions with a
roll-call at each, tutors (a staff member and volunteers, one of them a person once supported who now
mentors at the class: a supporter of the community work), a few notes and contacts with the guardians.
The demo's 相談 花子 is the children's-support worker (the group children_support)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone

from tsunagu.accounts.models import User
from tsunagu.cases.models import OPEN_STATUSES, Case
from tsunagu.children import services, services_classes
from tsunagu.children.models import CHILDREN_SUPPORT_GROUP, Child, HouseholdSituation, NoteKind
from tsunagu.community import services as community
from tsunagu.community.models import SupporterKind
from tsunagu.organisations.models import Contact
from tsunagu.people.models import HouseholdMember, Person, Sex
from tsunagu.programs import services as programs
from tsunagu.programs.models import AttendanceStatus, PlacementStatus, ProgramHost
from tsunagu.programs.selectors import expected_at
from tsunagu.sampledata.organisations import HUB_NAME

SEED = 16
CHILDREN = 15
SUPPORT_USERNAME = "soudan"
CLASS_PROGRAM = "生活困窮者等子ども学習支援プログラム（まじくる等）"

# Given names of the demo's children: (kanji, reading, sex).
GIVEN = (
    ("陽翔", "はると", Sex.MALE), ("結衣", "ゆい", Sex.FEMALE), ("蓮", "れん", Sex.MALE),
    ("葵", "あおい", Sex.FEMALE), ("湊", "みなと", Sex.MALE), ("凛", "りん", Sex.FEMALE),
    ("大和", "やまと", Sex.MALE), ("陽菜", "ひな", Sex.FEMALE), ("悠真", "ゆうま", Sex.MALE),
    ("芽依", "めい", Sex.FEMALE), ("颯太", "そうた", Sex.MALE), ("美咲", "みさき", Sex.FEMALE),
    ("蒼", "あおい", Sex.MALE), ("紬", "つむぎ", Sex.FEMALE), ("樹", "いつき", Sex.MALE),
)  # fmt: skip
LEARNING_NOTES = (
    "分数の計算を復習。通分でつまずくが、図を使うと理解できた。",
    "英単語の小テストで8割正解。前回より伸びている。",
    "数学の一次方程式。移項の考え方が定着してきた。",
    "国語の読解。要点を自分の言葉でまとめる練習をした。",
    "定期テストに向けて理科の計画を一緒に立てた。",
)
LIFE_NOTES = (
    "夕食を食べずに来ることが続く。軽食を用意し、保護者に様子を伝える。",
    "友だちと一緒に来るようになり、表情が明るい。",
    "部活動との両立に悩んでいる。通う曜日を相談した。",
    "睡眠不足の様子。夜遅くまで動画を見ているとのこと。",
)
GUARDIAN_NOTES = (
    "出席状況と学習の様子を電話で伝えた。家庭でも声かけしてくれるとのこと。",
    "送迎の時間について相談。水曜は祖母が迎えに来る。",
    "三者面談の日程を調整した。",
)


def load_children(*, seed: int = SEED) -> dict[str, int]:
    """Write the demo's まじくる class; returns how many of each record."""
    rng = random.Random(seed)
    today = timezone.localdate()
    support = User.objects.get(username=SUPPORT_USERNAME)
    support.groups.add(Group.objects.get_or_create(name=CHILDREN_SUPPORT_GROUP)[0])
    support = User.objects.get(pk=support.pk)  # the roles and groups read afresh
    host = ProgramHost.objects.select_related("program").get(
        program__name=CLASS_PROGRAM, organisation__name=HUB_NAME
    )
    start = max(today - dt.timedelta(days=364), host.program.active_from)
    children = _children(support, today, rng)
    placements = _enrol(support, host, children, start, today, rng)
    sessions = programs.generate_sessions(actor=support, host=host, date_from=start, date_to=today)
    roll_calls = _roll_calls(support, host, today, rng)
    tutors = _tutors(support, host, today)
    notes = _notes(support, children, start, today, rng)
    return {
        "children": len(children), "placements": placements, "sessions": len(sessions),
        "roll_calls": roll_calls, "tutors": tutors, "notes": notes,
    }  # fmt: skip


def _age(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _born(age: int, today: dt.date, rng: random.Random) -> dt.date:
    """A birth date at which the child is `age` today."""
    born = today.replace(year=today.year - age - 1) + dt.timedelta(days=rng.randint(1, 360))
    return born if _age(born, today) == age else today.replace(year=today.year - age, day=1)


def _children(support: User, today: dt.date, rng: random.Random) -> list[Child]:
    """The household rows of school age (7–15) of people with an open case become children; when the
    caseload has too few, the guardians with an open case are given one more child each."""
    rows = list(
        HouseholdMember.objects.filter(
            member_person__isnull=True, age__range=(7, 15), person__cases__status__in=OPEN_STATUSES
        )
        .select_related("person")
        .distinct()
        .order_by("pk")[:CHILDREN]
    )
    made = []
    for index, row in enumerate(rows):
        made.append(services.link_household_child(
            actor=support, member=row, person_fields=_person_fields(row.person, index, row.age, today, rng),
            fields=_child_fields(rng),
        ))  # fmt: skip
    guardians = list(
        Person.objects.filter(cases__status__in=OPEN_STATUSES, date_of_birth__isnull=False)
        .distinct()
        .order_by("pk")[: CHILDREN - len(made)]
    )
    for index, guardian in enumerate(guardians, start=len(made)):
        age = rng.randint(8, 14)
        made.append(services.add_child(
            actor=support, guardian=guardian, relation="子",
            person_fields=_person_fields(guardian, index, age, today, rng), fields=_child_fields(rng),
        ))  # fmt: skip
    return made


def _person_fields(guardian: Person, index: int, age: int, today: dt.date, rng: random.Random) -> dict:
    given, reading, sex = GIVEN[index % len(GIVEN)]
    return {
        "family_name": guardian.family_name, "given_name": given,
        "family_name_kana": guardian.family_name_kana, "given_name_kana": reading,
        "date_of_birth": _born(age, today, rng), "sex": sex,
    }  # fmt: skip


def _child_fields(rng: random.Random) -> dict:
    situation = HouseholdSituation.PUBLIC_ASSISTANCE if rng.random() < 0.4 else HouseholdSituation.HARDSHIP
    return {"school": "", "recorded_grade": None, "household_situation": situation}


def _enrol(support: User, host: ProgramHost, children: list[Child], start, today, rng) -> int:
    """Ten from the first day of the year, the others joining later (a visit first, then taking part);
    one stops after a move."""
    for index, child in enumerate(children):
        if index < 10:
            services_classes.enrol_child(
                actor=support, child=child, host=host, status=PlacementStatus.ACTIVE, on=start
            )
            continue
        visit = start + dt.timedelta(days=rng.randint(60, 240))
        placement = services_classes.enrol_child(
            actor=support, child=child, host=host, status=PlacementStatus.VISIT, on=visit
        )
        placement = programs.advance_placement(
            actor=support, placement=placement, status=PlacementStatus.ACTIVE,
            on=min(visit + dt.timedelta(days=7), today), edit_version=placement.edit_version,
        )  # fmt: skip
        if index == len(children) - 1:
            programs.advance_placement(
                actor=support, placement=placement, status=PlacementStatus.INTERRUPTED,
                on=min(visit + dt.timedelta(days=60), today), edit_version=placement.edit_version,
                reason="転居のため",
            )  # fmt: skip
    return len(children)


def _roll_calls(support: User, host: ProgramHost, today: dt.date, rng: random.Random) -> int:
    """A roll-call at every session held so far: most come, a few late or absent."""
    taken = 0
    for session in host.sessions.filter(date__lte=today, cancelled_at__isnull=True).order_by("date"):
        entries = []
        for placement_id in expected_at(session).order_by("pk").values_list("pk", flat=True):
            draw = rng.random()
            if draw < 0.8:
                entries.append(programs.RollCallEntry(placement_id, AttendanceStatus.PRESENT, Decimal("3")))
            elif draw < 0.88:
                entries.append(programs.RollCallEntry(placement_id, AttendanceStatus.LATE, Decimal("2")))
            else:
                category = rng.choice(("notified", "health", "family", "no_contact"))
                entries.append(programs.RollCallEntry(
                    placement_id, AttendanceStatus.ABSENT, Decimal(0), absence_category=category
                ))  # fmt: skip
        if entries:
            programs.record_roll_call(actor=support, session=session, entries=entries)
            taken += 1
    return taken


def _tutors(support: User, host: ProgramHost, today: dt.date) -> int:
    services_classes.add_tutor(actor=support, host=host, fields={"kind": "staff", "user": support})
    contact = Contact.objects.filter(name="社協 太一").first()
    if contact is not None:
        services_classes.add_tutor(actor=support, host=host, fields={"kind": "volunteer", "contact": contact})
    for name in ("釧路 公大（学生ボランティア）", "元教員 北野 澄子"):
        services_classes.add_tutor(actor=support, host=host, fields={"kind": "volunteer", "name": name})
    mentor = _mentor(support, host, today)
    if mentor is not None:
        services_classes.add_tutor(actor=support, host=host, fields={"kind": "volunteer", "person": mentor})
    return host.tutors.count()


def _mentor(support: User, host: ProgramHost, today: dt.date) -> Person | None:
    """A person the worker supported, their case opened half a year ago or more, who now mentors at the
    class (a supporter role of the community work, through its service): the tutor the community names."""
    cases = Case.objects.filter(
        office_id=support.office_id, intake_date__lte=today - dt.timedelta(days=180),
        person__child_record__isnull=True, person__merged_into__isnull=True,
    ).select_related("person").order_by("intake_date", "pk")[:20]  # fmt: skip
    for case in cases:
        if support.has_perm("people.work_on_person", case.person):
            started = min(today, case.intake_date + dt.timedelta(days=150))
            fields = {"kind": SupporterKind.MENTOR, "host": host, "started_on": started,
                      "note": "中学生の数学を担当"}  # fmt: skip
            community.add_supporter_role(actor=support, person=case.person, fields=fields)
            return case.person
    return None


def _notes(support: User, children: list[Child], start, today, rng: random.Random) -> int:
    """Two or three notes per child, and a contact with the guardian for every third child."""
    written = 0
    for index, child in enumerate(children):
        for _ in range(rng.randint(2, 3)):
            learning = rng.random() < 0.6
            services_classes.add_note(actor=support, child=child, fields={
                "date": start + dt.timedelta(days=rng.randint(30, (today - start).days)),
                "kind": NoteKind.LEARNING if learning else NoteKind.DAILY_LIFE,
                "text": rng.choice(LEARNING_NOTES if learning else LIFE_NOTES),
            })  # fmt: skip
            written += 1
        if index % 3 == 0:
            services_classes.record_guardian_contact(actor=support, child=child, fields={
                "date": start + dt.timedelta(days=rng.randint(30, (today - start).days)),
                "method": rng.choice(("phone", "meeting", "visit")), "note": rng.choice(GUARDIAN_NOTES),
            })  # fmt: skip
            written += 1
    return written
