"""A partner passes on a referral addressed to it: the new referral is its own, chained to the first, on
the same basis rules; the first one's history tells the hub where the person went; other partners 404."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tsunagu.network import services_referrals as services
from tsunagu.network.models import Referral, ReferralChange

from .conftest import in_english, refer


def _forward_page(client, referral):
    page = client.get(reverse("network:referral_detail", args=[referral.pk]))
    return page, page.context["forward_form"]["form_token"].value()


def test_the_receivers_staff_pass_a_referral_on_and_the_hub_sees_the_chain(
    client_as, consultation_worker, referrals_world
):
    w = referrals_world
    first = refer(consultation_worker, w.case, w.houterasu)
    client = in_english(client_as(w.lawyer))
    page, token = _forward_page(client, first)
    assert 'data-testid="forward-referral"' in page.content.decode()

    response = client.post(
        reverse("network:referral_forward", args=[first.pk]),
        {"forward-form_token": token, "forward-receiver": w.hello_work.pk, "forward-need": "求職の相談"},
    )
    forward = Referral.objects.get(forwarded_from=first)
    assert response.status_code == 302
    assert response["Location"] == reverse("network:referral_detail", args=[forward.pk])
    assert forward.sender == w.houterasu and forward.sent_by == w.lawyer and forward.receiver == w.hello_work
    assert forward.case == w.case and forward.basis == "consent" and forward.need == "求職の相談"
    # The first referral keeps its status; its history says where the person was passed on to.
    first.refresh_from_db()
    assert first.status == "sent"
    assert ReferralChange.objects.filter(referral=first, note__contains=w.hello_work.name).exists()

    hub = in_english(client_as(consultation_worker)).get(reverse("network:referral_detail", args=[first.pk]))
    text = hub.content.decode()
    assert "Passed on" in text and w.hello_work.name in text
    assert reverse("network:referral_detail", args=[forward.pk]) in text


def test_passing_on_without_consent_or_a_support_council_is_refused_with_the_reason(
    client_as, consultation_worker, referrals_world
):
    w = referrals_world
    first = refer(consultation_worker, w.case, w.houterasu)
    client = in_english(client_as(w.lawyer))
    _, token = _forward_page(client, first)
    response = client.post(
        reverse("network:referral_forward", args=[first.pk]),
        {"forward-form_token": token, "forward-receiver": w.zoo.pk, "forward-need": "居場所"},
    )
    assert response.status_code == 400
    assert "support council" in response.content.decode()
    assert not Referral.objects.filter(forwarded_from=first).exists()
    with pytest.raises(ValidationError) as refused:
        services.forward_referral(
            actor=w.lawyer, referral=first,
            fields={"receiver": w.zoo, "service": None, "need": "居場所", "message": "", "respond_by": None},
        )  # fmt: skip
    assert "receiver" in refused.value.message_dict


def test_passing_back_to_the_sender_or_a_closed_referral_is_refused(consultation_worker, referrals_world):
    w = referrals_world
    first = refer(consultation_worker, w.case, w.houterasu)
    fields = {"receiver": first.sender, "service": None, "need": "債務", "message": "", "respond_by": None}
    with pytest.raises(ValidationError):
        services.forward_referral(actor=w.lawyer, referral=first, fields=fields)
    services.answer_referral(actor=w.lawyer, referral=first, status="declined", note="対象外")
    with pytest.raises(ValidationError):
        services.forward_referral(actor=w.lawyer, referral=first, fields={**fields, "receiver": w.hello_work})


def test_another_partners_referral_is_404_and_the_sender_may_not_pass_it_on(
    client_as, consultation_worker, partner_staff, referrals_world
):
    w = referrals_world
    first = refer(consultation_worker, w.case, w.houterasu)
    data = {"forward-receiver": w.hello_work.pk, "forward-need": "求職"}
    url = reverse("network:referral_forward", args=[first.pk])
    assert client_as(partner_staff).post(url, data).status_code == 404
    assert client_as(consultation_worker).post(url, data).status_code == 403
    assert not Referral.objects.filter(forwarded_from=first).exists()
