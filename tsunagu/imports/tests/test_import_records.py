"""Importing notes, plans, placements and attendance of people on record: a CP932 CSV and an .xlsx with
mistakes name each by row and column and save nothing; the corrected file imports through the cases and
programs services; a second import of the same file changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tsunagu.cases.models import Note, Plan, PlanStatus
from tsunagu.imports import services
from tsunagu.imports.models import ImportRun
from tsunagu.imports.tests.helpers import csv_bytes, preview_errors, xlsx_bytes
from tsunagu.programs.models import Attendance, Placement
from tsunagu.testing.factories import (
    CaseFactory,
    OrganisationFactory,
    PersonFactory,
    PlacementFactory,
    ProgramFactory,
    ProgramHostFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _day(days_ago: int) -> str:
    return (TODAY - dt.timedelta(days=days_ago)).isoformat()


def _upload(actor, kind: str, content: bytes, name: str):
    return services.upload_file(actor=actor, source_name="旧台帳", kind=kind, file_name=name, content=content)


@pytest.fixture
def people(supervisor):
    """Two people of the supervisor's office, and two namesakes born the same day."""
    office = dict(office=supervisor.office, worker=supervisor, received_by=supervisor,
                  intake_date=TODAY - dt.timedelta(days=60))  # fmt: skip
    sato = PersonFactory(
        family_name_kana="サトウ", given_name_kana="タロウ", date_of_birth=dt.date(1970, 5, 1)
    )
    suzuki = PersonFactory(
        family_name_kana="スズキ", given_name_kana="ハナコ", date_of_birth=dt.date(1985, 3, 3)
    )
    twins = [PersonFactory(family_name_kana="タナカ", given_name_kana="ケン", date_of_birth=dt.date(1990, 1, 1))
             for _ in range(2)]  # fmt: skip
    cases = {
        "sato": CaseFactory(person=sato, reference="2025-000101", **office),
        "suzuki": CaseFactory(person=suzuki, reference="2025-000102", **office),
    }
    for twin in twins:
        CaseFactory(person=twin, **office)
    CaseFactory(person=PersonFactory(family_name_kana="ヤマダ", given_name_kana="ジロウ",
                                     date_of_birth=dt.date(1960, 2, 2)))  # another office's  # fmt: skip
    return cases


NOTE_HEADERS = ["ケース番号", "フリガナ(姓)", "フリガナ(名)", "生年月日", "日付", "方法", "所要時間", "内容"]


def _note_rows() -> list[list]:
    return [
        ["", "サトウ", "タロウ", "昭和45年5月1日", _day(10), "電話", "15", "家計の相談（電話）"],
        ["2025-000102", "", "", "", _day(5), "来所", "30", "来所。就労の希望を聞いた"],
    ]


def test_notes_with_mistakes_name_each_by_row_and_column_and_save_nothing(supervisor, people):
    rows = [
        *_note_rows(),
        ["", "ヤマダ", "ジロウ", "1960-02-02", _day(3), "電話", "", "別の事務所の人"],
        ["", "タナカ", "ケン", "1990-01-01", _day(3), "電話", "", "同姓同名"],
        ["2099-000001", "", "", "", _day(3), "電話", "", "番号違い"],
        ["2025-000101", "", "", "", "令和5年13月1日", "伝書鳩", "", ""],
        ["2025-000101", "", "", "", _day(90), "電話", "", "受付前"],
    ]
    upload = _upload(supervisor, "notes", csv_bytes(NOTE_HEADERS, rows), "経過記録.csv")
    assert upload.encoding == "cp932"
    errors = preview_errors(supervisor, upload)
    assert (
        errors[(4, "フリガナ(姓)")] == "No one of your office on record has this reading and date of birth."
    )
    assert errors[(5, "フリガナ(姓)")].startswith("Several people on record")
    assert errors[(6, "ケース番号")] == "No case with this number in your office."
    assert errors[(7, "日付")] == "That date does not exist."
    assert errors[(7, "方法")] == "Unknown method “伝書鳩”."
    assert errors[(7, "内容")] == "Required."
    assert errors[(8, "日付")] == "A note cannot be dated before intake."
    assert len(errors) == 7
    with pytest.raises(ValidationError):
        services.import_upload(actor=supervisor, upload=upload)
    assert not Note.objects.exists() and not ImportRun.objects.exists()


def test_corrected_notes_import_once_and_a_second_import_changes_nothing(supervisor, people):
    content = xlsx_bytes(NOTE_HEADERS, _note_rows())
    run = services.import_upload(
        actor=supervisor, upload=_upload(supervisor, "notes", content, "経過記録.xlsx")
    )
    assert run.created_count == 2
    note = Note.objects.get(case=people["sato"])
    assert (note.method, note.minutes, note.content, note.worker) == (
        "phone",
        15,
        "家計の相談(電話)",
        supervisor,
    )
    assert timezone.localtime(note.occurred_at).date() == TODAY - dt.timedelta(days=10)
    again = _upload(supervisor, "notes", content, "経過記録.xlsx")
    check = services.preview(actor=supervisor, upload=again)
    assert check.ok and check.skipped == 2
    with pytest.raises(ValidationError, match="already on record"):
        services.import_upload(actor=supervisor, upload=again)
    assert Note.objects.count() == 2


PLAN_HEADERS = ["ケース番号", "計画期間開始", "計画期間終了", "長期目標", "短期目標", "同意日", "承認日"]


def _plan_rows() -> list[list]:
    return [
        ["2025-000101", _day(50), _day(-130), "一般就労", "生活リズムを整える", _day(45), _day(40)],
        ["2025-000101", _day(20), _day(-160), "一般就労", "週3日の就労体験", _day(15), ""],
        ["2025-000102", _day(30), _day(-150), "家計の安定", "家計簿をつける", "", ""],
    ]


def test_plans_with_mistakes_name_each_by_row_and_column_and_save_nothing(supervisor, people):
    rows = _plan_rows()
    rows[0][6] = ""  # the first plan of the case not approved, though a later one follows
    rows[2][5], rows[2][6] = "", _day(10)  # approved without the person's agreement
    rows.append(["2025-000102", _day(10), _day(20), "目標", "目標", "", ""])  # ends before it starts
    upload = _upload(supervisor, "plans", xlsx_bytes(PLAN_HEADERS, rows), "プラン.xlsx")
    errors = preview_errors(supervisor, upload)
    assert errors[(2, "承認日")] == "A later plan of this case follows: this one needs its approval date."
    assert errors[(4, "承認日")] == "An approved plan needs the date the person agreed."
    assert errors[(5, "計画期間終了")] == "The plan period cannot end before it starts."
    with pytest.raises(ValidationError):
        services.import_upload(actor=supervisor, upload=upload)
    assert not Plan.objects.exists()


def test_corrected_plans_import_through_the_plan_services_and_twice_change_nothing(supervisor, people):
    content = csv_bytes(PLAN_HEADERS, _plan_rows())
    run = services.import_upload(actor=supervisor, upload=_upload(supervisor, "plans", content, "プラン.csv"))
    assert run.created_count == 3
    first, second = Plan.objects.filter(case=people["sato"]).order_by("version")
    assert (first.status, first.approved_by, second.status, second.kind) == (
        PlanStatus.SUPERSEDED if second.status == PlanStatus.APPROVED else PlanStatus.APPROVED,
        supervisor, PlanStatus.DRAFT, "replan",
    )  # fmt: skip
    with pytest.raises(ValidationError, match="already on record"):
        services.import_upload(actor=supervisor, upload=_upload(supervisor, "plans", content, "プラン.csv"))
    assert Plan.objects.count() == 3


PLACEMENT_HEADERS = ["フリガナ(姓)", "フリガナ(名)", "生年月日", "プログラム", "実施先", "状況", "開始日"]


@pytest.fixture
def host(db):
    program = ProgramFactory(name="ボランティア体験プログラム")
    return ProgramHostFactory(program=program, organisation=OrganisationFactory(name="釧路まちの居場所"))


def _placement_rows() -> list[list]:
    return [
        [
            "サトウ",
            "タロウ",
            "1970-05-01",
            "ボランティア体験プログラム",
            "釧路まちの居場所",
            "参加",
            _day(30),
        ],
        ["スズキ", "ハナコ", "1985-03-03", "ボランティア 体験プログラム", "", "見学", _day(20)],
    ]


def test_placements_with_mistakes_name_each_by_row_and_column_and_save_nothing(supervisor, people, host):
    rows = [
        *_placement_rows(),
        ["サトウ", "タロウ", "1970-05-01", "宇宙旅行", "", "参加", _day(3)],
        ["サトウ", "タロウ", "1970-05-01", "ボランティア体験プログラム", "どこか", "参加", _day(3)],
        ["スズキ", "ハナコ", "1985-03-03", "ボランティア体験プログラム", "", "卒業", _day(3)],
        ["サトウ", "タロウ", "1970-05-01", "ボランティア体験プログラム", "", "体験", _day(3)],
    ]
    upload = _upload(supervisor, "placements", csv_bytes(PLACEMENT_HEADERS, rows), "利用.csv")
    errors = preview_errors(supervisor, upload)
    assert errors == {
        (4, "プログラム"): "Unknown program “宇宙旅行”: use a program of the catalog.",
        (5, "実施先"): "“どこか” does not host this program.",
        (6, "状況"): "Unknown status “卒業”: write 待機, 見学, 体験 or 参加.",
        (7, "プログラム"): "This person already has an open placement with this host.",
    }
    with pytest.raises(ValidationError):
        services.import_upload(actor=supervisor, upload=upload)
    assert not Placement.objects.exists()


def test_corrected_placements_import_and_twice_change_nothing(supervisor, people, host):
    content = xlsx_bytes(PLACEMENT_HEADERS, _placement_rows())
    run = services.import_upload(
        actor=supervisor, upload=_upload(supervisor, "placements", content, "利用.xlsx")
    )
    assert run.created_count == 2
    placement = Placement.objects.get(person=people["sato"].person)
    assert (placement.host, placement.status, placement.started_on, placement.case) == (
        host, "active", TODAY - dt.timedelta(days=30), people["sato"],
    )  # fmt: skip
    with pytest.raises(ValidationError, match="already on record"):
        services.import_upload(
            actor=supervisor, upload=_upload(supervisor, "placements", content, "利用.xlsx")
        )
    assert Placement.objects.count() == 2


ATTENDANCE_HEADERS = ["ケース番号", "プログラム", "実施日", "出欠", "時間"]


@pytest.fixture
def placed(supervisor, people, host):
    return PlacementFactory(person=people["sato"].person, case=people["sato"], host=host, worker=supervisor,
                            started_on=TODAY - dt.timedelta(days=30))  # fmt: skip


def _attendance_rows() -> list[list]:
    return [
        ["2025-000101", "ボランティア体験プログラム", _day(14), "出席", "2.5"],
        ["2025-000101", "ボランティア体験プログラム", _day(7), "欠席", ""],
    ]


def test_attendance_with_mistakes_names_each_by_row_and_column_and_saves_nothing(supervisor, placed):
    rows = [
        *_attendance_rows(),
        ["2025-000101", "ボランティア体験プログラム", _day(40), "出席", "2"],
        ["2025-000101", "ボランティア体験プログラム", _day(3), "休み", ""],
        ["2025-000101", "ボランティア体験プログラム", _day(2), "欠席", "3"],
        ["2025-000102", "ボランティア体験プログラム", _day(2), "出席", ""],
    ]
    upload = _upload(supervisor, "attendance", csv_bytes(ATTENDANCE_HEADERS, rows), "出欠.csv")
    errors = preview_errors(supervisor, upload)
    assert errors == {
        (4, "実施日"): "This person was not placed with this host on that date.",
        (5, "出欠"): "Unknown attendance “休み”: write 出席, 遅刻, 早退 or 欠席.",
        (6, "時間"): "An absent person has no hours.",
        (7, "実施日"): "This person was not placed with this host on that date.",
    }
    with pytest.raises(ValidationError):
        services.import_upload(actor=supervisor, upload=upload)
    assert not Attendance.objects.exists()


def test_corrected_attendance_imports_by_session_and_twice_changes_nothing(supervisor, placed):
    content = xlsx_bytes(ATTENDANCE_HEADERS, _attendance_rows())
    run = services.import_upload(
        actor=supervisor, upload=_upload(supervisor, "attendance", content, "出欠.xlsx")
    )
    assert run.created_count == 2
    recorded = {(a.session.date, a.status, a.hours) for a in Attendance.objects.filter(placement=placed)}
    assert recorded == {
        (TODAY - dt.timedelta(days=14), "present", 2.5),
        (TODAY - dt.timedelta(days=7), "absent", 0),
    }
    with pytest.raises(ValidationError, match="already on record"):
        services.import_upload(
            actor=supervisor, upload=_upload(supervisor, "attendance", content, "出欠.xlsx")
        )
    assert Attendance.objects.count() == 2


def test_a_record_import_tells_its_progress(supervisor, people):
    told = []
    upload = _upload(supervisor, "notes", xlsx_bytes(NOTE_HEADERS, _note_rows()), "経過記録.xlsx")
    services.import_upload(
        actor=supervisor, upload=upload, progress=lambda done, total: told.append((done, total))
    )
    assert told == [(2, 2)]
