"""Fixtures shared by the casework service tests: a case opened 60 days ago, and the same case in
support (its first plan approved)."""

import pytest

from tsunagu.testing.factories import CaseFactory

from .helpers import approve, days_ago, submitted_plan


@pytest.fixture
def case(consultation_worker):
    return CaseFactory(worker=consultation_worker, intake_date=days_ago(60))


@pytest.fixture
def case_in_support(case, consultation_worker, supervisor):
    approve([submitted_plan(case, consultation_worker)], supervisor)
    case.refresh_from_db()
    return case
