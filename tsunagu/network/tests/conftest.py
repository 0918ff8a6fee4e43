"""A meetings world: two cases of the main office with plans awaiting approval (one applying for a
statutory service), a case of the 音別 office out of scope, an outside contact."""

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.utils import translation

from tsunagu.cases.tests.helpers import days_ago, submitted_plan
from tsunagu.network import services
from tsunagu.testing.factories import CaseFactory, ContactFactory, PersonFactory, UserFactory


@pytest.fixture(autouse=True)
def _english():
    """The tests read the services' messages in English (the msgids), whatever the translations say."""
    with translation.override("en"):
        yield


def in_english(client):
    """A client whose pages are English (the language switch's cookie): the tests read the msgids."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def world(consultation_worker, employment_worker, supervisor, other_hub_office):
    first = CaseFactory(
        worker=consultation_worker, person=PersonFactory(family_name="会議"), intake_date=days_ago(60)
    )
    second = CaseFactory(
        worker=consultation_worker, person=PersonFactory(family_name="調整"), intake_date=days_ago(60)
    )
    onbetsu = UserFactory(office=other_hub_office, roles=["consultation_worker"])
    far = CaseFactory(worker=onbetsu, person=PersonFactory(family_name="圏外"), intake_date=days_ago(60))
    return SimpleNamespace(
        first=first,
        second=second,
        far=far,
        onbetsu=onbetsu,
        first_plan=submitted_plan(first, consultation_worker, statutory_services=["work_readiness"]),
        second_plan=submitted_plan(second, consultation_worker, statutory_services=["household_budget"]),
        contact=ContactFactory(name="包括 和子"),
    )


def coordination(supervisor, *attendees, held_on=None, contacts=()):
    """A 支援調整会議 held a week ago (the supervisor organising and attending)."""
    return services.create_meeting(
        actor=supervisor,
        fields={"kind": "coordination", "body": None, "held_on": held_on or days_ago(7), "place": "本所"},
        attendees=list(attendees),
        contacts=list(contacts),
    )


# ---------------------------------------------------------------- referrals (つなぎ)


@pytest.fixture
def referrals_world(consultation_worker, partner_staff, partner_org, other_hub_office):
    """A case of the main office whose person consented to sharing with 法テラス (which has a partner
    login) and not with the zoo NPO (whose staff is the `partner_staff` fixture); Hello Work has no one
    in Tsunagu; a case of the 音別 office out of scope."""
    from tsunagu.organisations.models import OrganisationType
    from tsunagu.people.models import ConsentScope
    from tsunagu.people.services import record_consent
    from tsunagu.testing.factories import DirectoryServiceFactory, OfficeFactory, OrganisationFactory

    houterasu = OrganisationFactory(name="法テラス釧路（テスト）", type=OrganisationType.PUBLIC_AGENCY)
    hello_work = OrganisationFactory(name="ハローワーク釧路（テスト）", type=OrganisationType.PUBLIC_AGENCY)
    lawyer = UserFactory(
        username="houterasu", office=OfficeFactory(organisation=houterasu), roles=["partner_staff"]
    )
    case = CaseFactory(
        worker=consultation_worker, person=PersonFactory(family_name="紹介", phone="0154-11-2222"),
        intake_date=days_ago(90),
    )  # fmt: skip
    consent = record_consent(
        person=case.person, actor=consultation_worker, scope=ConsentScope.SHARE_PARTNERS,
        signed_on=days_ago(80), shared_with=[houterasu, hello_work],
    )  # fmt: skip
    onbetsu = UserFactory(office=other_hub_office, roles=["consultation_worker"])
    far = CaseFactory(worker=onbetsu, person=PersonFactory(family_name="圏外"), intake_date=days_ago(60))
    return SimpleNamespace(
        houterasu=houterasu, hello_work=hello_work, lawyer=lawyer, case=case, consent=consent, far=far,
        onbetsu=onbetsu, zoo=partner_org, debt=DirectoryServiceFactory(organisation=houterasu, name="債務整理相談"),
    )  # fmt: skip


def refer(actor, case, receiver, *, on=None, **fields):
    from tsunagu.network.services_referrals import send_referral

    return send_referral(
        actor=actor, case=case, on=on,
        fields={"receiver": receiver, "service": None, "need": "債務整理", "message": "多重債務の相談をお願いします",
                "respond_by": None, **fields},
    )  # fmt: skip
