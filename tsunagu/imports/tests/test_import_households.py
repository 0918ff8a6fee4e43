"""Importing household members (世帯員) of people on record: a CP932 CSV and an .xlsx with mistakes name
each by row and column and save nothing; the corrected file imports through
people.services.add_household_members; a second import of the same file changes nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from tsunagu.audit.models import AuditEvent
from tsunagu.imports import sample, services
from tsunagu.imports.kinds import KINDS, fields_of
from tsunagu.imports.models import ImportRun
from tsunagu.imports.tests.helpers import csv_bytes, preview_errors, xlsx_bytes
from tsunagu.people.models import HouseholdMember
from tsunagu.testing.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
HEADERS = ["ケース番号", "フリガナ(姓)", "フリガナ(名)", "生年月日", "世帯員氏名", "世帯員フリガナ", "続柄",
           "世帯員生年月日", "年齢", "同居", "備考"]  # fmt: skip


def _csv(rows: list[list]) -> bytes:
    return csv_bytes(HEADERS, rows)


def _xlsx(rows: list[list]) -> bytes:
    return xlsx_bytes(HEADERS, rows)


FORMATS = {"csv": _csv, "xlsx": _xlsx}


def _upload(actor, content: bytes, name: str):
    return services.upload_file(actor=actor, source_name="世帯台帳", kind="households", file_name=name,
                                content=content)  # fmt: skip


def _age(born: dt.date) -> int:
    return TODAY.year - born.year - ((TODAY.month, TODAY.day) < (born.month, born.day))


@pytest.fixture
def people(supervisor):
    """Two people of the supervisor's office, and someone of another office."""
    office = dict(office=supervisor.office, worker=supervisor, received_by=supervisor,
                  intake_date=TODAY - dt.timedelta(days=60))  # fmt: skip
    sato = PersonFactory(
        family_name_kana="サトウ", given_name_kana="タロウ", date_of_birth=dt.date(1970, 5, 1)
    )
    suzuki = PersonFactory(
        family_name_kana="スズキ", given_name_kana="ハナコ", date_of_birth=dt.date(1985, 3, 3)
    )
    CaseFactory(person=sato, reference="2025-000101", **office)
    CaseFactory(person=suzuki, reference="2025-000102", **office)
    CaseFactory(person=PersonFactory(family_name_kana="ヤマダ", given_name_kana="ジロウ",
                                     date_of_birth=dt.date(1960, 2, 2)))  # another office's  # fmt: skip
    return {"sato": sato, "suzuki": suzuki}


def _rows() -> list[list]:
    return [
        ["2025-000101", "", "", "", "佐藤 花子", "サトウ ハナコ", "妻", "昭和47年4月1日", "", "同居", ""],
        ["", "サトウ", "タロウ", "昭和45年5月1日", "佐藤 一郎", "ｻﾄｳ ｲﾁﾛｳ", "長男", "H10.6.1", "", "別居",
         "札幌で就職"],
        ["2025-000102", "", "", "", "鈴木 美紀", "", "長女", "", "12", "", ""],
    ]  # fmt: skip


@pytest.mark.parametrize("kind", FORMATS)
def test_household_members_with_mistakes_name_each_by_row_and_column_and_save_nothing(
    supervisor, people, kind
):
    rows = [
        *_rows(),
        ["", "ヤマダ", "ジロウ", "昭和35年2月2日", "山田 春子", "", "妻", "", "", "", ""],
        ["2025-000101", "", "", "", "佐藤 次郎", "", "ペット", "", "", "", ""],
        ["2025-000101", "", "", "", "佐藤 三郎", "", "三男", "令和5年13月1日", "", "", ""],
        ["2025-000102", "", "", "", "", "", "", "", "", "", ""],
        ["2025-000101", "", "", "", "佐藤花子", "", "妻", "", "", "", ""],
        ["2025-000102", "", "", "", "鈴木 健", "", "夫", "", "", "たまに", ""],
    ]
    upload = _upload(supervisor, FORMATS[kind](rows), f"世帯員.{kind}")
    assert upload.encoding == ("cp932" if kind == "csv" else "xlsx")
    errors = preview_errors(supervisor, upload)
    assert errors == {
        (5, "フリガナ(姓)"): "No one of your office on record has this reading and date of birth.",
        (6, "続柄"): "Unknown relation “ペット”: write a 続柄 such as 妻, 長男, 母 or その他.",
        (7, "世帯員生年月日"): "That date does not exist.",
        (8, "世帯員氏名"): "Required.",
        (8, "続柄"): "Required.",
        (9, "世帯員氏名"): "The same record as row 2.",
        (10, "同居"): "Unknown “たまに”: write 同居 or 別居.",
    }
    with pytest.raises(ValidationError):
        services.import_upload(actor=supervisor, upload=upload)
    assert not HouseholdMember.objects.exists() and not ImportRun.objects.exists()


@pytest.mark.parametrize("kind", FORMATS)
def test_corrected_household_members_import_once_and_a_second_import_changes_nothing(
    supervisor, people, kind
):
    content = FORMATS[kind](_rows())
    run = services.import_upload(actor=supervisor, upload=_upload(supervisor, content, f"世帯員.{kind}"))
    assert run.created_count == 3 and run.kind == "households"
    wife, son = HouseholdMember.objects.filter(person=people["sato"]).order_by("id")
    assert (wife.name, wife.relation, wife.age, wife.note) == (
        "佐藤 花子", "妻", _age(dt.date(1972, 4, 1)), "reading サトウ ハナコ / born 昭和47年4月1日",
    )  # fmt: skip
    assert (son.relation, son.age, son.note) == (
        "長男", _age(dt.date(1998, 6, 1)), "札幌で就職 / lives apart / reading サトウ イチロウ / born 平成10年6月1日",
    )  # fmt: skip
    daughter = HouseholdMember.objects.get(person=people["suzuki"])
    assert (daughter.name, daughter.relation, daughter.age, daughter.note) == ("鈴木 美紀", "長女", 12, "")
    events = AuditEvent.objects.filter(object_type="people.person", detail__household="add")
    assert events.count() == 2  # one add_household_members a person

    again = _upload(supervisor, content, f"世帯員.{kind}")
    check = services.preview(actor=supervisor, upload=again)
    assert check.ok and check.skipped == 3
    with pytest.raises(ValidationError, match="already on record"):
        services.import_upload(actor=supervisor, upload=again)
    assert HouseholdMember.objects.count() == 3


def test_a_later_file_adds_only_the_members_not_yet_on_record(supervisor, people):
    services.import_upload(actor=supervisor, upload=_upload(supervisor, _csv(_rows()), "世帯員.csv"))
    later = [*_rows(), ["2025-000102", "", "", "", "鈴木 健", "スズキ ケン", "夫", "", "45", "", ""]]
    run = services.import_upload(actor=supervisor, upload=_upload(supervisor, _csv(later), "世帯員2.csv"))
    assert (run.created_count, run.skipped) == (1, 3)
    assert HouseholdMember.objects.filter(person=people["suzuki"]).count() == 2


@pytest.mark.parametrize("kind", KINDS)
def test_each_kinds_template_maps_itself_and_lists_its_headers_in_japanese_and_english(supervisor, kind):
    content = sample.template_xlsx(kind)
    upload = services.upload_file(actor=supervisor, source_name="テンプレート", kind=kind,
                                  file_name="template.xlsx", content=content)  # fmt: skip
    assert sorted(upload.source.mapping.values()) == sorted(f.key for f in fields_of(kind))
    names = load_workbook(io.BytesIO(content)).worksheets[1]
    rows = list(names.iter_rows(values_only=True))
    assert rows[0][:2] == ("項目", "field") and len(rows) == len(fields_of(kind)) + 1


@pytest.mark.parametrize(("kind", "made"), [("households", 10), ("notes", 15)])
def test_the_sample_record_ledgers_import_after_the_sample_workbook(supervisor, areas, kind, made):
    from tsunagu.imports.sample import ledger_xlsx

    people = services.upload_file(actor=supervisor, source_name="旧Excel台帳", kind="people",
                                  file_name="sample.xlsx", content=ledger_xlsx(30, areas=areas))  # fmt: skip
    services.import_upload(actor=supervisor, upload=people)
    upload = services.upload_file(actor=supervisor, source_name="旧Excel台帳", kind=kind,
                                  file_name=f"sample-{kind}.xlsx", content=sample.records_xlsx(kind, 30))  # fmt: skip
    check = services.preview(actor=supervisor, upload=upload)
    assert check.ok, check.errors[:3]
    assert services.import_upload(actor=supervisor, upload=upload).created_count == made


def test_the_preview_page_names_each_mistake_by_row_and_column_in_japanese(client_as, supervisor, people):
    from django.urls import reverse

    rows = [*_rows(), ["", "ヤマダ", "ジロウ", "昭和35年2月2日", "山田 春子", "", "妻", "", "", "", ""],
            ["2025-000102", "", "", "", "", "", "妻", "", "", "", ""]]  # fmt: skip
    upload = _upload(supervisor, _csv(rows), "世帯員.csv")
    page = client_as(supervisor).get(reverse("imports:preview", args=[upload.pk]), HTTP_ACCEPT_LANGUAGE="ja")
    html = page.content.decode()
    assert page.status_code == 200
    assert (
        "<td>5</td><td>フリガナ(姓)</td><td>このフリガナと生年月日の人は、あなたの事業所に登録されていません。</td>"
        in html
    )
    assert "<td>6</td><td>世帯員氏名</td><td>必須です。</td>" in html
