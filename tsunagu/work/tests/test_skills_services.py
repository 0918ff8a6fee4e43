"""Confirming and setting skill levels: what is saved, what is refused, and that pay follows the level."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.programs.models import Session
from tsunagu.testing.factories import (
    AttendanceFactory,
    CaseFactory,
    PlacementFactory,
    SessionFactory,
    WorkLogFactory,
    WorkTypeFactory,
)
from tsunagu.work.models import PayMonth, SkillAssessment
from tsunagu.work.pay import compute_months
from tsunagu.work.services_skills import confirm_skill_level, set_skill_level

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def ladder_work_type(**kwargs):
    """Net mending with the rule set on level 2: 5 an hour, at most 5 % defects, over 3 working days."""
    work_type = WorkTypeFactory(review_days=3, **kwargs)
    work_type.levels.filter(rank=2).update(units_per_hour_to_reach=5, max_defect_rate=Decimal("0.05"))
    return work_type


def log_days(placement, work_type, days, *, quantity=12, minutes=120, defects=0):
    """A log at the work type on each day, each on that day's session of the host."""
    logs = []
    for day in days:
        session = Session.objects.filter(host=work_type.host, date=day).first() or SessionFactory(
            host=work_type.host, date=day
        )
        attendance = AttendanceFactory(placement=placement, session=session)
        logs.append(
            WorkLogFactory(
                work_type=work_type,
                attendance=attendance,
                quantity=quantity,
                minutes=minutes,
                defects=defects,
            )
        )
    return logs


def placed(worker, work_type, **case_kwargs):
    case = CaseFactory(worker=worker, **case_kwargs)
    return PlacementFactory(case=case, host=work_type.host, started_on=TODAY - dt.timedelta(days=200))


def recent_days(count: int, *, until: dt.date = TODAY) -> list[dt.date]:
    return [until - dt.timedelta(days=i) for i in range(count - 1, -1, -1)]


@pytest.fixture
def setting(consultation_worker):
    work_type = ladder_work_type()
    placement = placed(consultation_worker, work_type)
    log_days(placement, work_type, recent_days(3))
    level2 = work_type.levels.get(rank=2)
    return work_type, placement.person, level2


def test_a_supervisor_confirms_the_proposed_level_with_its_evidence_and_it_is_audited(supervisor, setting):
    work_type, person, level2 = setting
    assessment = confirm_skill_level(
        actor=supervisor, person=person, work_type=work_type, level=level2, effective_from=TODAY,
        units_per_hour=Decimal("6.00"), defect_rate=Decimal("0.000"), days_counted=3,
    )  # fmt: skip
    saved = SkillAssessment.objects.get(pk=assessment.pk)
    assert (saved.level, saved.proposed_by_rule, saved.assessed_by) == (level2, True, supervisor)
    assert (saved.units_per_hour, saved.defect_rate, saved.days_counted) == (Decimal("6.00"), 0, 3)
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_id=str(saved.pk))
    assert event.detail == {
        "person": person.pk, "work_type": work_type.pk, "level": level2.pk, "proposed_by_rule": True
    }  # fmt: skip


def test_a_supervisor_sets_a_level_down_with_a_note(supervisor, setting):
    work_type, person, level2 = setting
    set_skill_level(
        actor=supervisor, person=person, work_type=work_type, level=level2,
        effective_from=TODAY - dt.timedelta(days=1), note="安定して作業できている",
    )  # fmt: skip
    level1 = work_type.levels.get(rank=1)
    down = set_skill_level(
        actor=supervisor, person=person, work_type=work_type, level=level1, effective_from=TODAY,
        note="手順の確認が必要",
    )  # fmt: skip
    assert down.level == level1 and not down.proposed_by_rule and down.note == "手順の確認が必要"


def test_a_level_changes_pay_from_its_date_on_only(supervisor, setting):
    work_type, person, level2 = setting
    days = recent_days(3)
    set_skill_level(
        actor=supervisor,
        person=person,
        work_type=work_type,
        level=level2,
        effective_from=days[-1],
        note="上達",
    )
    by_day = {
        day.date: day.amount
        for month in {d.replace(day=1) for d in days}
        for pay in compute_months(month=month, person_ids=[person.pk])
        for day in pay.days
    }
    assert [by_day[d] for d in days] == [Decimal(1200), Decimal(1200), Decimal(1800)]  # 12 × 100, 12 × 150


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"effective_from": TODAY + dt.timedelta(days=1)}, "effective_from"),  # the future
        ({"effective_from": TODAY - dt.timedelta(days=3)}, "effective_from"),  # before the first log
        ({"note": "  "}, "note"),
    ],
)
def test_a_level_in_the_future_before_the_first_log_or_without_a_note_is_refused(
    supervisor, setting, change, field
):
    work_type, person, level2 = setting
    values = {"work_type": work_type, "level": level2, "effective_from": TODAY, "note": "上達"} | change
    with pytest.raises(ValidationError) as refused:
        set_skill_level(actor=supervisor, person=person, **values)
    assert field in refused.value.message_dict
    assert not SkillAssessment.objects.exists()


def test_a_level_of_another_work_type_is_refused(supervisor, setting):
    work_type, person, _level2 = setting
    other = WorkTypeFactory(host=work_type.host).levels.get(rank=2)
    with pytest.raises(ValidationError) as refused:
        set_skill_level(
            actor=supervisor, person=person, work_type=work_type, level=other, effective_from=TODAY, note="x"
        )
    assert "level" in refused.value.message_dict
    assert not SkillAssessment.objects.exists()


def test_a_level_in_a_closed_month_is_refused_so_pay_already_computed_stays(supervisor, consultation_worker):
    work_type = ladder_work_type()
    placement = placed(consultation_worker, work_type)
    last_month = (TODAY.replace(day=1) - dt.timedelta(days=1)).replace(day=10)
    log_days(placement, work_type, [last_month, TODAY])
    PayMonth.objects.create(
        host=work_type.host, month=last_month.replace(day=1), closed_at=timezone.now(), closed_by=supervisor
    )
    with pytest.raises(ValidationError) as refused:
        set_skill_level(
            actor=supervisor, person=placement.person, work_type=work_type, level=work_type.levels.get(rank=2),
            effective_from=last_month, note="遡って",
        )  # fmt: skip
    assert list(refused.value.message_dict) == ["effective_from"]  # the only reason: the month is closed
    assert not SkillAssessment.objects.exists()


def test_the_same_level_again_or_a_second_level_on_one_day_is_refused(supervisor, setting):
    work_type, person, level2 = setting
    level1 = work_type.levels.get(rank=1)
    with pytest.raises(ValidationError) as refused:
        set_skill_level(
            actor=supervisor, person=person, work_type=work_type, level=level1, effective_from=TODAY, note="x"
        )
    assert "level" in refused.value.message_dict
    set_skill_level(
        actor=supervisor, person=person, work_type=work_type, level=level2, effective_from=TODAY, note="x"
    )
    with pytest.raises(ValidationError) as refused:
        set_skill_level(
            actor=supervisor, person=person, work_type=work_type, level=level1, effective_from=TODAY, note="x"
        )
    assert "effective_from" in refused.value.message_dict
    assert SkillAssessment.objects.count() == 1


def test_only_a_supervisor_with_the_person_in_scope_sets_a_level(
    supervisor, consultation_worker, other_hub_office, setting
):
    work_type, person, level2 = setting
    values = {"person": person, "work_type": work_type, "level": level2, "effective_from": TODAY, "note": "x"}
    with pytest.raises(PermissionDenied):
        set_skill_level(actor=consultation_worker, **values)
    from tsunagu.testing.factories import UserFactory

    elsewhere = UserFactory(office=other_hub_office, roles=["supervisor"])
    with pytest.raises(PermissionDenied):
        set_skill_level(actor=elsewhere, **values)
    assert not SkillAssessment.objects.exists()
