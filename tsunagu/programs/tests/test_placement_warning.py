"""Placing someone who has no assessment or approved plan yet: the page warns and the worker may still
place them by ticking past the warning (a first 見学 may come before the plan); never a refusal."""

import datetime as dt

import pytest
from django.utils import timezone

from tsunagu.cases.models import Assessment, PlanStatus
from tsunagu.programs.models import Placement
from tsunagu.testing.factories import CaseFactory, PersonFactory

from .helpers import make_plan

TODAY = timezone.localdate()


@pytest.fixture
def case(consultation_worker):
    return CaseFactory(worker=consultation_worker, intake_date=TODAY - dt.timedelta(days=60))


def assess(case, worker) -> Assessment:
    return Assessment.objects.create(
        case=case, assessed_on=TODAY - dt.timedelta(days=50), assessor=worker, work_status="unemployed",
        housing_type="rented", confirmed_stage="social_life",
    )  # fmt: skip


def approve_plan(case, worker):
    plan = make_plan(case, worker)
    plan.status = PlanStatus.APPROVED
    plan.save()
    return plan


def place(client, person, host, **extra):
    data = {"host": host.pk, "status": "visit", "on": TODAY.isoformat()} | extra
    return client.post(f"/programs/placements/new/{person.pk}/", data)


def test_the_placement_page_warns_when_there_is_no_assessment_or_plan(client_as, consultation_worker, case):
    page = client_as(consultation_worker).get(f"/programs/placements/new/{case.person_id}/").text
    assert 'data-testid="placement-gaps"' in page
    assert "ケースにアセスメントがまだ記録されていません。" in page
    assert "ケースに承認済みのプランがまだないため" in page
    assert f'href="/cases/{case.pk}/assessment/">アセスメントを記録する</a>' in page
    assert "このまま登録する" in page


def test_without_the_tick_nothing_is_saved_and_the_warning_says_what_to_do(
    client_as, consultation_worker, case, zoo_host
):
    response = place(client_as(consultation_worker), case.person, zoo_host)
    assert response.status_code == 400
    assert "「このまま登録する」にチェックを入れてください" in response.text
    assert not Placement.objects.exists()


def test_ticking_past_the_warning_places_the_person_without_a_plan(
    client_as, consultation_worker, case, zoo_host
):
    response = place(client_as(consultation_worker), case.person, zoo_host, proceed="on")
    assert response.status_code == 302
    placement = Placement.objects.get()
    assert (placement.case, placement.plan, placement.status) == (case, None, "visit")


def test_an_assessed_person_with_an_approved_plan_is_placed_without_a_warning(
    client_as, consultation_worker, case, zoo_host
):
    assess(case, consultation_worker)
    plan = approve_plan(case, consultation_worker)
    client = client_as(consultation_worker)
    page = client.get(f"/programs/placements/new/{case.person_id}/").text
    assert 'data-testid="placement-gaps"' not in page and "このまま登録する" not in page
    assert place(client, case.person, zoo_host).status_code == 302
    assert Placement.objects.get().plan == plan


def test_an_assessment_without_an_approved_plan_still_warns_about_the_plan_only(
    client_as, consultation_worker, case
):
    assess(case, consultation_worker)
    make_plan(case, consultation_worker)  # a draft
    page = client_as(consultation_worker).get(f"/programs/placements/new/{case.person_id}/").text
    assert "承認済みのプランがまだない" in page and "アセスメントがまだ記録されていません" not in page


def test_someone_without_an_open_case_in_the_office_is_warned_about(client_as, consultation_worker, case):
    """A person the worker sees through a closed case only: no process stands behind a new placement."""
    case.status = "closed"
    case.save(update_fields=["status"])
    page = client_as(consultation_worker).get(f"/programs/placements/new/{case.person_id}/").text
    assert "支援中のケースがありません" in page


def test_the_person_of_another_office_is_not_found(client_as, consultation_worker):
    stranger = PersonFactory()
    assert client_as(consultation_worker).get(f"/programs/placements/new/{stranger.pk}/").status_code == 404
