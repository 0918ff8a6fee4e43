"""The directory as HSDS 3.0: the demo directory's export validates against the official schemas, and
survives an import into an empty database unchanged; a wrong file is refused whole, each problem placed."""

from __future__ import annotations

import copy
import json

import pytest
from django.core.exceptions import ValidationError

from tsunagu.organisations import services
from tsunagu.organisations.hsds import tabular
from tsunagu.organisations.hsds.export import build_document, organisations_to_export
from tsunagu.organisations.hsds.files import read_document, to_json
from tsunagu.organisations.hsds.validation import TABULAR_SCHEMA, schema_problems, validator
from tsunagu.organisations.models import (
    Area,
    Contact,
    Location,
    Office,
    OpeningTime,
    Organisation,
    Service,
    ServiceType,
)
from tsunagu.sampledata.organisations import load_organisations

pytestmark = pytest.mark.django_db


def _export() -> list[dict]:
    return build_document(organisations_to_export())


def _empty_directory(keep: Organisation) -> None:
    """Everything the directory holds, gone (areas and service types too), but the organisation of the
    administrator who imports (a user belongs to one): as good as an empty database."""
    OpeningTime.objects.all().delete()
    Service.objects.all().delete()
    Location.objects.all().delete()
    Contact.objects.all().delete()
    Office.objects.exclude(organisation=keep).delete()
    Organisation.objects.filter(parent__isnull=False).delete()
    Organisation.objects.exclude(pk=keep.pk).delete()
    Organisation.objects.filter(pk=keep.pk).update(area=None, parent=None)
    Area.objects.all().delete()
    ServiceType.objects.all().delete()


@pytest.fixture
def demo_directory(administrator):
    load_organisations()
    return _export()


def test_the_demo_directory_exports_services_locations_hours_and_contacts_valid_against_the_schema(
    demo_directory,
):
    assert schema_problems(demo_directory) == []
    by_name = {org["name"]: org for org in demo_directory}
    houterasu = by_name["法テラス釧路"]
    assert {s["name"] for s in houterasu["services"]} >= {"法律相談（民事法律扶助）"}
    assert houterasu["locations"][0]["schedules"][0] == {
        "id": houterasu["locations"][0]["schedules"][0]["id"],
        "location_id": houterasu["locations"][0]["id"],
        "freq": "WEEKLY",
        "byday": "MO",
        "opens_at": "08:45",
        "closes_at": "17:15",
    }
    assert houterasu["contacts"][0]["phones"][0]["number"].startswith("0154-00-")
    city = by_name["釧路市役所 庁内関係課"]
    assert by_name["釧路市 納税課"]["parent_organization_id"] == city["id"]


def test_the_tabular_package_of_the_demo_directory_validates_against_the_official_tables(demo_directory):
    package = tabular.write_package(demo_directory)
    tables = tabular.read_tables(package)  # refuses a row the schema refuses
    assert list(validator(TABULAR_SCHEMA).iter_errors(tables)) == []
    assert {row["name"] for row in tables["organization"]} >= {"法テラス釧路", "ハローワーク釧路"}
    assert len(tables["schedule"]) > 50


def test_export_then_import_into_an_empty_database_then_export_gives_the_same_document(
    demo_directory, administrator
):
    text = to_json(demo_directory)
    _empty_directory(keep=administrator.organisation)
    assert Organisation.objects.count() == 1 and Area.objects.count() == 0
    services.import_directory(actor=administrator, document=read_document(text))
    assert to_json(_export()) == text


def test_the_csv_package_survives_an_import_into_an_empty_database_byte_for_byte(
    demo_directory, administrator
):
    package = tabular.write_package(demo_directory)
    _empty_directory(keep=administrator.organisation)
    services.import_directory(actor=administrator, document=read_document(package))
    assert tabular.write_package(_export()) == package


def test_importing_the_same_file_again_updates_by_id_and_creates_nothing(demo_directory, administrator):
    changed = copy.deepcopy(demo_directory)
    changed[0]["description"] = "説明を更新"
    services.import_directory(actor=administrator, document=changed)
    assert Organisation.objects.count() == len(demo_directory)
    assert Organisation.objects.get(uuid=changed[0]["id"]).description == "説明を更新"


def test_an_invalid_file_is_refused_whole_with_each_problem_naming_its_object_and_field(
    demo_directory, administrator
):
    broken = copy.deepcopy(demo_directory)
    houterasu = next(org for org in broken if org["name"] == "法テラス釧路")
    houterasu["services"][0]["status"] = "open"
    del houterasu["locations"][0]["location_type"]
    broken[0]["id"] = "not-a-uuid"
    broken.append({"id": "5f0c6b6e-1b0a-4a57-9a7d-000000000001", "name": "新しい団体", "description": ""})
    with pytest.raises(ValidationError) as refused:
        services.import_directory(actor=administrator, document=broken)
    messages = refused.value.messages
    service = houterasu["services"][0]["name"]
    assert any("法テラス釧路" in m and service in m and "status" in m for m in messages), messages
    assert any("法テラス釧路" in m and "location_type" in m for m in messages)
    assert any(broken[0]["name"] in m and "id" in m and "uuid" in m for m in messages)
    assert not Organisation.objects.filter(name="新しい団体").exists()


def test_a_file_valid_for_the_schema_but_not_for_the_directory_saves_nothing(demo_directory, administrator):
    broken = copy.deepcopy(demo_directory)
    broken.append({"id": "5f0c6b6e-1b0a-4a57-9a7d-000000000002", "name": "新しい団体", "description": ""})
    houterasu = next(org for org in broken if org["name"] == "法テラス釧路")
    houterasu["locations"][0]["schedules"][0]["opens_at"] = "18:00"
    with pytest.raises(ValidationError) as refused:
        services.import_directory(actor=administrator, document=broken)
    assert any("法テラス釧路" in m and "opens_at" in m for m in refused.value.messages)
    assert not Organisation.objects.filter(name="新しい団体").exists()


def test_a_csv_row_the_tabular_schema_refuses_is_named_by_file_row_and_field(demo_directory):
    tables = tabular.flatten(demo_directory)
    tables["service"][2]["status"] = "open"
    with pytest.raises(ValidationError) as refused:
        tabular.nest(tabular.read_tables(_package_of(tables)))
    assert any("services.csv" in m and "4" in m and "status" in m for m in refused.value.messages)


def _package_of(tables) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("datapackage.json", json.dumps(tabular.datapackage()))
        for table in tabular.TABLES:
            package.writestr(tabular.table_schema(table)["path"], tabular._csv_text(table, tables[table]))
    return buffer.getvalue()


def test_only_an_administrator_imports(demo_directory, consultation_worker):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.import_directory(actor=consultation_worker, document=demo_directory)


def test_the_commands_export_and_import_the_directory(demo_directory, administrator, tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    path = tmp_path / "directory.zip"
    call_command("export_hsds", str(path))
    call_command("import_hsds", str(path), user=administrator.username)
    assert Organisation.objects.count() == len(demo_directory)
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps([{"name": "名前だけ"}]), encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_hsds", str(broken), user=administrator.username)
