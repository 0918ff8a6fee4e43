"""The directory as the hub's network: searched by service type, area, stage and reading; the
organisation page shows services, locations, hours and contacts; administrators edit, staff read; the
list keeps its queries fixed."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.organisations import selectors, services
from tsunagu.organisations.models import OpeningTime, Service, ServiceStage
from tsunagu.people.models import Stage
from tsunagu.testing.factories import (
    AreaFactory,
    DirectoryServiceFactory,
    LocationFactory,
    OpeningTimeFactory,
    OrganisationFactory,
    ServiceTypeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    legal = ServiceTypeFactory(code="legal", name="法律・債務の相談")
    jobs = ServiceTypeFactory(code="employment", name="就労支援・職業紹介")
    onbetsu = AreaFactory(name="音別", municipality="釧路市")
    houterasu = OrganisationFactory(name="法テラス釧路", reading="ほうてらすくしろ")
    hello_work = OrganisationFactory(name="ハローワーク釧路", reading="はろーわーくくしろ")
    DirectoryServiceFactory(
        organisation=houterasu, name="法律相談", service_type=legal, suits_daily_life=True
    )
    DirectoryServiceFactory(
        organisation=hello_work, name="職業紹介", service_type=jobs, suits_employment=True
    )
    LocationFactory(organisation=hello_work, name="音別出張相談", area=onbetsu)
    return {"legal": legal, "jobs": jobs, "onbetsu": onbetsu}


def _names(**filters) -> set[str]:
    return {organisation.name for organisation in selectors.list_organisations(**filters)}


def test_the_directory_is_searched_by_service_type_stage_area_and_reading(network):
    assert _names(service_type_id=network["legal"].pk) == {"法テラス釧路"}
    assert _names(stage=ServiceStage.EMPLOYMENT) == {"ハローワーク釧路"}
    assert _names(area_id=network["onbetsu"].pk) == {"ハローワーク釧路"}  # by a location in the area
    assert _names(query="ホウテラス") == {"法テラス釧路"}  # katakana finds the hiragana reading
    assert _names(query="職業紹介") == {"ハローワーク釧路"}  # a service's name
    assert _names(service_type_id=network["legal"].pk, stage=ServiceStage.EMPLOYMENT) == set()


def test_the_list_shows_the_services_that_matched(client_as, consultation_worker, network):
    response = client_as(consultation_worker).get(
        f"/organisations/?stage=daily_life&service_type={network['legal'].pk}"
    )
    assert response.status_code == 200
    assert "法テラス釧路" in response.text and "法律相談" in response.text
    assert "ハローワーク釧路" not in response.text


def test_a_stage_that_is_no_stage_is_refused_with_400(client_as, consultation_worker, network):
    assert client_as(consultation_worker).get("/organisations/?stage=rich").status_code == 400


def test_the_stages_of_a_service_are_the_ladder_of_people(db):
    assert ServiceStage.choices == Stage.choices


def test_the_organisation_page_shows_services_hours_units_and_contacts(client_as, city_caseworker, network):
    city = OrganisationFactory(name="釧路市役所 庁内関係課")
    tax = OrganisationFactory(name="釧路市 納税課", parent=city)
    service = DirectoryServiceFactory(organisation=tax, name="納付相談", fees="無料", eligibility="市民の方")
    OpeningTimeFactory(service=service, weekday=2)
    response = client_as(city_caseworker).get(f"/organisations/{city.pk}/")
    assert "釧路市 納税課" in response.text  # a unit of the city
    response = client_as(city_caseworker).get(f"/organisations/{tax.pk}/")
    assert all(
        text in response.text for text in ("納付相談", "無料", "市民の方", "09:00", "釧路市役所 庁内関係課")
    )
    assert "Edit" not in response.text and "編集" not in response.text


def test_an_administrator_adds_a_service_with_its_stages_and_locations(client_as, administrator, network):
    hub = OrganisationFactory(name="協議会")
    location = LocationFactory(organisation=hub, name="本所")
    response = client_as(administrator).post(
        f"/organisations/{hub.pk}/services/new/",
        {"name": "家計改善支援", "service_type": network["legal"].pk, "suits_daily_life": "on",
         "status": "active", "locations": [location.pk], "form_token": "t1"},
    )  # fmt: skip
    assert response.status_code == 302, response.text
    service = Service.objects.get(name="家計改善支援")
    assert service.stages == ["daily_life"] and list(service.locations.all()) == [location]


def test_a_service_may_not_use_another_organisations_location(administrator, network):
    hub, other = OrganisationFactory(), OrganisationFactory()
    with pytest.raises(Exception) as refused:
        services.add_service(
            organisation=hub, actor=administrator, name="x", service_type=network["legal"],
            locations=[LocationFactory(organisation=other)],
        )  # fmt: skip
    assert "locations" in str(refused.value)


def test_hours_that_close_before_they_open_are_refused(client_as, administrator):
    location = LocationFactory()
    response = client_as(administrator).post(
        f"/organisations/{location.organisation_id}/hours/",
        {
            "target": f"location-{location.pk}",
            "weekday": "0",
            "opens": "17:00",
            "closes": "09:00",
            "form_token": "t2",
        },
    )
    assert response.status_code == 400
    assert not OpeningTime.objects.exists()


def test_staff_download_the_hsds_export_and_it_is_audited(client_as, statistician, network):
    response = client_as(statistician).get("/organisations/export/hsds.json")
    assert response.status_code == 200
    names = {org["name"] for org in json.loads(response.content)}
    assert {"法テラス釧路", "ハローワーク釧路"} <= names
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, actor=statistician)
    assert event.detail["format"] == "json"


def test_only_administrators_import(client_as, consultation_worker):
    assert client_as(consultation_worker).get("/organisations/import/").status_code == 403


def test_an_uploaded_file_that_is_not_hsds_is_refused_with_the_problems(client_as, administrator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("x.json", json.dumps([{"name": "名前だけ"}]).encode())
    response = client_as(administrator).post("/organisations/import/", {"file": upload})
    assert response.status_code == 400
    assert "名前だけ" in response.text and "id" in response.text


def test_the_directory_list_keeps_its_queries_fixed_however_many_organisations(
    client_as, consultation_worker, network
):
    client = client_as(consultation_worker)
    client.get("/organisations/")

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/organisations/?stage=daily_life").status_code == 200
        return len(captured)

    before = count()
    for _n in range(10):
        organisation = OrganisationFactory()
        DirectoryServiceFactory(organisation=organisation, suits_daily_life=True)
        LocationFactory(organisation=organisation)
    assert count() == before
