"""The demo's referrals: a year of them among the seed's organisations, through the services; most
completed, some declined with their reasons, some overdue for the sender; 法テラス answers for itself."""

import pytest
from django.db import transaction
from django.test import override_settings

from tsunagu.accounts.models import User
from tsunagu.network.models import Referral, ReferralStatus
from tsunagu.network.selectors_referrals import overdue
from tsunagu.sampledata.accounts import load_users
from tsunagu.sampledata.cases import load_caseload
from tsunagu.sampledata.catalog import load_catalog
from tsunagu.sampledata.meetings import load_meetings
from tsunagu.sampledata.organisations import load_organisations
from tsunagu.sampledata.referrals import ELDERLY, HELLO_WORK, LEGAL_AID, TOWN_COUNCIL, load_referrals

pytestmark = pytest.mark.django_db
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER), transaction.atomic():
        load_organisations()
        load_users()
        load_catalog()
        load_caseload(people=80)
        load_meetings()
        counts = load_referrals()
        yield counts
        transaction.set_rollback(True)


def test_a_year_of_referrals_reaches_the_four_organisations_and_most_are_completed(demo):
    referrals = Referral.objects.all()
    assert referrals.count() == sum(demo.values()) >= 40
    assert set(referrals.values_list("receiver__name", flat=True)) == {
        LEGAL_AID,
        ELDERLY,
        HELLO_WORK,
        TOWN_COUNCIL,
    }
    assert demo[ReferralStatus.COMPLETED] > referrals.count() / 2
    declined = referrals.filter(status=ReferralStatus.DECLINED)
    assert declined.exists() and all(r.decline_reason for r in declined)
    assert all(r.changes.count() >= 1 for r in referrals[:30])


def test_the_worker_has_overdue_referrals_and_the_lawyers_answered_their_own(demo):
    soudan = User.objects.get(username="soudan")
    late = overdue(soudan)
    assert late.unanswered or late.stalled
    lawyer = User.objects.get(username="houterasu")
    answered = Referral.objects.filter(receiver__name=LEGAL_AID).exclude(status=ReferralStatus.SENT)
    assert answered.exists()
    assert all(r.changes.filter(changed_by=lawyer).exists() for r in answered)
