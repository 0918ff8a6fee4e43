"""Partner-staff logins only at an organisation that takes part in the hub's work: the apps above
accounts say which (tsunagu/accounts/partners.py). An employer's staff have no login unless it hosts
internships (or programs)."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from tsunagu.accounts import partners, services
from tsunagu.accounts.models import User
from tsunagu.organisations.models import OrganisationType
from tsunagu.testing.factories import (
    CaseFactory,
    OfficeFactory,
    OrganisationFactory,
    ProgramHostFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "kushiro-harbour-9"
REFUSAL = (
    "Partner staff can only be made at an organisation that hosts programs or internships, receives "
    "referrals or runs a community resource."
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def employer_office():
    return OfficeFactory(organisation=OrganisationFactory(name="釧路港湾清掃", type=OrganisationType.COMPANY))


def make_partner(office, **overrides):
    fields = {
        "username": "kigyou", "display_name": "企業 担当", "password": PASSWORD,
        "organisation": office.organisation, "office": office, "roles": ["partner_staff"], "actor": None,
    }  # fmt: skip
    return services.create_user(**{**fields, **overrides})


def host_internship(organisation, worker):
    from tsunagu.jobs.models import Internship

    today = timezone.localdate()
    return Internship.objects.create(
        case=CaseFactory(worker=worker), host=organisation, starts_on=today, ends_on=today, hours_per_week=20,
        created_by=worker,
    )  # fmt: skip


def test_an_employers_staff_get_no_partner_login_and_nothing_is_saved(administrator):
    office = employer_office()
    with pytest.raises(ValidationError) as refused:
        make_partner(office, actor=administrator)
    assert refused.value.message_dict == {"organisation": [REFUSAL]}
    assert not User.objects.filter(username="kigyou").exists()


def test_an_employer_hosting_an_internship_may_have_partner_staff(administrator, employment_worker):
    office = employer_office()
    host_internship(office.organisation, employment_worker)
    user = make_partner(office, actor=administrator)
    assert user.role_codes == {"partner_staff"} and user.organisation == office.organisation


def test_a_host_of_the_catalogs_programs_may_have_partner_staff(administrator):
    office = OfficeFactory()
    ProgramHostFactory(organisation=office.organisation)
    assert make_partner(office, actor=administrator).role_codes == {"partner_staff"}


def test_hub_roles_at_an_employer_are_not_the_partner_rule(administrator):
    user = make_partner(employer_office(), roles=["statistician"], actor=administrator)
    assert user.role_codes == {"statistician"}


def test_a_partner_moved_to_an_employer_that_hosts_nothing_is_refused_but_may_be_deactivated(administrator):
    host_office = OfficeFactory()
    ProgramHostFactory(organisation=host_office.organisation)
    partner = UserFactory(office=host_office, roles=["partner_staff"])
    office = employer_office()

    def update(**changes):
        fields = {
            "user": partner, "display_name": partner.display_name, "email": "", "organisation": office.organisation,
            "office": office, "roles": ["partner_staff"], "is_active": True, "edit_version": partner.edit_version,
            "actor": administrator,
        }  # fmt: skip
        return services.update_user(**{**fields, **changes})

    with pytest.raises(ValidationError) as refused:
        update()
    assert "organisation" in refused.value.message_dict
    partner.refresh_from_db()
    assert partner.organisation == host_office.organisation
    update(is_active=False)
    partner.refresh_from_db()
    assert not partner.is_active and partner.organisation == office.organisation


def test_with_no_app_answering_no_organisation_may_have_partner_logins(monkeypatch):
    organisation = OfficeFactory().organisation
    ProgramHostFactory(organisation=organisation)
    assert partners.may_have_partner_logins(organisation)
    monkeypatch.setattr(partners, "_answers", {})
    assert not partners.may_have_partner_logins(organisation)


def test_the_user_form_shows_the_refusal_next_to_the_organisation(client_as, administrator):
    office = employer_office()
    client = client_as(administrator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    form = {
        "username": "kigyou", "display_name": "企業 担当", "email": "", "organisation": office.organisation_id,
        "office": office.pk, "roles": ["partner_staff"], "password1": PASSWORD, "password2": PASSWORD,
    }  # fmt: skip
    response = client.post("/accounts/users/new/", form)
    assert response.status_code == 400
    assert response.context["form"].errors["organisation"] == [REFUSAL]
    assert not User.objects.filter(username="kigyou").exists()
