"""Casework services: the assessment (scores, the proposed and the confirmed stage).

Errors are checked by the field they name (the wording is translated at render), and every refusal
checks that nothing was saved.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tsunagu.accounts.roles import Role
from tsunagu.cases import services
from tsunagu.cases.models import (
    Assessment,
    CaseStatus,
)
from tsunagu.cases.tests.helpers import (
    SCORES_DAILY,
    SCORES_READY,
    assert_status,
    assess,
    days_ago,
    field_errors,
    today,
)
from tsunagu.people.models import Stage, StageChange
from tsunagu.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- assessment


@pytest.mark.parametrize(
    ("scores", "stage"),
    [
        (SCORES_DAILY, Stage.DAILY_LIFE),
        ({**SCORES_READY, "social_connection": 1, "family": 2}, Stage.SOCIAL_LIFE),
        ({**SCORES_READY, "work": 1, "income": 2}, Stage.SOCIAL_LIFE),
        (SCORES_READY, Stage.EMPLOYMENT),
        ({"daily_routine": 2, "housing": None}, Stage.DAILY_LIFE),
        ({}, Stage.EMPLOYMENT),
    ],
)
def test_the_proposed_stage_follows_the_documented_rule(scores, stage):
    assert services.propose_stage(scores) == stage


def test_an_assessment_keeps_its_scores_and_proposed_stage_and_the_case_is_assessed(
    case, consultation_worker
):
    assessment = assess(case, consultation_worker, scores=SCORES_READY, confirmed_stage=Stage.SOCIAL_LIFE)
    assessment.refresh_from_db()
    assert assessment.proposed_stage == Stage.EMPLOYMENT
    assert assessment.confirmed_stage == Stage.SOCIAL_LIFE
    assert assessment.score_housing == 5
    assert assessment.assessor == consultation_worker
    assert_status(case, CaseStatus.ASSESSMENT)


def test_a_confirmed_stage_change_is_kept_with_its_date_and_reason(case, consultation_worker):
    case.person.current_stage = Stage.EMPLOYMENT
    case.person.save()
    assess(case, consultation_worker, confirmed_stage=Stage.DAILY_LIFE, stage_reason="通院が途絶えている")
    change = StageChange.objects.get(person=case.person)
    assert (change.previous_stage, change.stage) == (Stage.EMPLOYMENT, Stage.DAILY_LIFE)
    assert change.changed_on == days_ago(50)
    assert change.reason == "通院が途絶えている"
    assert change.recorded_by == consultation_worker
    case.person.refresh_from_db()
    assert case.person.current_stage == Stage.DAILY_LIFE


def test_a_first_stage_without_a_reason_is_dated_by_the_assessment(case, consultation_worker):
    assess(case, consultation_worker, confirmed_stage=Stage.SOCIAL_LIFE)
    change = StageChange.objects.get(person=case.person)
    assert change.changed_on == days_ago(50)
    assert change.reason


def test_an_assessment_confirming_the_current_stage_writes_no_stage_change(case, consultation_worker):
    assess(case, consultation_worker, confirmed_stage=Stage.DAILY_LIFE)
    assess(case, consultation_worker, confirmed_stage=Stage.DAILY_LIFE, assessed_on=days_ago(10))
    assert StageChange.objects.filter(person=case.person).count() == 1


@pytest.mark.parametrize("bad", [0, 6, -1])
def test_a_score_outside_1_to_5_is_refused_and_nothing_is_saved(case, consultation_worker, bad):
    with pytest.raises(ValidationError) as error:
        assess(case, consultation_worker, scores={**SCORES_DAILY, "work": bad})
    assert field_errors(error.value) == {"score_work"}
    assert not Assessment.objects.exists()
    assert not StageChange.objects.exists()
    assert_status(case, CaseStatus.INTAKE)


def test_a_score_for_an_unknown_domain_is_refused(case, consultation_worker):
    with pytest.raises(ValidationError) as error:
        assess(case, consultation_worker, scores={**SCORES_DAILY, "astrology": 3})
    assert field_errors(error.value) == {"scores"}
    assert not Assessment.objects.exists()


def test_an_assessment_dated_before_intake_is_refused_and_nothing_is_saved(case, consultation_worker):
    with pytest.raises(ValidationError) as error:
        assess(case, consultation_worker, assessed_on=days_ago(61))
    assert field_errors(error.value) == {"assessed_on"}
    assert not Assessment.objects.exists()
    assert not StageChange.objects.exists()


def test_an_assessment_dated_in_the_future_is_refused(case, consultation_worker):
    with pytest.raises(ValidationError) as error:
        assess(case, consultation_worker, assessed_on=today() + dt.timedelta(days=1))
    assert field_errors(error.value) == {"assessed_on"}
    assert not Assessment.objects.exists()


def test_an_assessment_with_a_stage_off_the_ladder_is_refused(case, consultation_worker):
    with pytest.raises(ValidationError) as error:
        assess(case, consultation_worker, confirmed_stage="retired")
    assert "confirmed_stage" in field_errors(error.value)
    assert not Assessment.objects.exists()


def test_the_proposed_stage_cannot_be_set_by_hand(case, consultation_worker):
    # The proposal follows from the scores; a caller handing one in is refused loudly, nothing saved.
    with pytest.raises(TypeError, match="proposed_stage"):
        services.record_assessment(
            case=case,
            actor=consultation_worker,
            fields={"assessed_on": days_ago(50), "work_status": "unemployed", "housing_type": "rented",
                    "proposed_stage": Stage.EMPLOYMENT},
            scores=SCORES_DAILY,
            confirmed_stage=Stage.DAILY_LIFE,
        )  # fmt: skip
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("role_fixture", ["city_caseworker", "partner_staff", "statistician"])
def test_only_casework_staff_assess(request, case, role_fixture):
    with pytest.raises(PermissionDenied):
        assess(case, request.getfixturevalue(role_fixture))
    assert not Assessment.objects.exists()


def test_workers_of_another_office_cannot_assess(case, other_hub_office):
    elsewhere = UserFactory(office=other_hub_office, roles=[Role.CONSULTATION_WORKER])
    with pytest.raises(PermissionDenied):
        assess(case, elsewhere)
