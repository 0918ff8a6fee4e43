import pytest

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.organisations.models import Organisation
from tsunagu.testing.factories import OrganisationFactory


def test_staff_search_the_directory_by_name(client_as, consultation_worker):
    OrganisationFactory(name="星が浦病院", type="hospital")
    OrganisationFactory(name="ハローワーク釧路", type="public_agency")
    response = client_as(consultation_worker).get("/organisations/?q=星が浦")
    assert "星が浦病院" in response.text and "ハローワーク釧路" not in response.text


def test_the_directory_filter_answers_htmx_with_the_table_only(client_as, consultation_worker):
    OrganisationFactory(name="星が浦病院", type="hospital")
    response = client_as(consultation_worker).get("/organisations/?type=hospital", HTTP_HX_REQUEST="true")
    assert "星が浦病院" in response.text and "<html" not in response.text


def test_partner_staff_do_not_browse_the_directory(client_as, partner_staff):
    assert client_as(partner_staff).get("/organisations/").status_code == 403


@pytest.mark.parametrize(
    "role_fixture", ["consultation_worker", "supervisor", "statistician", "partner_staff"]
)
def test_only_administrators_edit_organisations(request, client_as, role_fixture, hub):
    client = client_as(request.getfixturevalue(role_fixture))
    assert client.get("/organisations/new/").status_code == 403
    assert client.post(f"/organisations/{hub.pk}/edit/", {"name": "x"}).status_code == 403
    hub.refresh_from_db()
    assert hub.name != "x"


def test_administrator_adds_an_organisation_with_its_main_office(client_as, administrator):
    response = client_as(administrator).post(
        "/organisations/new/", {"name": "NPO法人 まじくる", "type": "npo", "is_active": "on"}
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="NPO法人 まじくる")
    assert organisation.offices.count() == 1
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="organisations.organisation"
    ).exists()


def test_an_organisation_without_a_name_or_type_is_refused_in_japanese(client_as, administrator):
    response = client_as(administrator).post("/organisations/new/", {"name": "", "type": ""})
    assert response.status_code == 400
    assert "このフィールドは必須です" in response.text
    assert not Organisation.objects.exclude(pk=administrator.organisation_id).exists()


def test_a_duplicate_organisation_name_is_refused(client_as, administrator, hub):
    response = client_as(administrator).post("/organisations/new/", {"name": hub.name, "type": "npo"})
    assert response.status_code == 400
    assert Organisation.objects.filter(name=hub.name).count() == 1


def test_administrator_adds_an_office_and_a_contact(client_as, administrator, partner_org):
    client = client_as(administrator)
    assert client.post(f"/organisations/{partner_org.pk}/offices/", {"name": "阿寒分室"}).status_code == 302
    assert (
        client.post(
            f"/organisations/{partner_org.pk}/contacts/", {"name": "受入 担当", "phone": "0154-00-0000"}
        ).status_code
        == 302
    )
    page = client.get(f"/organisations/{partner_org.pk}/")
    assert "阿寒分室" in page.text and "受入 担当" in page.text


def test_a_duplicate_office_name_is_refused(client_as, administrator, hub_office):
    response = client_as(administrator).post(
        f"/organisations/{hub_office.organisation_id}/offices/", {"name": hub_office.name}
    )
    assert response.status_code == 400
    assert hub_office.organisation.offices.count() == 1


def test_an_unknown_organisation_is_not_found(client_as, consultation_worker):
    assert client_as(consultation_worker).get("/organisations/999999/").status_code == 404
