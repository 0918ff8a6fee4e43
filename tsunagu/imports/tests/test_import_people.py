"""Importing a hub's ledger: a CP932 CSV and an .xlsx with mistakes name each mistake by row and column
and save nothing; the corrected files import, all through the intake; a second import adds no one."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tsunagu.audit.models import AuditEvent
from tsunagu.cases.models import Case
from tsunagu.imports import services
from tsunagu.imports.models import ImportRun, ImportUpload
from tsunagu.imports.sample import HEADERS, ledger_csv, ledger_rows, ledger_xlsx
from tsunagu.imports.tests.helpers import csv_bytes, xlsx_bytes
from tsunagu.people.models import HouseholdMember, Person
from tsunagu.testing.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _csv(rows: list[list], encoding: str = "cp932") -> bytes:
    return csv_bytes(HEADERS, rows, encoding)


def _xlsx(rows: list[list]) -> bytes:
    return xlsx_bytes(HEADERS, rows)


def _upload(actor, content: bytes, name: str = "台帳.csv"):
    return services.upload_file(
        actor=actor, source_name="旧Excel台帳", kind="people", file_name=name, content=content
    )


def _rows(areas, count=5):
    return [list(row) for row in ledger_rows(count, areas=areas)]


def _column(name: str) -> int:
    return HEADERS.index(name)


def test_a_cp932_csv_is_read_as_cp932_and_its_columns_are_suggested(supervisor, areas):
    upload = _upload(supervisor, _csv(_rows(areas)))
    assert upload.encoding == "cp932"
    assert upload.source.mapping["フリガナ(姓)"] == "family_name_kana"
    assert upload.source.mapping["生年月日"] == "date_of_birth"
    assert upload.source.mapping["世帯員1続柄"] == "household_1_relation"


def test_utf8_with_and_without_bom_are_told_apart(supervisor, areas):
    assert _upload(supervisor, _csv(_rows(areas), "utf-8-sig")).encoding == "utf-8-sig"
    assert _upload(supervisor, _csv(_rows(areas), "utf-8")).encoding == "utf-8"


def test_a_csv_with_mistakes_names_each_by_row_and_column_and_saves_nothing(supervisor, areas):
    rows = _rows(areas)
    rows[0][_column("生年月日")] = "令和5年13月1日"
    rows[1][_column("相談日")] = "R5.2.30"
    rows[2][_column("地区")] = "月面"
    rows[3][_column("氏")] = ""
    rows[4][_column("世帯員1氏名")], rows[4][_column("世帯員1年齢")] = "同居 人", "150"
    upload = _upload(supervisor, _csv(rows))
    check = services.preview(actor=supervisor, upload=upload)
    found = {(e.row, e.column): e.message for e in check.errors}
    assert found[(2, "生年月日")] == "That date does not exist."
    assert found[(3, "相談日")] == "That date does not exist."
    assert found[(4, "地区")].startswith("Unknown area “月面”")
    assert found[(5, "氏")] == "Required."
    assert "less than or equal to 120" in found[(6, "世帯員1年齢")]
    with pytest.raises(ValidationError):
        services.import_upload(actor=supervisor, upload=upload)
    assert not Person.objects.exists() and not ImportRun.objects.exists()


def test_a_date_of_birth_in_the_future_is_refused_by_the_birth_date_window(supervisor, areas):
    rows = _rows(areas, 1)
    rows[0][_column("生年月日")] = "令和30年1月1日"
    check = services.preview(actor=supervisor, upload=_upload(supervisor, _csv(rows)))
    assert [(e.row, e.column) for e in check.errors] == [(2, "生年月日")]
    assert "on or before" in check.errors[0].message


def test_the_same_person_twice_in_one_file_is_a_mistake(supervisor, areas):
    rows = _rows(areas, 2)
    rows.append(list(rows[0]))
    check = services.preview(actor=supervisor, upload=_upload(supervisor, _xlsx(rows), "台帳.xlsx"))
    assert [(e.row, e.message) for e in check.errors] == [
        (4, "The same person as row 2 (same reading and birth date, or phone).")
    ]


def test_an_xlsx_with_mistakes_saves_nothing_and_the_corrected_one_imports_through_the_intake(
    supervisor, areas
):
    rows = _rows(areas, 6)
    good = [list(row) for row in rows]
    rows[2][_column("相談経路")] = "伝書鳩"
    bad = _upload(supervisor, _xlsx(rows), "台帳.xlsx")
    assert bad.encoding == "xlsx"
    check = services.preview(actor=supervisor, upload=bad)
    assert [(e.row, e.column) for e in check.errors] == [(4, "相談経路")]
    with pytest.raises(ValidationError):
        services.import_upload(actor=supervisor, upload=bad)
    assert not Person.objects.exists()

    corrected = _upload(supervisor, _xlsx(good), "台帳.xlsx")
    run = services.import_upload(actor=supervisor, upload=corrected)
    assert run.rows == 6 and run.created_count == 6 and run.imported_by == supervisor
    cases = Case.objects.filter(office=supervisor.office)
    assert cases.count() == 6 and all(case.concerns.exists() for case in cases)
    first = Person.objects.get(pk=run.created_ids["people"][0])
    assert first.family_name_kana == "サトウ" and first.area.name in areas
    assert HouseholdMember.objects.filter(person__in=run.created_ids["people"]).count() == sum(
        1 for row in good for n in (1, 2, 3) if row[_column(f"世帯員{n}氏名")]
    )
    assert AuditEvent.objects.filter(object_type__icontains="importrun", object_id=str(run.pk)).exists()
    assert not ImportUpload.objects.filter(pk=corrected.pk).exists()  # the file is gone once imported


def test_a_second_import_of_the_same_file_changes_nothing(supervisor, areas):
    content = ledger_csv(10, areas=areas)
    services.import_upload(actor=supervisor, upload=_upload(supervisor, content))
    people, cases = Person.objects.count(), Case.objects.count()
    again = _upload(supervisor, content)
    check = services.preview(actor=supervisor, upload=again)
    assert check.ok and check.skipped == 10 and not check.to_create
    with pytest.raises(ValidationError, match="already on record"):
        services.import_upload(actor=supervisor, upload=again)
    assert (Person.objects.count(), Case.objects.count(), ImportRun.objects.count()) == (people, cases, 1)


def test_someone_on_record_at_another_office_is_a_mistake_naming_only_the_office(
    supervisor, other_hub_office, areas
):
    row = _rows(areas, 1)[0]
    from tsunagu.core.dates import parse_wareki

    elsewhere = PersonFactory(family_name_kana="サトウ", given_name_kana="タロウ",
                              date_of_birth=parse_wareki(row[_column("生年月日")]))  # fmt: skip
    CaseFactory(person=elsewhere, office=other_hub_office)
    check = services.preview(actor=supervisor, upload=_upload(supervisor, _csv([row])))
    assert len(check.errors) == 1 and other_hub_office.name in check.errors[0].message
    assert elsewhere.family_name not in check.errors[0].message


def test_the_sample_ledger_of_200_people_imports_in_one_go(supervisor, areas):
    run = services.import_upload(
        actor=supervisor, upload=_upload(supervisor, ledger_xlsx(200, areas=areas), "sample.xlsx")
    )
    assert run.created_count == 200


def test_only_supervisors_and_administrators_may_import(consultation_worker, areas):
    with pytest.raises(PermissionDenied):
        _upload(consultation_worker, _csv(_rows(areas)))


def test_the_import_tells_its_progress_after_each_chunk(supervisor, areas):
    told = []
    upload = _upload(supervisor, ledger_csv(12, areas=areas))
    services.import_upload(
        actor=supervisor, upload=upload, progress=lambda done, total: told.append((done, total))
    )
    assert told == [(12, 12)]
