"""Program-ladder services: the hosts' evaluations of a placement.

Refusals are checked by the field they name (the wording is translated at render), and every refusal
checks that nothing was saved.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tsunagu.accounts.roles import Role
from tsunagu.audit.models import AuditAction
from tsunagu.programs import services
from tsunagu.programs.models import (
    Placement,
    PlacementEvaluation,
)
from tsunagu.programs.tests.helpers import (
    S,
    audited,
    days_ago,
    field_errors,
    make_placement,
    today,
)
from tsunagu.testing.factories import (
    UserFactory,
)

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- the hosts' evaluations

GOOD_SCORES = {"greeting": 4, "punctuality": 3, "concentration": 3, "cooperation": 2, "understanding": 4}


@pytest.fixture
def active_placement(consultation_worker, person, host) -> Placement:
    return make_placement(person, host, S.ACTIVE, worker=consultation_worker, on=days_ago(60))


def test_partner_staff_of_the_host_evaluate_a_placement(partner_staff, active_placement):
    evaluation = services.evaluate_placement(
        actor=partner_staff, placement=active_placement, evaluated_on=days_ago(1), scores=GOOD_SCORES,
        comment="挨拶がしっかりできる",
    )  # fmt: skip
    evaluation.refresh_from_db()
    assert [(code, score) for code, _label, score in evaluation.items()] == list(GOOD_SCORES.items())
    assert (evaluation.evaluator, evaluation.comment) == (partner_staff, "挨拶がしっかりできる")
    assert list(active_placement.evaluations.all()) == [evaluation]
    assert audited(evaluation, AuditAction.CREATE)


def test_a_worker_may_record_the_hosts_evaluation(consultation_worker, active_placement):
    services.evaluate_placement(actor=consultation_worker, placement=active_placement, evaluated_on=days_ago(1),
                                scores={k: str(v) for k, v in GOOD_SCORES.items()})  # fmt: skip
    assert PlacementEvaluation.objects.get().greeting == 4


@pytest.mark.parametrize("bad", [0, 5, -1, "x", 2.5])
def test_scores_outside_1_to_4_are_refused(partner_staff, active_placement, bad):
    with pytest.raises(ValidationError) as caught:
        services.evaluate_placement(actor=partner_staff, placement=active_placement, evaluated_on=days_ago(1),
                                    scores={**GOOD_SCORES, "cooperation": bad})  # fmt: skip
    assert field_errors(caught.value) == {"cooperation"}
    assert not PlacementEvaluation.objects.exists()


def test_a_missing_item_is_refused(partner_staff, active_placement):
    scores = {k: v for k, v in GOOD_SCORES.items() if k != "understanding"}
    with pytest.raises(ValidationError) as caught:
        services.evaluate_placement(actor=partner_staff, placement=active_placement, evaluated_on=days_ago(1),
                                    scores={**scores, "greeting": None})  # fmt: skip
    assert field_errors(caught.value) == {"understanding", "greeting"}
    assert not PlacementEvaluation.objects.exists()


def test_an_evaluation_dated_in_the_future_is_refused(partner_staff, active_placement):
    with pytest.raises(ValidationError) as caught:
        services.evaluate_placement(actor=partner_staff, placement=active_placement,
                                    evaluated_on=today() + dt.timedelta(days=1), scores=GOOD_SCORES)  # fmt: skip
    assert field_errors(caught.value) == {"evaluated_on"}
    assert not PlacementEvaluation.objects.exists()


def test_an_evaluation_before_the_placement_began_is_refused(partner_staff, active_placement):
    with pytest.raises(ValidationError) as caught:
        services.evaluate_placement(actor=partner_staff, placement=active_placement, evaluated_on=days_ago(61),
                                    scores=GOOD_SCORES)  # fmt: skip
    assert field_errors(caught.value) == {"evaluated_on"}
    assert not PlacementEvaluation.objects.exists()


def test_someone_still_on_the_waiting_list_cannot_be_evaluated(
    partner_staff, consultation_worker, person, host
):
    waiting = make_placement(person, host, S.WAITING, worker=consultation_worker, on=days_ago(60))
    with pytest.raises(ValidationError) as caught:
        services.evaluate_placement(actor=consultation_worker, placement=waiting, evaluated_on=days_ago(1),
                                    scores=GOOD_SCORES)  # fmt: skip
    assert field_errors(caught.value) == {"evaluated_on"}
    # The host does not see its waiting list at all.
    with pytest.raises(PermissionDenied):
        services.evaluate_placement(actor=partner_staff, placement=waiting, evaluated_on=days_ago(1),
                                    scores=GOOD_SCORES)  # fmt: skip
    assert not PlacementEvaluation.objects.exists()


@pytest.mark.parametrize(
    "role_fixture", ["other_partner_staff", "statistician", "administrator", "city_caseworker"]
)
def test_partner_staff_of_another_organisation_cannot_evaluate(request, role_fixture, active_placement):
    user = request.getfixturevalue(role_fixture)
    with pytest.raises(PermissionDenied):
        services.evaluate_placement(actor=user, placement=active_placement, evaluated_on=days_ago(1),
                                    scores=GOOD_SCORES)  # fmt: skip
    assert not PlacementEvaluation.objects.exists()


def test_a_worker_of_another_office_cannot_evaluate_a_placement_outside_their_office(
    other_hub_office, active_placement
):
    elsewhere = UserFactory(office=other_hub_office, roles=[Role.EMPLOYMENT_WORKER])
    with pytest.raises(PermissionDenied):
        services.evaluate_placement(
            actor=elsewhere, placement=active_placement, evaluated_on=days_ago(1), scores=GOOD_SCORES
        )
    assert not PlacementEvaluation.objects.exists()
