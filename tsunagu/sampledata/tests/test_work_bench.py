"""The bench's work rows hold together with the placements chapter's attendance (600 people, once)."""

import datetime as dt

import pytest
from django.db import transaction
from django.test import override_settings

from tsunagu.sampledata.bench import generate
from tsunagu.sampledata.tests.test_work_writers import FAST_HASHER, closed_month_kept, holds_together
from tsunagu.work.models import PayAdjustment, PayMonth, PayStatement, SkillAssessment, WorkLog

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def bench(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER), transaction.atomic():
        yield generate(people=600, as_of=AS_OF, stream=None)
        transaction.set_rollback(True)


def test_the_bench_writes_logs_on_the_placements_roll_calls_and_closes_a_month(bench):
    assert bench["work logs"] == WorkLog.objects.count() > 500
    assert bench["skill assessments"] == SkillAssessment.objects.count() > 0
    holds_together()
    assert PayMonth.objects.count() == 2
    assert PayStatement.objects.exists() and PayAdjustment.objects.exists()
    closed_month_kept(dt.date(2026, 9, 1))
