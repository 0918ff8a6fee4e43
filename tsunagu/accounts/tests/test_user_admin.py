import pytest

from conftest import ROLE_FIXTURES
from tsunagu.accounts.models import User
from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.testing.factories import OfficeFactory


def new_user_form(home_office, **overrides):
    data = {
        "username": "newworker",
        "display_name": "新人 相談員",
        "email": "new@example.jp",
        "organisation": home_office.organisation_id,
        "office": home_office.pk,
        "roles": ["consultation_worker"],
        "password1": "kushiro-harbour-9",
        "password2": "kushiro-harbour-9",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role_fixture", [r for r in ROLE_FIXTURES if r != "administrator"])
def test_only_administrators_manage_users(request, client_as, role_fixture):
    client = client_as(request.getfixturevalue(role_fixture))
    assert client.get("/accounts/users/").status_code == 403
    assert client.get("/accounts/users/new/").status_code == 403


def test_administrator_creates_a_worker_with_a_role(client_as, administrator, hub_office):
    response = client_as(administrator).post("/accounts/users/new/", new_user_form(hub_office))
    assert response.status_code == 302
    user = User.objects.get(username="newworker")
    assert user.role_codes == {"consultation_worker"}
    assert user.office == hub_office
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(user.pk)).exists()
    listing = client_as(administrator).get("/accounts/users/?q=newworker")
    assert "新人 相談員" in listing.text


def test_a_short_password_is_refused_and_nothing_is_saved(client_as, administrator, hub_office):
    form = new_user_form(hub_office, password1="short-pw1", password2="short-pw1")
    response = client_as(administrator).post("/accounts/users/new/", form)
    assert response.status_code == 400
    assert "短すぎます" in response.text
    assert not User.objects.filter(username="newworker").exists()


def test_an_office_of_another_organisation_is_refused(client_as, administrator, hub_office):
    elsewhere = OfficeFactory()
    response = client_as(administrator).post(
        "/accounts/users/new/", new_user_form(hub_office, office=elsewhere.pk)
    )
    assert response.status_code == 400
    assert "所属組織の事業所" in response.text
    assert not User.objects.filter(username="newworker").exists()


def test_a_taken_user_name_is_refused(client_as, administrator, consultation_worker, hub_office):
    response = client_as(administrator).post(
        "/accounts/users/new/", new_user_form(hub_office, username="SOUDAN")
    )
    assert response.status_code == 400
    assert "既に存在します" in response.text


def test_administrator_changes_roles_and_deactivates_a_user(client_as, administrator, consultation_worker):
    data = {
        "display_name": consultation_worker.display_name,
        "email": "",
        "organisation": consultation_worker.organisation_id,
        "office": consultation_worker.office_id,
        "roles": ["supervisor"],
        "edit_version": consultation_worker.edit_version,
    }
    response = client_as(administrator).post(f"/accounts/users/{consultation_worker.pk}/", data)
    assert response.status_code == 302
    consultation_worker.refresh_from_db()
    assert consultation_worker.is_active is False
    assert set(consultation_worker.groups.values_list("name", flat=True)) == {"supervisor"}


def test_administrator_cannot_remove_their_own_administrator_role(client_as, administrator):
    data = {
        "display_name": administrator.display_name,
        "organisation": administrator.organisation_id,
        "office": administrator.office_id,
        "roles": ["consultation_worker"],
        "is_active": "on",
        "edit_version": administrator.edit_version,
    }
    response = client_as(administrator).post(f"/accounts/users/{administrator.pk}/", data)
    assert response.status_code == 400
    assert administrator.groups.filter(name="administrator").exists()


def test_administrator_sets_a_new_password(client_as, administrator, consultation_worker):
    url = f"/accounts/users/{consultation_worker.pk}/password/"
    response = client_as(administrator).post(url, {"password1": "x", "password2": "x"})
    assert response.status_code == 400
    response = client_as(administrator).post(
        url, {"password1": "kushiro-harbour-9", "password2": "kushiro-harbour-9"}
    )
    assert response.status_code == 302
    consultation_worker.refresh_from_db()
    assert consultation_worker.check_password("kushiro-harbour-9")


def test_editing_an_unknown_user_is_not_found(client_as, administrator):
    assert client_as(administrator).get("/accounts/users/999999/").status_code == 404
