"""Helpers shared by the program-ladder service tests (test_*_service.py): dates, a program, a placement
straight into the database, a plan, and placing a person through the service."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from tsunagu.audit.models import AuditEvent
from tsunagu.cases.models import Plan
from tsunagu.programs import services
from tsunagu.programs.models import (
    AttendanceStatus,
    Placement,
    PlacementStatus,
    Program,
)
from tsunagu.testing.factories import (
    ProgramFactory,
)

S = PlacementStatus
A = AttendanceStatus
CASEWORK = ("consultation_worker", "employment_worker", "supervisor")
NOT_CASEWORK = ("city_caseworker", "partner_staff", "statistician", "administrator")
NOT_ADMINISTRATOR = (*CASEWORK, "city_caseworker", "partner_staff", "statistician")


# ---------------------------------------------------------------- helpers


def today() -> dt.date:
    return timezone.localdate()


def days_ago(days: int) -> dt.date:
    return today() - dt.timedelta(days=days)


def field_errors(error: ValidationError) -> set[str]:
    return set(error.message_dict)


def audited(target, action: str) -> bool:
    return AuditEvent.objects.filter(
        object_type=target._meta.label_lower, object_id=str(target.pk), action=action
    ).exists()


def make_program(**overrides) -> Program:
    """Mondays and Wednesdays 9:00–12:00, offered since April 2024."""
    return ProgramFactory(**{
        "name": "ボランティア体験（動物園）", "active_from": dt.date(2024, 4, 1), "weekdays": [0, 2],
        "start_time": dt.time(9), **overrides,
    })  # fmt: skip


def make_placement(person, host, status, *, worker, on=None, case=None, **extra) -> Placement:
    """A placement straight into the database, its step dated `on` (30 days ago by default)."""
    extra[services.STEP_DATE_FIELD[status]] = on or days_ago(30)
    if status == S.COMPLETED:
        extra.setdefault("started_on", (on or days_ago(30)) - dt.timedelta(days=30))
    if status == S.INTERRUPTED:
        extra.setdefault("interruption_reason", "体調不良")
    return Placement.objects.create(
        person=person, host=host, status=status, worker=worker, case=case, **extra
    )


def make_plan(case, author) -> Plan:
    start = days_ago(40)
    return Plan.objects.create(
        case=case, version=1, period_start=start, period_end=start + dt.timedelta(days=180),
        long_term_goal="地域の活動に参加する", short_term_goals="週2回通う", author=author,
    )  # fmt: skip


def place(actor, person, host, status=S.VISIT, on=None, **kwargs) -> Placement:
    return services.place_person(actor=actor, person=person, host=host, status=status, on=on or days_ago(30),
                                 **kwargs)  # fmt: skip
