"""The pay pages per role: a host's month, closing it, an adjustment, the statement PDF, the earned income;
what each shows, who is refused, what is recorded as read, and the query counts of the lists."""

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.people.models import Consent, ConsentScope
from tsunagu.testing.factories import CaseFactory, PersonFactory, PlacementFactory, WorkTypeFactory, log_work
from tsunagu.testing.pdf import pdf_text
from tsunagu.work.models import PayAdjustment, PayMonth, PayStatement
from tsunagu.work.months import month_start
from tsunagu.work.selectors_pay import previous_month
from tsunagu.work.services_pay import close_pay_month

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_as(client_as):
    """The pages in English (the language switch's cookie), so that the messages read as written here."""

    def make(user):
        client = client_as(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


TODAY = timezone.localdate()
LAST_MONTH = previous_month(TODAY)


def _placed(work_type, worker, **person):
    case = CaseFactory(worker=worker, person=PersonFactory(**person))
    return PlacementFactory(
        host=work_type.host, case=case, worker=worker, started_on=LAST_MONTH - dt.timedelta(days=90)
    )


def _work(placement, work_type, days=(3, 4), quantity=10, minutes=120):
    for day in days:
        log_work(
            placement=placement,
            work_type=work_type,
            day=LAST_MONTH.replace(day=day),
            quantity=quantity,
            minutes=minutes,
        )


@pytest.fixture
def work_type():
    return WorkTypeFactory(name="整網", unit="枚", host__program__name="漁網の整網作業")


@pytest.fixture
def hanako(work_type, consultation_worker):
    placement = _placed(work_type, consultation_worker, family_name="釧路", given_name="花子")
    _work(placement, work_type)
    return placement


def _url(work_type, month=LAST_MONTH) -> str:
    return f"{reverse('work:pay_host', args=[work_type.host_id])}?month={month:%Y-%m}"


def test_casework_staff_see_a_hosts_month_with_each_persons_pay_and_the_read_is_recorded(
    client_as, consultation_worker, work_type, hanako
):
    response = client_as(consultation_worker).get(_url(work_type))

    assert response.status_code == 200
    page = response.content.decode()
    assert "釧路 花子" in page and "2,000" in page  # 2 days × 10 枚 × 100 円
    assert 'data-testid="month-state">Open<' in page
    assert "Close the month" not in page  # a worker does not close months
    event = AuditEvent.objects.get(action=AuditAction.VIEW, detail__page="pay_host")
    assert event.detail["people"] == [hanako.person_id]


def test_people_of_another_offices_cases_are_counted_but_not_named(
    client_as, consultation_worker, work_type, hanako, other_hub_office
):
    from tsunagu.testing.factories import UserFactory

    onbetsu = UserFactory(office=other_hub_office, roles=["consultation_worker"])
    other = _placed(work_type, onbetsu, family_name="音別", given_name="次郎")
    _work(other, work_type)

    page = client_as(consultation_worker).get(_url(work_type)).content.decode()

    assert "釧路 花子" in page and "音別" not in page
    assert "1 more person of another office" in page


def test_a_supervisor_closes_last_month_and_the_page_then_links_the_statements(
    client_as, supervisor, work_type, hanako
):
    client = client_as(supervisor)
    response = client.post(
        reverse("work:pay_close", args=[work_type.host_id]), {"month": f"{LAST_MONTH:%Y-%m}"}
    )

    assert response.status_code == 302 and response["Location"] == _url(work_type)
    statement = PayStatement.objects.get(person=hanako.person)
    page = client.get(_url(work_type)).content.decode()
    assert reverse("work:pay_statement_pdf", args=[statement.pk]) in page
    assert "Correct a closed month" in page


def test_closing_the_current_month_is_refused_on_the_page_with_400(client_as, supervisor, work_type, hanako):
    response = client_as(supervisor).post(
        reverse("work:pay_close", args=[work_type.host_id]), {"month": f"{TODAY:%Y-%m}"}
    )
    assert response.status_code == 400
    assert "Only a month that has ended can be closed." in response.content.decode()
    assert not PayMonth.objects.exists()


def test_a_worker_may_not_close_a_month(client_as, consultation_worker, work_type, hanako):
    response = client_as(consultation_worker).post(
        reverse("work:pay_close", args=[work_type.host_id]), {"month": f"{LAST_MONTH:%Y-%m}"}
    )
    assert response.status_code == 403
    assert not PayMonth.objects.exists()


def test_a_supervisor_adjusts_a_closed_month_and_a_refused_adjustment_stays_on_the_page(
    client_as, supervisor, work_type, hanako
):
    close_pay_month(actor=supervisor, host=work_type.host, month=LAST_MONTH)
    client = client_as(supervisor)
    url = reverse("work:pay_adjustment_add", args=[work_type.host_id])
    body = {
        "person": hanako.person_id,
        "corrects_month": f"{LAST_MONTH:%Y-%m}",
        "month": f"{month_start(TODAY):%Y-%m}",
        "amount": "300",
        "reason": "記入漏れ",
    }
    refused = client.post(url, body | {"amount": "0"})
    assert refused.status_code == 400
    assert "An adjustment of 0 yen corrects nothing." in refused.content.decode()

    saved = client.post(url, body)
    assert saved.status_code == 302
    adjustment = PayAdjustment.objects.get()
    assert (adjustment.amount, adjustment.month) == (300, month_start(TODAY))


def test_the_statement_pdf_is_the_persons_pay_and_its_download_is_recorded_as_an_export(
    client_as, consultation_worker, supervisor, work_type, hanako
):
    close_pay_month(actor=supervisor, host=work_type.host, month=LAST_MONTH)
    statement = PayStatement.objects.get(person=hanako.person)

    response = client_as(consultation_worker).get(reverse("work:pay_statement_pdf", args=[statement.pk]))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    text = pdf_text(response.content)
    assert "釧路 花子" in text and "2,000円" in text
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.detail == {"page": "pay_statement_pdf", "people": [hanako.person_id]}


def test_a_statement_of_another_offices_person_is_not_found(
    client_as, consultation_worker, supervisor, work_type, other_hub_office
):
    from tsunagu.testing.factories import UserFactory

    onbetsu = UserFactory(office=other_hub_office, roles=["consultation_worker"])
    other = _placed(work_type, onbetsu, family_name="音別", given_name="次郎")
    _work(other, work_type)
    close_pay_month(actor=supervisor, host=work_type.host, month=LAST_MONTH)
    statement = PayStatement.objects.get(person=other.person)

    response = client_as(consultation_worker).get(reverse("work:pay_statement_pdf", args=[statement.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["city_caseworker", "partner_staff", "statistician", "administrator"])
def test_roles_outside_casework_may_not_see_pay(request, client_as, role, work_type, hanako):
    client = client_as(request.getfixturevalue(role))
    assert client.get(_url(work_type)).status_code == 403
    assert client.get(reverse("work:pay_index")).status_code == 403


def test_the_pay_warnings_say_why_a_training_month_looks_like_employment(
    client_as, consultation_worker, work_type
):
    placement = _placed(work_type, consultation_worker, family_name="標茶", given_name="三郎")
    _work(placement, work_type, days=range(1, 11), quantity=20, minutes=240)

    page = client_as(consultation_worker).get(_url(work_type)).content.decode()

    assert "240 minutes on 10 of 10 days." in page
    assert "The same quantity (20) on 10 of 10 days." in page
    assert "Training (非雇用型) has no fixed hours" in page


def _people(work_type, worker, count):
    for index in range(count):
        placement = _placed(work_type, worker, family_name=f"釧路{index}", given_name="花子")
        _work(placement, work_type, days=(3,))


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_hosts_pay_page_reads_the_same_number_of_queries_for_5_and_30_people(
    client_as, consultation_worker, supervisor, work_type
):
    client = client_as(supervisor)
    _people(work_type, consultation_worker, 5)
    few = _queries(client, _url(work_type))
    _people(work_type, consultation_worker, 25)
    many = _queries(client, _url(work_type))
    assert many == few
    close_pay_month(actor=supervisor, host=work_type.host, month=LAST_MONTH)
    closed_many = _queries(client, _url(work_type))
    assert closed_many <= few + 2


def test_the_earned_income_page_reads_the_same_number_of_queries_for_5_and_30_people(
    client_as, consultation_worker, work_type
):
    client = client_as(consultation_worker)
    url = reverse("work:earned_income")
    _people(work_type, consultation_worker, 5)
    few = _queries(client, url)
    _people(work_type, consultation_worker, 25)
    assert _queries(client, url) == few


def test_the_referring_city_case_worker_sees_the_income_of_people_who_consented_and_the_months_it_rose(
    client_as, city_caseworker, consultation_worker, work_type
):
    shared = CaseFactory(worker=consultation_worker, referring_caseworker=city_caseworker,
                         person=PersonFactory(family_name="共有", given_name="花子"))  # fmt: skip
    Consent.objects.create(
        person=shared.person,
        scope=ConsentScope.SHARE_CITY,
        signed_on=shared.intake_date,
        recorded_by=consultation_worker,
    )
    unshared = CaseFactory(worker=consultation_worker, referring_caseworker=city_caseworker,
                           person=PersonFactory(family_name="非共有", given_name="次郎"))  # fmt: skip
    not_mine = CaseFactory(
        worker=consultation_worker, person=PersonFactory(family_name="他市", given_name="三郎")
    )
    for case in (shared, unshared, not_mine):
        placement = PlacementFactory(
            host=work_type.host,
            case=case,
            worker=consultation_worker,
            started_on=TODAY - dt.timedelta(days=400),
        )
        _work(placement, work_type, days=(3,), quantity=10)
    two_months_ago = previous_month(LAST_MONTH)
    log_work(
        placement=shared.person.placements.get(),
        work_type=work_type,
        day=two_months_ago.replace(day=5),
        quantity=4,
    )

    response = client_as(city_caseworker).get(reverse("work:earned_income"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "共有 花子" in page and "非共有 次郎" in page and "他市" not in page
    assert "No consent to share with the city" in page
    # 400 円 two months ago, 1,000 円 last month: rose in both (from nothing, then from 400).
    assert page.count('data-testid="rose"') == 2
    event = AuditEvent.objects.get(action=AuditAction.VIEW, detail__page="earned_income")
    assert sorted(event.detail["people"]) == sorted([shared.person_id, unshared.person_id])


def test_the_earned_income_page_marks_the_people_on_public_assistance_and_can_show_only_them(
    client_as, consultation_worker, work_type
):
    """The 収入申告 is for people on public assistance: the page marks them (生活保護受給中, from their
    case's welfare status) and, asked, shows only them; the read recorded names only the people shown."""
    receiving = _placed(work_type, consultation_worker, family_name="受給", given_name="一郎")
    receiving.case.welfare_status = "receiving"
    receiving.case.save(update_fields=["welfare_status"])
    applying = _placed(work_type, consultation_worker, family_name="申請中", given_name="二郎")
    applying.case.welfare_status = "applying"
    applying.case.save(update_fields=["welfare_status"])
    not_receiving = _placed(work_type, consultation_worker, family_name="非受給", given_name="三郎")
    for placement in (receiving, applying, not_receiving):
        _work(placement, work_type, days=(3,))
    client = client_as(consultation_worker)
    url = reverse("work:earned_income")

    everyone = client.get(url).content.decode()
    rows = everyone.split('data-testid="income-row"')[1:]
    assert len(rows) == 3
    marked = [row for row in rows if 'data-testid="on-assistance"' in row]
    assert len(marked) == 1 and "受給 一郎" in marked[0]
    assert "Receiving public assistance" in marked[0]

    response = client.get(url, {"assisted": "on"})
    only = response.content.decode()
    assert response.status_code == 200
    assert "受給 一郎" in only and "申請中" not in only and "非受給" not in only
    assert only.count('data-testid="income-row"') == 1
    assert "1,000" in only  # 10 枚 × 100 円 on the 3rd of last month
    events = AuditEvent.objects.filter(action=AuditAction.VIEW, detail__page="earned_income").order_by("pk")
    assert [sorted(event.detail["people"]) for event in events] == [
        sorted([receiving.person_id, applying.person_id, not_receiving.person_id]),
        [receiving.person_id],
    ]
