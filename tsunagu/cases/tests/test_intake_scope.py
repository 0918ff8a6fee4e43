"""Issue 9, hole 1: the intake duplicate check stays within the user's scope, a person of another office
is taken on only by a transfer (移管) that office's supervisor approves, and a case attached to a
DV-protected person by intake does not by itself open the withheld contact."""

import datetime as dt

import pytest
from django.utils import timezone

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.cases import selectors, services
from tsunagu.cases.models import Case, CaseStatus, TransferRequest, TransferStatus
from tsunagu.cases.tests.test_views import intake_form
from tsunagu.people.models import Person
from tsunagu.testing.factories import CaseFactory, PersonFactory, UserFactory

SECRET_MOBILE = "090-7777-0001"
SECRET_ADDRESS = "釧路市秘匿町9-9"


@pytest.fixture
def protected(consultation_worker):
    """A DV-protected person with an open case at the main office (本所), assigned to consultation_worker."""
    person = PersonFactory(
        family_name="山田", given_name="太郎", family_name_kana="ヤマダ", given_name_kana="タロウ",
        date_of_birth=dt.date(1980, 4, 1), phone="", mobile_phone=SECRET_MOBILE, address=SECRET_ADDRESS,
        is_dv_protected=True,
    )  # fmt: skip
    CaseFactory(person=person, worker=consultation_worker)
    return person


@pytest.fixture
def elsewhere_worker(other_hub_office):
    return UserFactory(office=other_hub_office, roles=["consultation_worker"], display_name="音別 相談員")


@pytest.fixture
def main_supervisor(supervisor):
    supervisor.display_name = "本所 主任"
    supervisor.save(update_fields=["display_name"])
    return supervisor


@pytest.fixture
def colleague(hub_office):
    """A worker of the same office who is not assigned to the protected person."""
    return UserFactory(office=hub_office, roles=["consultation_worker"])


def same_person(**overrides):
    """What a worker types for the protected person: the reading in hiragana, no phone."""
    return intake_form(phone="", **overrides)


def shows_nothing_identifying(text: str, person: Person, *, typed_phone: bool = False) -> bool:
    """No button to choose the person, no name, reading or birth date (the form echoes only what was
    typed: the reading in hiragana, and the phone number when the worker typed it)."""
    return (
        'name="existing_person" value=' not in text
        and person.full_name not in text
        and "ヤマダ" not in text
        and "昭和55年" not in text
        and (typed_phone or SECRET_MOBILE not in text)
        and SECRET_ADDRESS not in text
    )


# ---------------------------------------------------------------- the scoped duplicate check


def test_worker_of_other_office_sees_only_a_hint_not_the_match(
    client_as, protected, elsewhere_worker, main_supervisor, hub_office
):
    response = client_as(elsewhere_worker).post("/cases/new/", same_person())
    assert response.status_code == 200
    assert shows_nothing_identifying(response.text, protected)
    assert f"{hub_office.name}に、この方の記録がある可能性があります" in response.text
    assert "本所 主任" in response.text
    assert f'name="request_transfer" value="{hub_office.pk}"' in response.text
    assert Case.objects.count() == 1 and Person.objects.count() == 1


def test_worker_of_other_office_matching_only_the_phone_sees_only_a_hint(
    client_as, protected, elsewhere_worker
):
    form = intake_form(family_name="別人", family_name_kana="べつじん", phone="", mobile_phone=SECRET_MOBILE)
    response = client_as(elsewhere_worker).post("/cases/new/", form)
    assert response.status_code == 200
    assert shows_nothing_identifying(response.text, protected, typed_phone=True)
    assert 'data-testid="duplicate-hints"' in response.text


def test_choosing_a_person_outside_scope_attaches_nothing(client_as, protected, elsewhere_worker):
    response = client_as(elsewhere_worker).post("/cases/new/", same_person(existing_person=protected.pk))
    assert response.status_code == 400
    assert "この受付には使えません" in response.text
    assert shows_nothing_identifying(response.text, protected)
    assert Case.objects.count() == 1
    assert not Case.objects.filter(worker=elsewhere_worker).exists()


def test_the_intake_service_refuses_a_person_outside_scope_too(protected, elsewhere_worker):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.register_intake(
            actor=elsewhere_worker, person=protected, case_fields={"intake_date": timezone.localdate(), "route": "self"},
            concerns=["income"],
        )  # fmt: skip
    assert Case.objects.count() == 1


def test_a_colleague_of_the_office_is_offered_the_match_as_before(client_as, protected, colleague):
    response = client_as(colleague).post("/cases/new/", same_person())
    assert response.status_code == 200
    assert protected.full_name in response.text and "ヤマダ" in response.text
    # The person's case is still open: the colleague is sent to it rather than opening a second one.
    case = protected.cases.get()
    assert f'href="/cases/{case.pk}/"' in response.text
    assert f'name="existing_person" value="{protected.pk}"' not in response.text
    end_cases(protected)
    response = client_as(colleague).post("/cases/new/", same_person())
    assert f'name="existing_person" value="{protected.pk}"' in response.text


def end_cases(person: Person) -> None:
    """The person's cases closed, so that an intake may attach a new case to them."""
    Case.objects.filter(person=person).update(status=CaseStatus.CLOSED)


def test_a_phone_only_match_on_a_protected_person_is_a_hint_even_for_a_colleague(
    client_as, protected, colleague, main_supervisor, hub_office
):
    form = intake_form(family_name="別人", family_name_kana="べつじん", phone="", mobile_phone=SECRET_MOBILE)
    response = client_as(colleague).post("/cases/new/", form)
    assert response.status_code == 200
    assert shows_nothing_identifying(response.text, protected, typed_phone=True)
    assert "本所 主任" in response.text
    assert 'name="request_transfer"' not in response.text  # it is the colleague's own office


def test_the_assigned_worker_is_offered_a_phone_only_match(protected, consultation_worker):
    check = selectors.duplicate_check(
        consultation_worker, family_name_kana="べつじん", given_name_kana="たろう", date_of_birth=None,
        phones=[SECRET_MOBILE],
    )  # fmt: skip
    assert check.matches == [protected] and check.hints == []


def test_a_hint_names_every_active_supervisor_of_the_office_and_no_one_else(
    protected, elsewhere_worker, main_supervisor, hub_office
):
    UserFactory(office=hub_office, roles=["supervisor"], display_name="本所 副主任")
    UserFactory(office=hub_office, roles=["supervisor"], display_name="退職 主任", is_active=False)
    check = selectors.duplicate_check(
        elsewhere_worker,
        family_name_kana="やまだ",
        given_name_kana="たろう",
        date_of_birth=dt.date(1980, 4, 1),
    )
    assert check.matches == []
    assert [(h.office_name, h.supervisor_names) for h in check.hints] == [
        (hub_office.name, ("本所 主任", "本所 副主任"))
    ]


# ---------------------------------------------------------------- DV contact: attached intakes wait for the supervisor


def test_attached_intake_does_not_unlock_dv_contact(client_as, protected, colleague, main_supervisor):
    end_cases(protected)  # the person comes back after their case ended
    client = client_as(colleague)
    response = client.post("/cases/new/", same_person(existing_person=protected.pk))
    assert response.status_code == 302
    case = Case.objects.get(worker=colleague)
    assert case.person == protected and not case.contact_access_confirmed
    for url in (f"/people/{protected.pk}/", f"/cases/{case.pk}/", f"/people/{protected.pk}/edit/"):
        page = client.get(url)
        assert page.status_code == 200
        assert SECRET_MOBILE not in page.text and SECRET_ADDRESS not in page.text, url
    assert not selectors.can_see_protected_contact(colleague, protected)
    # The supervisor sees it waiting and confirms; the confirmation is audited.
    desk = client_as(main_supervisor).get("/cases/transfers/")
    assert protected.full_name in desk.text
    assert client_as(main_supervisor).post(f"/cases/{case.pk}/confirm-contact/").status_code == 302
    case.refresh_from_db()
    assert case.contact_access_confirmed
    assert AuditEvent.objects.filter(
        actor=main_supervisor, action=AuditAction.UPDATE, object_type="cases.case", object_id=str(case.pk)
    ).exists()
    page = client.get(f"/people/{protected.pk}/")
    assert SECRET_MOBILE in page.text and SECRET_ADDRESS in page.text


def test_a_new_person_intake_shows_the_contact_to_its_worker(client_as, consultation_worker):
    form = intake_form(mobile_phone=SECRET_MOBILE, is_dv_protected="on")
    assert client_as(consultation_worker).post("/cases/new/", form).status_code == 302
    case = Case.objects.get()
    assert case.contact_access_confirmed
    assert selectors.can_see_protected_contact(consultation_worker, case.person)


def test_a_supervisors_reassignment_confirms_the_access(protected, colleague, supervisor):
    end_cases(protected)
    case = services.register_intake(
        actor=colleague, person=protected, case_fields={"intake_date": timezone.localdate(), "route": "self"},
        concerns=["income"],
    )  # fmt: skip
    assert not selectors.can_see_protected_contact(colleague, protected)
    services.reassign_case(case=case, actor=supervisor, worker=colleague)
    assert selectors.can_see_protected_contact(colleague, protected)


@pytest.mark.parametrize("role_fixture", ["consultation_worker", "employment_worker"])
def test_only_the_supervisor_confirms_contact_access(request, client_as, protected, colleague, role_fixture):
    end_cases(protected)
    case = services.register_intake(
        actor=colleague, person=protected, case_fields={"intake_date": timezone.localdate(), "route": "self"},
        concerns=["income"],
    )  # fmt: skip
    user = request.getfixturevalue(role_fixture)
    assert client_as(user).post(f"/cases/{case.pk}/confirm-contact/").status_code == 403
    assert client_as(colleague).post(f"/cases/{case.pk}/confirm-contact/").status_code == 403
    case.refresh_from_db()
    assert not case.contact_access_confirmed


@pytest.mark.parametrize(
    "role_fixture", ["city_caseworker", "partner_staff", "statistician", "administrator"]
)
def test_roles_outside_the_office_cannot_confirm_contact_access(request, client_as, protected, role_fixture):
    case = protected.cases.get()
    Case.objects.filter(pk=case.pk).update(contact_access_confirmed=False)
    assert (
        client_as(request.getfixturevalue(role_fixture))
        .post(f"/cases/{case.pk}/confirm-contact/")
        .status_code
        == 404
    )
    case.refresh_from_db()
    assert not case.contact_access_confirmed


def test_a_supervisor_of_another_office_cannot_confirm_contact_access(client_as, protected, other_hub_office):
    case = protected.cases.get()
    Case.objects.filter(pk=case.pk).update(contact_access_confirmed=False)
    other = UserFactory(office=other_hub_office, roles=["supervisor"])
    assert client_as(other).post(f"/cases/{case.pk}/confirm-contact/").status_code == 404
    case.refresh_from_db()
    assert not case.contact_access_confirmed


# ---------------------------------------------------------------- transfers (移管)


def request_from_hint(client, hub_office, reason="本人が音別に転居し、音別での支援を希望"):
    return client.post("/cases/new/", same_person(request_transfer=hub_office.pk, transfer_reason=reason))


def test_a_worker_asks_for_a_transfer_from_the_hint_without_learning_who_it_is(
    client_as, protected, elsewhere_worker, hub_office
):
    client = client_as(elsewhere_worker)
    response = request_from_hint(client, hub_office)
    assert response.status_code == 302 and response.url == "/cases/transfers/"
    transfer = TransferRequest.objects.get()
    assert (transfer.person, transfer.from_office, transfer.to_office, transfer.status) == (
        protected,
        hub_office,
        elsewhere_worker.office,
        TransferStatus.PENDING,
    )
    assert AuditEvent.objects.filter(
        actor=elsewhere_worker, action=AuditAction.CREATE, object_type="cases.transferrequest"
    ).exists()
    own = client.get("/cases/transfers/")
    assert own.status_code == 200
    assert hub_office.name in own.text and shows_nothing_identifying(own.text, protected)
    assert Case.objects.count() == 1


def test_a_transfer_request_needs_a_reason(client_as, protected, elsewhere_worker, hub_office):
    response = request_from_hint(client_as(elsewhere_worker), hub_office, reason="  ")
    assert response.status_code == 400
    assert not TransferRequest.objects.exists()


def test_a_transfer_from_an_office_without_a_match_is_refused(
    client_as, protected, elsewhere_worker, partner_office
):
    response = request_from_hint(client_as(elsewhere_worker), partner_office)
    assert response.status_code == 400
    assert not TransferRequest.objects.exists()


def test_a_second_request_while_one_waits_is_refused(client_as, protected, elsewhere_worker, hub_office):
    client = client_as(elsewhere_worker)
    request_from_hint(client, hub_office)
    assert request_from_hint(client, hub_office).status_code == 400
    assert TransferRequest.objects.count() == 1


def test_supervisor_approved_transfer_moves_open_cases(
    client_as, protected, consultation_worker, elsewhere_worker, main_supervisor, hub_office, other_hub_office
):
    open_case = protected.cases.get()
    closed_case = CaseFactory(person=protected, worker=consultation_worker, status=CaseStatus.CLOSED)
    request_from_hint(client_as(elsewhere_worker), hub_office)
    transfer = TransferRequest.objects.get()

    desk = client_as(main_supervisor).get("/cases/transfers/")
    assert protected.full_name in desk.text and "音別での支援を希望" in desk.text
    response = client_as(main_supervisor).post(
        f"/cases/transfers/{transfer.pk}/decide/", {"approve": "1", "comment": ""}
    )
    assert response.status_code == 302

    transfer.refresh_from_db()
    open_case.refresh_from_db()
    closed_case.refresh_from_db()
    assert transfer.status == TransferStatus.APPROVED and transfer.decided_by == main_supervisor
    assert (open_case.office, open_case.worker, open_case.contact_access_confirmed) == (
        other_hub_office,
        elsewhere_worker,
        True,
    )
    assert closed_case.office == hub_office
    assert AuditEvent.objects.filter(
        actor=main_supervisor,
        object_type="cases.case",
        object_id=str(open_case.pk),
        action=AuditAction.UPDATE,
    ).exists()
    assert AuditEvent.objects.filter(
        actor=main_supervisor, object_type="cases.transferrequest", object_id=str(transfer.pk)
    ).exists()
    # The requester now works the case and sees the contact; the old worker no longer does.
    page = client_as(elsewhere_worker).get(f"/people/{protected.pk}/")
    assert page.status_code == 200 and SECRET_MOBILE in page.text
    assert not selectors.can_see_protected_contact(consultation_worker, protected)


def test_after_approval_the_requesting_office_may_attach_a_new_intake(
    client_as, consultation_worker, elsewhere_worker, main_supervisor, hub_office
):
    person = PersonFactory(
        family_name="山田", given_name="太郎", family_name_kana="ヤマダ", given_name_kana="タロウ",
        date_of_birth=dt.date(1980, 4, 1), phone="",
    )  # fmt: skip
    CaseFactory(person=person, worker=consultation_worker, status=CaseStatus.CLOSED)
    client = client_as(elsewhere_worker)
    assert client.post("/cases/new/", same_person(existing_person=person.pk)).status_code == 400
    request_from_hint(client, hub_office)
    services.decide_transfer(transfer=TransferRequest.objects.get(), actor=main_supervisor, approve=True)

    offered = client.post("/cases/new/", same_person())
    assert f'name="existing_person" value="{person.pk}"' in offered.text
    response = client.post("/cases/new/", same_person(existing_person=person.pk))
    assert response.status_code == 302
    assert Case.objects.get(worker=elsewhere_worker).person == person


def test_a_declined_transfer_needs_a_comment_and_moves_nothing(
    client_as, protected, elsewhere_worker, main_supervisor, hub_office
):
    request_from_hint(client_as(elsewhere_worker), hub_office)
    transfer = TransferRequest.objects.get()
    client = client_as(main_supervisor)
    refused = client.post(f"/cases/transfers/{transfer.pk}/decide/", {"approve": "0", "comment": ""})
    assert refused.status_code == 400
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.PENDING
    client.post(f"/cases/transfers/{transfer.pk}/decide/", {"approve": "0", "comment": "本所で継続支援中"})
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.DECLINED
    assert protected.cases.get().office == main_supervisor.office
    own = client_as(elsewhere_worker).get("/cases/transfers/")
    assert "本所で継続支援中" in own.text and shows_nothing_identifying(own.text, protected)
    assert (
        client_as(elsewhere_worker).post("/cases/new/", same_person(existing_person=protected.pk)).status_code
        == 400
    )


@pytest.mark.parametrize("who", ["requester", "other_supervisor", "main_worker"])
def test_only_the_owning_office_supervisor_decides_a_transfer(
    client_as, protected, elsewhere_worker, consultation_worker, hub_office, other_hub_office, who
):
    request_from_hint(client_as(elsewhere_worker), hub_office)
    transfer = TransferRequest.objects.get()
    user = {
        "requester": elsewhere_worker,
        "other_supervisor": UserFactory(office=other_hub_office, roles=["supervisor"]),
        "main_worker": consultation_worker,
    }[who]
    response = client_as(user).post(f"/cases/transfers/{transfer.pk}/decide/", {"approve": "1"})
    assert response.status_code == 404
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.PENDING


@pytest.mark.parametrize(
    "role_fixture", ["city_caseworker", "partner_staff", "statistician", "administrator"]
)
def test_the_transfers_page_is_for_casework_staff(request, client_as, role_fixture):
    assert client_as(request.getfixturevalue(role_fixture)).get("/cases/transfers/").status_code == 403


def test_the_approvals_queue_counts_what_waits_on_the_transfers_page(
    client_as, protected, elsewhere_worker, main_supervisor, hub_office
):
    request_from_hint(client_as(elsewhere_worker), hub_office)
    page = client_as(main_supervisor).get("/cases/approvals/")
    assert 'data-testid="transfer-summary"' in page.text and "/cases/transfers/" in page.text


def test_the_offered_matches_are_an_audited_read_and_the_hints_name_no_one(
    client_as, protected, colleague, elsewhere_worker
):
    client_as(colleague).post("/cases/new/", same_person())
    client_as(elsewhere_worker).post("/cases/new/", same_person())
    reads = AuditEvent.objects.filter(action=AuditAction.VIEW, detail__page="intake_duplicates")
    assert [(event.actor, event.detail["people"]) for event in reads] == [(colleague, [protected.pk])]
