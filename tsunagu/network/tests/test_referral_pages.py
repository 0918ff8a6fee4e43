"""The referral pages per role: the worker refers from the case, the receiver's staff see the minimum and
answer, other partners get 404; the lists and the network view read a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tsunagu.audit.models import AuditEvent
from tsunagu.cases.services import add_note
from tsunagu.cases.tests.helpers import days_ago
from tsunagu.network import services_referrals as services
from tsunagu.network.models import Referral, ReferralStatus
from tsunagu.testing.factories import CaseFactory, PersonFactory

from .conftest import in_english, refer


def test_a_worker_refers_the_case_from_its_page(client_as, consultation_worker, referrals_world):
    w = referrals_world
    client = in_english(client_as(consultation_worker))
    case_page = client.get(reverse("cases:detail", args=[w.case.pk])).content.decode()
    assert reverse("network:referral_create", args=[w.case.pk]) in case_page

    form = client.get(reverse("network:referral_create", args=[w.case.pk]))
    token = form.context["form"]["form_token"].value()
    response = client.post(
        reverse("network:referral_create", args=[w.case.pk]),
        {
            "form_token": token,
            "receiver": w.houterasu.pk,
            "service": w.debt.pk,
            "need": "",
            "message": "よろしく",
        },
    )
    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "network:referral_detail", args=[referral.pk]
    )
    assert referral.need == "債務整理相談" and referral.service == w.debt

    page = client.get(reverse("cases:detail", args=[w.case.pk])).content.decode()
    assert 'data-testid="case-referrals"' in page and w.houterasu.name in page
    assert 'data-kind="referral"' in page  # the timeline's entry


def test_a_referral_without_a_basis_is_refused_on_the_form_with_the_reason(
    client_as, consultation_worker, referrals_world
):
    w = referrals_world
    client = in_english(client_as(consultation_worker))
    form = client.get(reverse("network:referral_create", args=[w.case.pk]))
    response = client.post(
        reverse("network:referral_create", args=[w.case.pk]),
        {"form_token": form.context["form"]["form_token"].value(), "receiver": w.zoo.pk, "need": "居場所"},
    )
    assert response.status_code == 400
    assert "support council" in response.content.decode()
    assert not Referral.objects.exists()


def test_the_receivers_staff_see_the_minimum_and_never_the_case_notes(
    client_as, consultation_worker, referrals_world
):
    w = referrals_world
    add_note(
        case=w.case, actor=consultation_worker, occurred_at=timezone.now(), method="phone", minutes=5,
        content="借金の詳細な経緯（秘密）",
    )  # fmt: skip
    referral = refer(consultation_worker, w.case, w.houterasu)
    client = in_english(client_as(w.lawyer))

    inbox = client.get(reverse("network:referral_inbox")).content.decode()
    assert w.case.person.full_name in inbox
    page = client.get(reverse("network:referral_detail", args=[referral.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert w.case.person.full_name in body and w.case.person.full_name_kana in body
    assert "0154-11-2222" in body and "多重債務の相談をお願いします" in body
    assert "秘密" not in body and w.case.reference not in body
    assert reverse("cases:detail", args=[w.case.pk]) not in body
    event = AuditEvent.objects.filter(actor=w.lawyer, action="view").latest("id")
    assert event.detail["people"] == [w.case.person_id]


def test_partner_staff_of_another_organisation_get_404_and_an_empty_inbox(
    client_as, consultation_worker, partner_staff, referrals_world
):
    w = referrals_world
    referral = refer(consultation_worker, w.case, w.houterasu)
    client = client_as(partner_staff)
    assert client.get(reverse("network:referral_detail", args=[referral.pk])).status_code == 404
    assert (
        client.post(
            reverse("network:referral_answer", args=[referral.pk]), {"status": "accepted"}
        ).status_code
        == 404
    )
    assert w.case.person.full_name not in client.get(reverse("network:referral_inbox")).content.decode()
    assert Referral.objects.get().status == ReferralStatus.SENT


def test_the_receiver_accepts_and_completes_and_the_sender_sees_it_closed(
    client_as, consultation_worker, referrals_world
):
    w = referrals_world
    referral = refer(consultation_worker, w.case, w.houterasu)
    lawyer = client_as(w.lawyer)
    url = reverse("network:referral_answer", args=[referral.pk])
    assert lawyer.post(url, {"status": "declined", "on": days_ago(0).isoformat()}).status_code == 400
    assert lawyer.post(url, {"status": "accepted", "on": days_ago(0).isoformat()}).status_code == 302
    assert (
        lawyer.post(url, {"status": "completed", "on": days_ago(0).isoformat(), "note": "受任"}).status_code
        == 302
    )

    worker = in_english(client_as(consultation_worker))
    page = worker.get(reverse("network:referral_detail", args=[referral.pk])).content.decode()
    assert "Completed" in page and "受任" in page
    assert 'data-testid="overdue-empty"' in worker.get(reverse("network:referral_overdue")).content.decode()


def test_the_hub_may_not_answer_for_a_receiver_with_its_own_staff(
    client_as, consultation_worker, referrals_world
):
    w = referrals_world
    referral = refer(consultation_worker, w.case, w.houterasu)
    response = client_as(consultation_worker).post(
        reverse("network:referral_answer", args=[referral.pk]),
        {"status": "accepted", "on": days_ago(0).isoformat()},
    )
    assert response.status_code == 403


@pytest.mark.parametrize("count", [1, 6])
def test_the_inbox_reads_a_fixed_number_of_queries(client_as, consultation_worker, referrals_world, count):
    w = referrals_world
    for _ in range(count):
        refer(consultation_worker, _consenting_case(consultation_worker, w.houterasu), w.houterasu)
    client = client_as(w.lawyer)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("network:referral_inbox"))
    assert response.status_code == 200 and response.content.decode().count("network/referrals/") >= count
    assert len(queries) <= 14, [q["sql"] for q in queries]
    _assert_same_count(client, "network:referral_inbox", len(queries), w, consultation_worker, count)


@pytest.mark.parametrize("count", [1, 6])
def test_the_senders_overdue_list_reads_a_fixed_number_of_queries(
    client_as, consultation_worker, referrals_world, count
):
    w = referrals_world
    for _ in range(count):
        refer(consultation_worker, _consenting_case(consultation_worker, w.houterasu), w.houterasu,
              on=days_ago(30), respond_by=days_ago(20))  # fmt: skip
    client = client_as(consultation_worker)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("network:referral_overdue"))
    assert response.status_code == 200
    assert response.content.decode().count("network/referrals/") >= count
    assert len(queries) <= 16, [q["sql"] for q in queries]
    _assert_same_count(
        client, "network:referral_overdue", len(queries), w, consultation_worker, count, late=True
    )


def _assert_same_count(client, name, measured, w, worker, count, *, late=False):
    """Three more referrals cost no more queries."""
    for _ in range(3):
        extra = {"on": days_ago(30), "respond_by": days_ago(20)} if late else {}
        refer(worker, _consenting_case(worker, w.houterasu), w.houterasu, **extra)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse(name))
    assert len(queries) == measured


def _consenting_case(worker, organisation):
    from tsunagu.people.models import ConsentScope
    from tsunagu.people.services import record_consent

    case = CaseFactory(worker=worker, person=PersonFactory(), intake_date=days_ago(60))
    record_consent(
        person=case.person, actor=worker, scope=ConsentScope.SHARE_PARTNERS, signed_on=days_ago(50),
        shared_with=[organisation],
    )  # fmt: skip
    return case


def test_the_network_view_draws_the_organisations_with_counts_and_no_person(
    client_as, consultation_worker, statistician, partner_staff, referrals_world
):
    w = referrals_world
    done = refer(consultation_worker, w.case, w.houterasu, on=days_ago(20))
    services.answer_referral(actor=w.lawyer, referral=done, status="accepted", on=days_ago(18))
    services.answer_referral(actor=w.lawyer, referral=done, status="completed", on=days_ago(10))
    refer(consultation_worker, w.case, w.hello_work, need="職業相談")

    assert client_as(partner_staff).get(reverse("network:network_view")).status_code == 403
    client = client_as(statistician)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("network:network_view"))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<svg role="img" aria-labelledby="network-title network-desc"' in body
    assert w.houterasu.name in body and w.hello_work.name in body
    assert w.case.person.full_name not in body
    table = response.context["flows"]
    houterasu = next(f for f in table.organisations if f.organisation == w.houterasu)
    assert (houterasu.received, houterasu.accepted, houterasu.completed) == (1, 1, 1)
    assert houterasu.median_days_to_complete == 10 and houterasu.median_days_to_answer == 2
    hub = next(f for f in table.organisations if f.organisation.pk == consultation_worker.organisation_id)
    assert hub.sent == 2
    assert len(queries) <= 12
    old = client.get(reverse("network:network_view"), {"since": "2001-01-01", "until": "2001-12-31"})
    assert old.status_code == 200 and not old.context["flows"].organisations
