"""The work catalog's pages per role: what each sees and may do, refusals shown next to the field with
nothing saved, and the lists' fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from tsunagu.testing.factories import (
    PayRateFactory,
    ProgramHostFactory,
    SkillLevelFactory,
    WorkTypeFactory,
)
from tsunagu.work.models import MinimumWage, PayMonth, PayRate, WorkType

pytestmark = pytest.mark.django_db

SITES = "/work/catalog/"


def english(client):
    """The client reading the pages in English (the interface is Japanese by default)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def en():
    with translation.override("en"):
        yield


def test_casework_staff_see_the_work_sites_with_their_work_types_but_no_button_to_add(
    client_as, employment_worker
):
    work_type = WorkTypeFactory(name="漁網の整網作業")
    page = client_as(employment_worker).get(SITES).content.decode()
    assert "漁網の整網作業" in page
    assert work_type.host.organisation.name in page
    assert "/work/catalog/new/" not in page


def test_the_work_sites_are_in_the_navigation_of_staff_and_administrators_only(
    client_as, consultation_worker, administrator, partner_staff, city_caseworker
):
    for user, shown in ((consultation_worker, True), (administrator, True), (partner_staff, False)):
        page = client_as(user).get("/accounts/password/" if user is partner_staff else "/").content.decode()
        assert (f'href="{SITES}"' in page) is shown, user
    assert client_as(city_caseworker).get(SITES).status_code == 403


def test_the_work_page_leads_staff_to_each_sites_day_sheet_pay_and_levels_and_supervisors_to_proposals(
    client_as, consultation_worker, supervisor, administrator
):
    host = WorkTypeFactory().host
    site_pages = [
        f"/work/day-sheets/{host.pk}/",
        f"/work/pay/hosts/{host.pk}/",
        f"/work/ladder/sites/{host.pk}/",
    ]
    proposals = f"/work/skills/sites/{host.pk}/"
    worker_page = client_as(consultation_worker).get(SITES).content.decode()
    assert all(f'href="{url}"' in worker_page for url in site_pages)
    assert f'href="{proposals}"' not in worker_page
    assert f'href="{proposals}"' in client_as(supervisor).get(SITES).content.decode()
    # An administrator keeps the catalog, not the sites' daily work.
    assert f'href="{site_pages[0]}"' not in client_as(administrator).get(SITES).content.decode()


def test_a_supervisor_adds_a_work_type_and_lands_on_its_page(client_as, supervisor):
    host = ProgramHostFactory()
    response = client_as(supervisor).post(
        "/work/catalog/new/",
        {"host": host.pk, "name": "ごみ袋の封入作業", "unit": "袋", "work_form": "training",
         "pay_basis": "per_unit", "max_units_per_hour": "200", "review_days": "10", "active": "on"},
    )  # fmt: skip
    work_type = WorkType.objects.get(name="ごみ袋の封入作業")
    assert response.status_code == 302
    assert response["Location"] == f"/work/catalog/types/{work_type.pk}/"
    assert work_type.max_units_per_hour == 200


def test_a_work_type_without_the_most_units_an_hour_is_refused_next_to_the_field_with_400(
    client_as, supervisor, en
):
    response = english(client_as(supervisor)).post(
        "/work/catalog/new/",
        {"host": ProgramHostFactory().pk, "name": "ごみ袋の封入作業", "unit": "袋", "work_form": "training",
         "pay_basis": "per_unit", "review_days": "10", "active": "on"},
    )  # fmt: skip
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["max_units_per_hour"]
    assert not WorkType.objects.exists()


def test_training_by_the_hour_is_refused_next_to_the_field_with_400(client_as, supervisor, en):
    response = english(client_as(supervisor)).post(
        "/work/catalog/new/",
        {"host": ProgramHostFactory().pk, "name": "整網", "unit": "時間", "work_form": "training",
         "pay_basis": "per_hour", "max_units_per_hour": "1", "review_days": "10"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "never paid by the hour" in str(response.context["form"].errors["pay_basis"])
    assert not WorkType.objects.exists()


def test_the_work_type_page_shows_each_level_with_its_criteria_threshold_and_rates_over_time(
    client_as, consultation_worker, en
):
    work_type = WorkTypeFactory(levels=False, unit="枚")
    level = SkillLevelFactory(work_type=work_type, rank=2, name="一人前", criteria="一人で網を繕える",
                              units_per_hour_to_reach=8, max_defect_rate="0.050")  # fmt: skip
    PayRateFactory(
        level=level, amount=150, effective_from=dt.date(2024, 4, 1), effective_until=dt.date(2025, 3, 31)
    )
    PayRateFactory(level=level, amount=170, effective_from=dt.date(2025, 4, 1))
    page = (
        english(client_as(consultation_worker)).get(f"/work/catalog/types/{work_type.pk}/").content.decode()
    )
    assert "Level 2: 一人前" in page and "一人で網を繕える" in page
    assert "Proposed from 8.00 枚 an hour on average, with at most 0.050 of the units defective" in page
    assert page.index("170.00") < page.index("150.00")  # newest first
    assert "in force" in page
    assert "Remove this rate" not in page  # a worker keeps nothing here


def test_a_supervisor_adds_a_rate_and_the_page_says_the_older_one_ended(client_as, supervisor):
    level = SkillLevelFactory(work_type=WorkTypeFactory(levels=False), rank=1)
    old = PayRateFactory(level=level, amount=100, effective_from=dt.date(2024, 4, 1))
    client = english(client_as(supervisor))
    form_page = client.get(f"/work/catalog/levels/{level.pk}/rates/new/").content.decode()
    assert "that rate ends the day before the new one starts" in form_page
    response = client.post(
        f"/work/catalog/levels/{level.pk}/rates/new/", {"amount": "120", "effective_from": "2025-10-01"}
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.effective_until == dt.date(2025, 9, 30)


def test_a_rate_in_a_closed_month_is_refused_on_the_page_and_nothing_saved(client_as, supervisor, en):
    level = SkillLevelFactory(work_type=WorkTypeFactory(levels=False), rank=1)
    PayMonth.objects.create(
        host=level.work_type.host, month=dt.date(2025, 6, 1), closed_at=timezone.now(), closed_by=supervisor
    )
    response = english(client_as(supervisor)).post(
        f"/work/catalog/levels/{level.pk}/rates/new/", {"amount": "120", "effective_from": "2025-06-10"}
    )
    assert response.status_code == 400
    assert "closed" in str(response.context["form"].errors["effective_from"])
    assert not PayRate.objects.filter(level=level).exists()


def test_a_rate_without_a_date_or_with_an_absurd_amount_is_refused_by_the_form(client_as, supervisor):
    level = SkillLevelFactory(work_type=WorkTypeFactory(levels=False), rank=1)
    response = client_as(supervisor).post(
        f"/work/catalog/levels/{level.pk}/rates/new/", {"amount": "9999999"}
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"amount", "effective_from"}
    assert not PayRate.objects.exists()


def test_two_supervisors_editing_one_level_the_second_is_refused(client_as, supervisor, administrator):
    level = WorkTypeFactory().levels.get(rank=2)
    data = {"rank": "2", "name": "一人前", "criteria": "", "edit_version": "1"}
    assert (
        client_as(supervisor)
        .post(f"/work/catalog/levels/{level.pk}/edit/", data | {"criteria": "A"})
        .status_code
        == 302
    )
    response = client_as(administrator).post(
        f"/work/catalog/levels/{level.pk}/edit/", data | {"criteria": "B"}
    )
    assert response.status_code == 400
    level.refresh_from_db()
    assert level.criteria == "A"


def test_the_minimum_wage_table_lists_hokkaido_and_a_supervisor_adds_the_next(client_as, supervisor):
    client = client_as(supervisor)
    assert "1075" in client.get("/work/catalog/minimum-wages/").content.decode().replace(",", "")
    response = client.post("/work/catalog/minimum-wages/", {"hourly": "1150", "effective_from": "2026-10-01"})
    assert response.status_code == 302
    assert MinimumWage.objects.filter(hourly=1150, effective_from=dt.date(2026, 10, 1)).exists()
    again = client.post("/work/catalog/minimum-wages/", {"hourly": "1160", "effective_from": "2026-10-01"})
    assert again.status_code == 400
    assert not MinimumWage.objects.filter(hourly=1160).exists()


def test_a_worker_reads_the_minimum_wage_but_cannot_add_one(client_as, consultation_worker):
    client = client_as(consultation_worker)
    assert '<form method="post"' not in client.get("/work/catalog/minimum-wages/").content.decode()
    response = client.post("/work/catalog/minimum-wages/", {"hourly": "1150", "effective_from": "2026-10-01"})
    assert response.status_code == 403


def test_an_order_is_added_with_the_customer_named(client_as, supervisor):
    work_type = WorkTypeFactory()
    response = client_as(supervisor).post(
        f"/work/catalog/types/{work_type.pk}/orders/new/",
        {"customer_name": "釧路漁網", "reference": "N-1", "ordered_on": "2025-05-01", "quantity": "300"},
    )
    assert response.status_code == 302
    page = client_as(supervisor).get(f"/work/catalog/types/{work_type.pk}/").content.decode()
    assert "釧路漁網" in page and "N-1" in page


# ---------------------------------------------------------------- query counts


def _count(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def test_the_work_sites_list_runs_as_many_queries_for_ten_hosts_as_for_one(client_as, supervisor):
    client = client_as(supervisor)
    WorkTypeFactory()
    one = _count(client, SITES)
    for _ in range(9):
        host = ProgramHostFactory()
        WorkTypeFactory(host=host)
        WorkTypeFactory(host=host)
    assert _count(client, SITES) == one


def test_the_work_type_page_runs_as_many_queries_for_many_levels_and_rates_as_for_few(client_as, supervisor):
    client = client_as(supervisor)
    work_type = WorkTypeFactory()
    path = f"/work/catalog/types/{work_type.pk}/"
    few = _count(client, path)
    for rank in range(3, 8):
        level = SkillLevelFactory(work_type=work_type, rank=rank)
        for year in (2023, 2024, 2025):
            PayRateFactory(
                level=level, effective_from=dt.date(year, 4, 1), effective_until=dt.date(year + 1, 3, 31)
            )
    assert _count(client, path) == few


def test_the_minimum_wage_list_runs_a_fixed_number_of_queries(client_as, supervisor):
    client = client_as(supervisor)
    before = _count(client, "/work/catalog/minimum-wages/")
    for year in range(2000, 2010):
        MinimumWage.objects.create(hourly=600 + year - 2000, effective_from=dt.date(year, 10, 1))
    assert _count(client, "/work/catalog/minimum-wages/") == before
