"""Casework services: intake → assessment → plan → approval → support → monitoring → evaluation → closure,
the status following the records at every step.

Errors are checked by the field they name (the wording is translated at render), and every refusal
checks that nothing was saved.
"""

import pytest

from tsunagu.cases import services
from tsunagu.cases.models import (
    CaseStatus,
)
from tsunagu.cases.tests.helpers import (
    SCORES_READY,
    approve,
    assert_status,
    assess,
    at,
    days_ago,
    intake,
    plan_fields,
    request_closure,
)
from tsunagu.people.models import Stage

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- the whole journey


def test_the_status_follows_the_records_at_every_step_of_the_journey(consultation_worker, supervisor):
    case = intake(consultation_worker, application_signed_on=days_ago(60), concerns=["job_search"])
    assert_status(case, CaseStatus.INTAKE)
    assess(case, consultation_worker, scores=SCORES_READY, confirmed_stage=Stage.EMPLOYMENT)
    assert_status(case, CaseStatus.ASSESSMENT)
    plan = services.create_plan(case=case, actor=consultation_worker, fields=plan_fields())
    assert_status(case, CaseStatus.ASSESSMENT)
    services.submit_plan(plan=plan, actor=consultation_worker)
    assert_status(case, CaseStatus.PLANNING)
    services.return_plan(plan=plan, actor=supervisor, comment="")
    assert_status(case, CaseStatus.ASSESSMENT)
    services.submit_plan(plan=plan, actor=consultation_worker)
    approve([plan], supervisor)
    assert_status(case, CaseStatus.SUPPORT)
    services.add_note(
        case=case, actor=consultation_worker, occurred_at=at(days_ago(20)), method="accompany", minutes=90,
        content="ハローワークに同行",
    )  # fmt: skip
    services.record_monitoring(
        case=case, actor=consultation_worker, monitored_on=days_ago(10), progress="achieved", notes="内定",
        next_monitoring_on=None,
    )  # fmt: skip
    services.record_evaluation(
        case=case, actor=consultation_worker, evaluated_on=days_ago(5), state_changes=["employed"],
        summary="就職が決まった", outcome="close",
    )  # fmt: skip
    assert_status(case, CaseStatus.SUPPORT)
    closure = request_closure(case, consultation_worker, closed_on=days_ago(4))
    assert_status(case, CaseStatus.CLOSURE_PENDING)
    services.decide_closure(closure=closure, actor=supervisor, approve=False, comment="定着を確認してから")
    assert_status(case, CaseStatus.SUPPORT)
    closure = request_closure(case, consultation_worker, closed_on=days_ago(1))
    services.decide_closure(closure=closure, actor=supervisor, approve=True)
    assert_status(case, CaseStatus.CLOSED)
    assert case.closed_on == days_ago(1)
