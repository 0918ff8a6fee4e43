"""The work chapter's two writers: the demo's writes what the teller told (a small caseload), the bench's
rows hold together with the placements chapter's attendance, and its columns are checked against the
models as every bulk table's are."""

import datetime as dt

import pytest
from django.db import transaction
from django.db.models import F, Q
from django.test import override_settings

from tsunagu.programs.models import AttendanceStatus, Session
from tsunagu.sampledata.accounts import load_users
from tsunagu.sampledata.bench import Table, check_columns
from tsunagu.sampledata.cases import SEED, DemoWriter, load_caseload
from tsunagu.sampledata.catalog import load_catalog
from tsunagu.sampledata.organisations import load_organisations
from tsunagu.sampledata.work import CHAPTER, NAME, SITES
from tsunagu.work.models import (
    CustomerOrder,
    PayAdjustment,
    PayMonth,
    PayRate,
    PayStatement,
    SkillAssessment,
    WorkLog,
    WorkType,
)
from tsunagu.work.pay import compute_months

pytestmark = pytest.mark.django_db
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AS_OF = dt.date(2026, 11, 27)


def test_the_bulk_tables_fill_every_required_column_and_no_other():
    tables = [
        Table(label, model, columns, per_person) for label, model, columns, per_person in CHAPTER.tables
    ]
    check_columns(tables)
    logs = tables[0]
    without_minutes = Table(logs.label, WorkLog, tuple(c for c in logs.columns if c != "minutes"), 0)
    with pytest.raises(RuntimeError, match=r"work_worklog\.minutes"):
        check_columns([without_minutes])
    with pytest.raises(RuntimeError, match="hours"):
        check_columns([Table(logs.label, WorkLog, (*logs.columns, "hours"), 0)])


def holds_together() -> None:
    """Every log sits on an attended roll-call of the same day, placement, person and site."""
    logs = WorkLog.objects.all()
    assert not logs.exclude(
        Q(attendance__session__date=F("date"))
        & Q(attendance__placement=F("placement"))
        & Q(placement__person=F("person"))
        & Q(attendance__session__host=F("work_type__host"))
    ).exists()
    assert not logs.filter(attendance__status=AttendanceStatus.ABSENT).exists()
    assert not logs.filter(minutes__gt=F("attendance__hours") * 60).exists()
    assert not SkillAssessment.objects.exclude(level__work_type=F("work_type")).exists()


def closed_month_kept(month: dt.date) -> None:
    """The closed month at each site, its statements as pay.py reckons it; corrections paid the month after."""
    for pay_month in PayMonth.objects.all():
        assert pay_month.month == month
        kept = {(s.person_id, s.total) for s in pay_month.statements.all()}
        assert kept == {
            (p.person_id, p.total) for p in compute_months(month=month, host_ids=[pay_month.host_id])
        }
    assert not PayAdjustment.objects.exclude(corrects_month=month).exists()
    assert not PayAdjustment.objects.exclude(month=(month + dt.timedelta(days=32)).replace(day=1)).exists()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """A small demo caseload (80 people), written once in a transaction rolled back after the module."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER), transaction.atomic():
        load_organisations()
        load_users()
        load_catalog()
        writer = DemoWriter(people=80, seed=SEED)
        writer.run()
        yield writer
        transaction.set_rollback(True)


def test_the_demo_writes_the_sites_and_every_day_of_work_the_teller_told(demo):
    types = {work_type.name: work_type for work_type in WorkType.objects.all()}
    assert set(types) == {site.work_type for site in SITES}
    for site in SITES:
        work_type = types[site.work_type]
        assert work_type.work_form == site.work_form
        assert [(level.rank, level.name) for level in work_type.levels.all()] == [
            (level.rank, level.name) for level in site.levels
        ]
        # Each level's rate changed once: the first closed the day before the second starts.
        for level in work_type.levels.all():
            first, second = PayRate.objects.filter(level=level).order_by("effective_from")
            assert first.effective_until == second.effective_from - dt.timedelta(days=1)
            assert second.effective_from.month == 4 and second.amount > first.amount
        assert CustomerOrder.objects.filter(work_type=work_type).exists()
    stories = [story for person in demo.written for story in person.chapters.get(NAME, ())]
    written = [story for story in stories if story.placement.ref.status == story.placement.status]
    assert written
    # Every day told is written, but the days the host is closed (年末年始), which have no session to log on.
    sessions = set(Session.objects.values_list("host_id", "date"))
    logs = [
        log for story in written for log in story.logs
        if (story.placement.host.id, dt.date.fromordinal(log.day)) in sessions
    ]  # fmt: skip
    assert len(logs) >= 0.97 * sum(len(story.logs) for story in written)
    assert WorkLog.objects.count() == len(logs)
    assert SkillAssessment.objects.count() == sum(len(story.levels) for story in written)
    assert PayAdjustment.objects.count() == sum(len(story.adjustments) for story in written)
    holds_together()
    closed_month_kept(PayMonth.objects.get(host=types[SITES[0].work_type].host).month)


def test_loading_more_people_leaves_the_closed_month_as_it_was(demo):
    closed = PayMonth.objects.first()
    month = (closed.month, (closed.month + dt.timedelta(days=32)).replace(day=1))
    in_month = WorkLog.objects.filter(date__gte=month[0], date__lt=month[1])
    before = (in_month.count(), PayMonth.objects.count(), PayStatement.objects.count())
    load_caseload(people=20, seed=7)
    assert (in_month.count(), PayMonth.objects.count(), PayStatement.objects.count()) == before
    holds_together()
