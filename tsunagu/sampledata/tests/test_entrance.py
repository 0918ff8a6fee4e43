"""The demo's high-school entrance support: a cohort of eight children of demo households, written through
the children's services, with their results and the follow-up a year later."""

import pytest
from django.db import transaction
from django.test import override_settings

from tsunagu.children.models_entrance import EntranceApplication, EntrancePupil, ParentSession
from tsunagu.children.selectors_entrance import cohort_figures
from tsunagu.sampledata.accounts import load_users
from tsunagu.sampledata.cases import load_caseload
from tsunagu.sampledata.catalog import load_catalog
from tsunagu.sampledata.entrance import load_entrance
from tsunagu.sampledata.organisations import load_organisations

pytestmark = pytest.mark.django_db
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER), transaction.atomic():
        load_organisations()
        load_users()
        load_catalog()
        load_caseload(people=80)
        counts = load_entrance()
        yield counts
        transaction.set_rollback(True)


def test_the_demo_has_a_cohort_of_eight_with_results(demo):
    assert demo["pupils"] == 8
    pupils = list(EntrancePupil.objects.select_related("child__household_member"))
    assert len(pupils) == 8 and len({p.fiscal_year for p in pupils}) == 1
    assert all(p.parent == p.child.guardian for p in pupils)
    assert EntranceApplication.objects.filter(entered=True).count() == 7
    assert ParentSession.objects.filter(parent_attended=True).count() >= 8
    # 7 graduates, 6 entered high school or equivalent (the 7th went to work): 85.7 %; 1 of 6 left.
    (row,) = cohort_figures()
    assert (row.pupils, row.graduates, row.entered, row.followed_up, row.left) == (8, 7, 6, 6, 1)
    assert str(row.entry_rate) == "85.7"
