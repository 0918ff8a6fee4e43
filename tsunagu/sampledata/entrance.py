"""The demo's high-school entrance support, written through the children's services after the caseload:
eight children of demo households, in 中3 two fiscal years ago (so that the results and the follow-up a
year later are in), each with a plan, two parent sessions, their applications and results."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tsunagu.cases.models import OPEN_STATUSES, Case
from tsunagu.children import services as children
from tsunagu.children import services_entrance as entrance
from tsunagu.core.dates import fiscal_year_of

COHORT_SIZE = 8
GIVEN_NAMES = ("陽翔", "結菜", "湊", "芽依", "蓮", "心春", "大和", "紬")
# Per pupil: graduated, (school, course, entered) applications, the follow-up a year later.
RESULTS = (
    (True, (("釧路湖陵高校", "full_time", True),), "enrolled"),
    (True, (("釧路北陽高校", "full_time", False), ("釧路工業高校", "full_time", True)), "enrolled"),
    (True, (("釧路工業高等専門学校", "technical_college", True),), "enrolled"),
    (True, (("釧路明輝高校（定時制）", "part_time", True),), "left"),
    (True, (("通信制高校 釧路学習センター", "correspondence", True),), "enrolled"),
    (True, (("釧路養護学校高等部", "special_needs", True),), "enrolled"),
    (True, (("市内の水産加工会社", "employment", True),), ""),
    (False, (), ""),
)


def load_entrance() -> dict[str, int]:
    """Write the demo's cohort; returns how many pupils and applications."""
    today = timezone.localdate()
    year = fiscal_year_of(today) - 2
    cases = Case.objects.filter(status__in=OPEN_STATUSES, worker__isnull=False).select_related(
        "person", "worker"
    )
    guardians = [c for c in cases.order_by("pk") if _old_enough(c.person.date_of_birth, today)][:COHORT_SIZE]
    applications = 0
    for n, (case, given, (graduated, applied, follow_up)) in enumerate(
        zip(guardians, GIVEN_NAMES, RESULTS, strict=False)
    ):
        pupil = _pupil(case, given, year, n)
        for school, course, entered in applied:
            entrance.add_application(
                actor=case.worker, pupil=pupil,
                fields={"school_name": school, "course": course, "entered": entered,
                        "passed_on": dt.date(year + 1, 3, 2) if entered or course != "employment" else None},
            )  # fmt: skip
            applications += 1
        entrance.record_outcome(
            actor=case.worker, pupil=pupil, edit_version=pupil.edit_version,
            fields={"graduated_junior_high": graduated, "follow_up": follow_up,
                    "follow_up_on": dt.date(year + 2, 4, 10) if follow_up else None},
        )  # fmt: skip
    return {"pupils": len(guardians), "applications": applications}


def _old_enough(born: dt.date | None, today: dt.date) -> bool:
    return born is not None and 30 <= today.year - born.year <= 60


def _pupil(case: Case, given: str, year: int, n: int):
    worker, guardian = case.worker, case.person
    child = children.add_child(
        actor=worker, guardian=guardian, relation="子",
        person_fields={"family_name": guardian.family_name, "given_name": given,
                       "family_name_kana": guardian.family_name_kana, "given_name_kana": "こども",
                       "date_of_birth": dt.date(year - 15, 5 + n % 6, 10), "sex": "not_answered"},
        fields={"school": "釧路市立中学校", "recorded_grade": None,
                "household_situation": "public_assistance" if n % 2 else "hardship"},
    )  # fmt: skip
    pupil = entrance.add_pupil(
        actor=worker, child=child, fiscal_year=year,
        fields={"goals": "自分に合った進路を選び、春に進学する", "schools_considered": "公立高校・定時制・高専"},
    )  # fmt: skip
    for month, attended in ((6, True), (11, n % 3 != 0)):
        entrance.add_parent_session(
            actor=worker, pupil=pupil,
            fields={"held_on": dt.date(year, month, 15), "parent_attended": attended, "note": "進路説明会"},
        )  # fmt: skip
    return pupil
