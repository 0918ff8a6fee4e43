"""Disclosure (開示, cases/disclosure.py): an administrator produces the PDF of everything Tsunagu holds on
one person, other people's details and DV-protected contacts withheld and marked; the export is audited."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.audit.services import record_event
from tsunagu.cases.disclosure import disclosure_pdf
from tsunagu.cases.models import Note
from tsunagu.people.disclosure import WITHHELD_DV, WITHHELD_OTHER_PERSON
from tsunagu.people.models import HouseholdMember
from tsunagu.testing.factories import (
    AttendanceFactory,
    CaseFactory,
    PersonFactory,
    PlacementFactory,
    UserFactory,
)
from tsunagu.testing.pdf import pdf_text

pytestmark = pytest.mark.django_db


def _flat(text: str) -> str:
    """The PDF's text without the spaces and line breaks its layout adds."""
    return "".join(text.split())


@pytest.fixture
def person(consultation_worker):
    """A person with a case, a note, a placement with an attendance, a household member, and a read of
    their record by a named worker."""
    person = PersonFactory(
        family_name="開示", given_name="花子", address="釧路市幸町1-1", phone="0154-11-2233"
    )
    case = CaseFactory(person=person, worker=consultation_worker)
    Note.objects.create(
        case=case, occurred_at=timezone.now() - dt.timedelta(days=3), method="phone",
        worker=consultation_worker, minutes=20, content="面談で就労の希望を伺った",
    )  # fmt: skip
    placement = PlacementFactory(case=case, host__program__name="農園ボランティア")
    AttendanceFactory(placement=placement)
    HouseholdMember.objects.create(
        person=person, name="開示 次郎", relation="兄", age=52, note="入院中の病院名"
    )
    reader = UserFactory(username="yomite", display_name="閲覧 三郎", roles=["supervisor"])
    record_event(
        action=AuditAction.VIEW, actor=reader, target=person, detail={"page": "person", "people": [person.pk]}
    )
    return person


def test_the_pdf_holds_the_persons_record_their_note_their_placement_and_who_read_it(administrator, person):
    text = _flat(pdf_text(disclosure_pdf(actor=administrator, person=person)))
    assert "開示花子" in text
    assert "釧路市幸町1-1" in text
    assert "面談で就労の希望を伺った" in text
    assert "農園ボランティア" in text
    assert "閲覧三郎" in text


def test_a_household_members_own_details_are_withheld_and_marked(administrator, person):
    text = _flat(pdf_text(disclosure_pdf(actor=administrator, person=person)))
    assert "開示次郎" in text and "兄" in text  # name and relation only
    assert "入院中の病院名" not in text
    assert WITHHELD_OTHER_PERSON in text


def test_under_a_dv_protection_the_persons_address_and_phones_are_withheld_and_marked(administrator, person):
    person.is_dv_protected = True
    person.save()
    text = _flat(pdf_text(disclosure_pdf(actor=administrator, person=person)))
    assert "釧路市幸町1-1" not in text
    assert "0154-11-2233" not in text
    assert WITHHELD_DV in text
    assert "面談で就労の希望を伺った" in text  # the rest of the record is disclosed


def test_the_export_records_one_export_event_naming_the_person_by_id_only(administrator, person):
    disclosure_pdf(actor=administrator, person=person)
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, actor=administrator)
    assert (event.object_type, event.object_id) == ("people.person", str(person.pk))
    assert event.detail["page"] == "disclosure" and event.detail["people"] == [person.pk]
    assert "花子" not in str(event.detail)


def test_the_confirmation_page_shows_counts_and_no_content_and_the_post_downloads_the_pdf(
    client_as, administrator, person
):
    client = client_as(administrator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("cases:disclosure", args=[person.pk])
    assert str(person.pk) in url and "花子" not in url
    page = client.get(url).content.decode()
    assert f"person #{person.pk}" in page
    assert "花子" not in page and "面談で就労の希望を伺った" not in page
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()

    assert client.post(url).status_code == 400  # not confirmed: nothing produced
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()

    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="disclosure-{person.pk}.pdf"'
    assert "面談で就労の希望を伺った" in _flat(pdf_text(response.content))
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_id=str(person.pk)).count() == 1


def test_the_audit_log_filtered_by_a_person_links_to_their_disclosure(client_as, administrator, person):
    page = client_as(administrator).get(reverse("audit:event_list"), {"person": person.pk}).content.decode()
    assert reverse("cases:disclosure", args=[person.pk]) in page


@pytest.mark.parametrize("role", ["consultation_worker", "supervisor", "statistician"])
def test_no_one_but_an_administrator_may_produce_a_disclosure(request, client_as, person, role):
    client = client_as(request.getfixturevalue(role))
    url = reverse("cases:disclosure", args=[person.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"confirm": "on"}).status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()
