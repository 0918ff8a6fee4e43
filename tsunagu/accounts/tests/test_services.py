"""The user services: for administrators only, whoever calls them (the views check too); one enrols only
one's own authenticator app; the command line creates users with no one signed in."""

import pytest
from django.core.exceptions import PermissionDenied
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import ROLE_FIXTURES
from tsunagu.accounts import services
from tsunagu.accounts.models import User
from tsunagu.audit.models import AuditEvent
from tsunagu.testing.twofactor import enrolled_device

pytestmark = pytest.mark.django_db

PASSWORD = "kushiro-harbour-9"


def _calls(target: User, hub_office):
    return {
        "create_user": lambda actor: services.create_user(
            username="newworker", display_name="新人 相談員", password=PASSWORD, organisation=hub_office.organisation,
            office=hub_office, roles=["consultation_worker"], actor=actor,
        ),
        "update_user": lambda actor: services.update_user(
            user=target, display_name="改名", email="", organisation=hub_office.organisation, office=hub_office,
            roles=["administrator"], is_active=True, edit_version=target.edit_version, actor=actor,
        ),
        "set_user_password": lambda actor: services.set_user_password(user=target, password=PASSWORD, actor=actor),
        "unlock_user": lambda actor: services.unlock_user(user=target, actor=actor),
        "unlock_address": lambda actor: services.unlock_address(ip_address="10.0.0.7", actor=actor),
        "reset_second_factor": lambda actor: services.reset_second_factor(user=target, actor=actor),
    }  # fmt: skip


@pytest.mark.parametrize(
    "service",
    [
        "create_user",
        "update_user",
        "set_user_password",
        "unlock_user",
        "unlock_address",
        "reset_second_factor",
    ],
)
@pytest.mark.parametrize("role_fixture", [r for r in ROLE_FIXTURES if r != "administrator"])
def test_only_an_administrator_manages_users(request, administrator, hub_office, service, role_fixture):
    actor = request.getfixturevalue(role_fixture)
    enrolled_device(administrator)
    password = administrator.password
    with pytest.raises(PermissionDenied):
        _calls(administrator, hub_office)[service](actor)
    administrator.refresh_from_db()
    assert administrator.password == password and administrator.display_name != "改名"
    assert TOTPDevice.objects.filter(user=administrator).exists()
    assert not User.objects.filter(username="newworker").exists()
    assert not AuditEvent.objects.exists()


def test_the_command_line_creates_a_user_with_no_one_signed_in(hub_office):
    user = _calls(None, hub_office)["create_user"](None)
    assert user.role_codes == {"consultation_worker"}
    assert AuditEvent.objects.get().actor is None


def test_no_one_enrols_an_app_for_someone_else(consultation_worker, supervisor):
    device = TOTPDevice.objects.create(user=consultation_worker, name="authenticator", confirmed=False)
    with pytest.raises(PermissionDenied):
        services.enrol_second_factor(actor=supervisor, device=device, code="123456")
    device.refresh_from_db()
    assert not device.confirmed
    assert not AuditEvent.objects.exists()
