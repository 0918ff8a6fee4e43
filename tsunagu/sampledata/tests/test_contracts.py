"""The demo's contracts: the seed's 沿革 from 平成16年度, yearly contracts up to this fiscal year (居住支援事業
under its name in force), and this year's contracts carrying the main office's open cases."""

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from tsunagu.contracts.models import CaseAssignment, Contract, Milestone
from tsunagu.contracts.selectors import history
from tsunagu.core.dates import fiscal_year_of
from tsunagu.sampledata.accounts import load_users
from tsunagu.sampledata.cases import load_caseload
from tsunagu.sampledata.catalog import load_catalog
from tsunagu.sampledata.contracts import load_contracts
from tsunagu.sampledata.organisations import load_organisations

pytestmark = pytest.mark.django_db
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER), transaction.atomic():
        load_organisations()
        load_users()
        load_catalog()
        load_caseload(people=60)
        counts = load_contracts()
        yield counts
        transaction.set_rollback(True)


def test_the_history_runs_from_heisei_16_to_this_fiscal_year(demo):
    years = history()
    assert years[0].label == "平成16年度" and years[0].milestones
    assert years[-1].year == fiscal_year_of(timezone.localdate())
    assert Milestone.objects.count() == 2
    assert Contract.objects.filter(fiscal_year=2013, model_project=True).count() == 2


def test_housing_support_carries_its_name_of_the_year(demo):
    names = {c.fiscal_year: c.service_name for c in Contract.objects.filter(service="housing_support")}
    assert names[2024] == "一時生活支援事業" and names[2025] == "居住支援事業"


def test_this_year_s_contracts_carry_open_cases(demo):
    assert demo["cases"] > 0
    assert (
        CaseAssignment.objects.filter(contract__fiscal_year=fiscal_year_of(timezone.localdate())).count()
        == demo["cases"]
    )
