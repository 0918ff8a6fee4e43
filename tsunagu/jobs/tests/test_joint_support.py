"""Hello Work joint support, internships and qualifications on a case: each through its service, shown on
the case page and its timeline, a hire through either recording the start of work by its route."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tsunagu.audit.models import AuditEvent
from tsunagu.cases.models import Case
from tsunagu.cases.tests.helpers import days_ago, today
from tsunagu.jobs import selectors, services
from tsunagu.jobs.models import HelloWorkReferral, Internship, Qualification, Route, WorkOutcome
from tsunagu.jobs.tests.conftest import in_english
from tsunagu.organisations.models import OrganisationType
from tsunagu.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HIRE = {"employment_form": "part_time", "hours_per_week": 20, "wage_kind": "hourly", "wage": 1000}


@pytest.fixture
def hello_work():
    return OrganisationFactory(name="ハローワーク釧路", type=OrganisationType.PUBLIC_AGENCY)


@pytest.fixture
def host():
    return OrganisationFactory(name="株式会社ビケンワーク", type=OrganisationType.COMPANY)


def refer(worker, case, office, on=None):
    return services.refer_to_hello_work(
        actor=worker, case=case, fields={"office": office, "referred_on": on or days_ago(30)}
    )


def test_a_hello_work_referral_gets_its_plan_and_a_hire_records_a_start_by_hello_work(
    world, employment_worker, hello_work, host
):
    referral = refer(employment_worker, world.case, hello_work)
    services.record_hello_work_plan(
        actor=employment_worker,
        referral=referral,
        fields={"plan_on": days_ago(20), "plan": "週1回の職業相談"},
    )
    services.record_hello_work_result(
        actor=employment_worker, referral=referral,
        fields={"result": "employed", "result_on": days_ago(2), "employer": host, "employer_name": "",
                "started_on": days_ago(1), **HIRE},
    )  # fmt: skip
    referral.refresh_from_db()
    assert referral.plan == "週1回の職業相談" and referral.result == "employed"
    outcome = referral.outcome
    assert outcome.case == world.case and outcome.route == Route.HELLO_WORK and outcome.employer == host
    assert outcome.retention_checks.count() == 3
    assert (
        AuditEvent.objects.filter(object_type="jobs.helloworkreferral", object_id=str(referral.pk)).count()
        == 3
    )
    with pytest.raises(ValidationError) as refused:
        services.record_hello_work_result(
            actor=employment_worker, referral=referral, fields={"result": "stopped", "result_on": today()}
        )
    assert "result" in refused.value.message_dict


def test_a_hello_work_hire_without_an_employer_saves_no_result(world, employment_worker, hello_work):
    referral = refer(employment_worker, world.case, hello_work)
    with pytest.raises(ValidationError) as refused:
        services.record_hello_work_result(
            actor=employment_worker, referral=referral,
            fields={"result": "employed", "result_on": days_ago(1), "started_on": days_ago(1), **HIRE},
        )  # fmt: skip
    assert "employer" in refused.value.message_dict
    referral.refresh_from_db()
    assert referral.result == "" and not WorkOutcome.objects.exists()


def test_a_worker_of_another_office_may_not_refer_the_case_and_its_pages_are_404(
    world, employment_worker, hello_work, client_as
):
    with pytest.raises(PermissionDenied):
        refer(world.onbetsu, world.case, hello_work)
    referral = refer(employment_worker, world.case, hello_work)
    client = client_as(world.onbetsu)
    assert client.get(reverse("jobs:hello_work_detail", args=[referral.pk])).status_code == 404
    assert client.get(reverse("jobs:hello_work_add", args=[world.case.pk])).status_code == 404


def test_the_jobs_home_counts_hello_work_support_apart_by_fiscal_year(
    world, employment_worker, hello_work, client_as
):
    first = refer(employment_worker, world.case, hello_work, on=days_ago(10))
    services.record_hello_work_result(
        actor=employment_worker, referral=first, fields={"result": "stopped", "result_on": days_ago(5)}
    )
    refer(employment_worker, world.case, hello_work, on=days_ago(5))
    this_year = selectors.hello_work_counts(employment_worker)[0]
    assert (this_year.referred, this_year.stopped, this_year.employed) == (2, 1, 0)
    # The other office's worker does not see the case: nothing counted.
    assert selectors.hello_work_counts(world.onbetsu)[0].referred == 0
    page = in_english(client_as(employment_worker)).get(reverse("jobs:home")).content.decode()
    assert 'data-testid="hello-work-counts"' in page and "Hello Work joint support" in page


def test_an_internship_ending_in_a_hire_records_a_start_by_the_internship_route(
    world, employment_worker, host
):
    internship = services.start_internship(
        actor=employment_worker, case=world.case,
        fields={"host": host, "starts_on": days_ago(40), "ends_on": days_ago(10), "hours_per_week": 15,
                "paid": True, "allowance": 20000, "terms": "午前のみ"},
    )  # fmt: skip
    services.end_internship(
        actor=employment_worker, internship=internship,
        fields={"ended_on": days_ago(10), "evaluation": "遅刻なく通えた", "hired": True, "started_on": days_ago(3), **HIRE},
    )  # fmt: skip
    internship.refresh_from_db()
    assert internship.hired is True and internship.evaluation == "遅刻なく通えた"
    assert internship.outcome.route == Route.INTERNSHIP and internship.outcome.employer == host
    with pytest.raises(ValidationError):
        services.end_internship(
            actor=employment_worker, internship=internship, fields={"ended_on": today(), "hired": False}
        )


def test_an_unpaid_internship_keeps_no_allowance_and_a_backwards_period_is_refused(
    world, employment_worker, host
):
    fields = {"host": host, "starts_on": days_ago(5), "ends_on": days_ago(1), "hours_per_week": 10,
              "paid": False, "allowance": 5000, "terms": ""}  # fmt: skip
    assert (
        services.start_internship(actor=employment_worker, case=world.case, fields=fields).allowance is None
    )
    with pytest.raises(ValidationError) as refused:
        services.start_internship(
            actor=employment_worker, case=world.case, fields={**fields, "ends_on": days_ago(10)}
        )
    assert "ends_on" in refused.value.message_dict
    assert Internship.objects.count() == 1


def test_a_qualification_is_pursued_with_its_funding_then_gained(world, employment_worker):
    qualification = services.add_qualification(
        actor=employment_worker, case=world.case,
        fields={"course": "介護職員初任者研修", "provider": "釧路介護スクール", "cost": 60000,
                "funding": "livelihood_aid", "starts_on": days_ago(60), "ends_on": days_ago(5)},
    )  # fmt: skip
    services.record_qualification_result(
        actor=employment_worker,
        qualification=qualification,
        fields={"result": "gained", "result_on": days_ago(2)},
    )
    qualification.refresh_from_db()
    assert qualification.result == "gained" and qualification.get_funding_display().endswith("(生業扶助)")
    with pytest.raises(ValidationError) as refused:
        services.add_qualification(
            actor=employment_worker, case=world.case,
            fields={"course": "", "provider": "", "cost": None, "funding": "self", "starts_on": today(), "ends_on": None},
        )  # fmt: skip
    assert "course" in refused.value.message_dict and Qualification.objects.count() == 1


def test_the_case_page_and_timeline_show_all_three_and_the_worker_records_them_through_the_forms(
    world, employment_worker, hello_work, host, client_as
):
    client = in_english(client_as(employment_worker))
    response = client.post(
        reverse("jobs:hello_work_add", args=[world.case.pk]),
        {"office": hello_work.pk, "referred_on": days_ago(3).isoformat()},
    )
    referral = HelloWorkReferral.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "jobs:hello_work_detail", args=[referral.pk]
    )
    response = client.post(
        reverse("jobs:internship_add", args=[world.case.pk]),
        {"host": host.pk, "starts_on": days_ago(3).isoformat(), "ends_on": (today() + dt.timedelta(days=14)).isoformat(),
         "hours_per_week": "12", "paid": "on", "allowance": "10000"},
    )  # fmt: skip
    assert response.status_code == 302 and Internship.objects.get().allowance == 10000
    response = client.post(
        reverse("jobs:qualification_add", args=[world.case.pk]),
        {"course": "フォークリフト運転技能講習", "funding": "self", "starts_on": days_ago(1).isoformat()},
    )
    assert response.status_code == 302
    page = client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert 'data-testid="case-hello-work"' in page and "ハローワーク釧路" in page
    assert 'data-testid="case-internships"' in page and "株式会社ビケンワーク" in page
    assert "フォークリフト運転技能講習" in page
    for kind in ("hello_work", "internship", "qualification"):
        assert f'data-kind="{kind}"' in page
    refused = client.post(
        reverse("jobs:internship_end", args=[Internship.objects.get().pk]), {"hired": "yes"}
    )
    assert refused.status_code == 400 and Internship.objects.get().ended_on is None


def test_the_case_panel_reads_in_a_fixed_number_of_queries(world, employment_worker, hello_work, host):
    def count() -> int:
        case = Case.objects.get(pk=world.case.pk)  # afresh: the page's case keeps what it read
        with CaptureQueriesContext(connection) as queries:
            selectors.case_work_panel(employment_worker, case)
        return len(queries)

    refer(employment_worker, world.case, hello_work)
    before = count()
    for _ in range(3):
        refer(employment_worker, world.case, hello_work)
        services.add_qualification(
            actor=employment_worker, case=world.case,
            fields={"course": "簿記3級", "provider": "", "cost": None, "funding": "self", "starts_on": today(), "ends_on": None},
        )  # fmt: skip
    assert count() == before
