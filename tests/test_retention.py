"""Retention (docs/retention.md): the people whose every case ended long enough ago are anonymised by the
steps each app registers (tsunagu/people/retention.py). The proof: the national figures of every month are
the same before and after, and no name, reading, contact or note of an anonymised person remains in any
table (their django-simple-history rows included), in the search or in a case's PDF; a dry run changes
nothing; the people still supported, recently closed, held by an open placement or DV-protected (their
own, longer period) are left whole."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.cases import services as cases
from tsunagu.cases.models import Case, ClosureReason, NoteMethod
from tsunagu.cases.retention import anonymise_due, due_for_anonymisation
from tsunagu.cases.selectors import CaseFilters, case_list
from tsunagu.people import services as people
from tsunagu.people.models import ConsentScope, Person
from tsunagu.programs.selectors import forget_overview_counts, overview
from tsunagu.statistics.indicators import Scope, fiscal_year_period, month_period, national_report
from tsunagu.statistics.tests.golden import GOLDEN, load, period_of, scope_of
from tsunagu.testing.factories import UserFactory
from tsunagu.testing.pdf import pdf_text

pytestmark = pytest.mark.django_db

# The day the job runs: five years and a month after the summer of 2026.
RUN_ON = dt.date(2031, 10, 1)
SCENARIO = GOLDEN / "kushiro_summer_2026.json"

# Each person of the golden scenario renamed, so that every one's name is their own; the ones anonymised
# on RUN_ON first. A: closed 2026-08-31. C: information only, E: handed over (both ended at intake).
# B: closed 2026-11-30 (recent). D: handed over but DV-protected (10 years). F: closed, still placed.
# G: still in support.
NAMES = {
    "A": ("消去山", "一郎", "ショウキョヤマ", "イチロウ"),
    "C": ("消去川", "二郎", "ショウキョガワ", "ジロウ"),
    "E": ("消去谷", "三郎", "ショウキョダニ", "サブロウ"),
    "B": ("保持原", "四郎", "ホジハラ", "シロウ"),
    "D": ("保持田", "五郎", "ホジタ", "ゴロウ"),
    "F": ("保持沢", "六郎", "ホジサワ", "ロクロウ"),
    "G": ("保持森", "七郎", "ホジモリ", "シチロウ"),
}
ANONYMISED = ("A", "C", "E")
KEPT = ("B", "D", "F", "G")


@pytest.fixture
def teams(consultation_worker, supervisor, other_hub_office):
    return {
        "main": (consultation_worker, supervisor),
        "other": (
            UserFactory(office=other_hub_office, roles=["consultation_worker"]),
            UserFactory(office=other_hub_office, roles=["supervisor"]),
        ),
    }


def _texts(key: str) -> list[str]:
    """Every piece of the person's text the fixture wrote: names, readings, phone, notes."""
    family, given, family_kana, given_kana = NAMES[key]
    return [family, given, family_kana, given_kana, f"090-7777-000{ord(key) - 64}", f"{family}の記録"]


@pytest.fixture
def world(teams, hub_office, consultation_worker, supervisor):
    """The golden scenario, each person renamed and given notes, household, consent and a closure."""
    scenario = load(SCENARIO, teams=teams)
    by_key = {}
    for case in Case.objects.select_related("person").order_by("pk"):
        key = case.person.given_name  # the golden loader names each person after their key
        by_key[key] = case
    for key, case in by_key.items():
        worker, boss = teams["main"] if case.office_id == hub_office.pk else teams["other"]
        family, given, family_kana, given_kana = NAMES[key]
        person = case.person
        edit = {"family_name": family, "given_name": given, "family_name_kana": family_kana,
                "given_name_kana": given_kana, "mobile_phone": _texts(key)[4], "address": f"{family}町1-1"}  # fmt: skip
        person = people.update_person(person=person, actor=worker, edit_version=person.edit_version, **edit)
        note = _texts(key)[5]
        people.add_household_member(
            person=person, actor=worker, name=f"{family} 花子", relation="妻", note=note
        )
        people.record_consent(
            person=person, actor=worker, scope=ConsentScope.SHARE_CITY, signed_on=case.intake_date, note=note
        )
        case.refresh_from_db()
        cases.add_note(
            case=case, actor=worker, method=NoteMethod.PHONE, minutes=10, content=note,
            occurred_at=timezone.make_aware(dt.datetime.combine(case.intake_date, dt.time(10))),
            after_closure=not case.is_open,
        )  # fmt: skip
        closed_on = {"A": dt.date(2026, 8, 31), "B": dt.date(2026, 11, 30), "F": dt.date(2026, 9, 30)}
        if key in closed_on:
            closure = cases.request_closure(
                case=case,
                actor=worker,
                closed_on=closed_on[key],
                reason=ClosureReason.GOAL_ACHIEVED,
                detail=note,
            )
            cases.decide_closure(closure=closure, actor=boss, approve=True, comment=note)
    Person.objects.filter(pk=by_key["D"].person_id).update(is_dv_protected=True)
    return {"scenario": scenario, "cases": by_key}


def _figures(scenario, hub_office, other_office) -> list:
    """The national report of every month of 2026-06 … 2026-12 and of the fiscal year, for the whole hub,
    each office and each reporting body the scenario names; the 全体概況 as of each month's end."""
    offices = {"main": hub_office, "other": other_office}
    scopes = [scope_of(e, hub_office.organisation_id, offices) for e in scenario["expected"]]
    scopes += [Scope(organisation_id=hub_office.organisation_id)]
    periods = [month_period(dt.date(2026, month, 1)) for month in range(6, 13)] + [fiscal_year_period(2026)]
    periods += [period_of(e["period"]) for e in scenario["expected"]]
    with translation.override("en"):
        national = [
            (period.label, scope, national_report(period, scope)) for period in periods for scope in scopes
        ]
        national = [(label, scope, report.figures, report.lines) for label, scope, report in national]
        overviews = []
        for month in range(6, 13):
            forget_overview_counts()  # counted afresh, not read from the cache of the run before
            overviews.append(overview(on=dt.date(2026, month, 28)))
    return [national, overviews]


def _apply(administrator):
    with override_settings(TSUNAGU_RETENTION_YEARS=5, TSUNAGU_RETENTION_DV_YEARS=10):
        return anonymise_due(actor=administrator, today=RUN_ON, dry_run=False)


def _text_columns() -> list[tuple[type[models.Model], models.Field]]:
    """Every text and JSON column of every model, the historical models of django-simple-history included."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField, models.JSONField))
    ]


def _where_found(text: str) -> list[str]:
    found = []
    for model, field in _text_columns():
        if isinstance(field, models.JSONField):
            values = model._default_manager.values_list(field.attname, flat=True)
            if any(text in json.dumps(value, ensure_ascii=False) for value in values):
                found.append(f"{model._meta.label}.{field.name}")
        elif model._default_manager.filter(**{f"{field.attname}__contains": text}).exists():
            found.append(f"{model._meta.label}.{field.name}")
    return found


def test_the_national_figures_and_the_overview_of_every_month_are_the_same_before_and_after_anonymisation(
    world, administrator, hub_office, other_hub_office
):
    before = _figures(world["scenario"], hub_office, other_hub_office)
    report = _apply(administrator)
    assert report.people == len(ANONYMISED)
    assert _figures(world["scenario"], hub_office, other_hub_office) == before


def test_no_name_reading_contact_or_note_of_an_anonymised_person_remains_in_any_table_or_its_history(
    world, administrator
):
    for key in ANONYMISED:
        assert all(_where_found(text) for text in _texts(key)), "the fixture wrote each text somewhere"
    _apply(administrator)
    left = {text: _where_found(text) for key in ANONYMISED for text in _texts(key)}
    assert {text: where for text, where in left.items() if where} == {}


def test_the_people_not_due_keep_every_word_of_their_record(world, administrator):
    _apply(administrator)
    for key in KEPT:
        person = world["cases"][key].person
        person.refresh_from_db()
        assert (person.family_name, person.anonymised_on) == (NAMES[key][0], None)
        assert "cases.Note.content" in _where_found(_texts(key)[5])


def test_an_anonymised_person_is_shown_as_anonymised_and_is_no_longer_found_by_name_or_reading(
    world, administrator, consultation_worker
):
    _apply(administrator)
    person = world["cases"]["A"].person
    person.refresh_from_db()
    with translation.override("en"):  # 「匿名化済み」 in Japanese
        assert person.full_name == "Anonymised"
    for query in ("消去山", "ショウキョヤマ", "しょうきょやま", "イチロウ", "090-7777-0001"):
        assert not case_list(consultation_worker, CaseFilters(query=query)).filter(person=person).exists()
    # The kept people are still found.
    assert case_list(consultation_worker, CaseFilters(query="ホジハラ")).exists()


def test_an_anonymised_cases_support_record_pdf_holds_no_name_or_note(world, administrator, client_as):
    case = world["cases"]["A"]
    worker = case.worker
    _apply(administrator)
    response = client_as(worker).get(reverse("cases:support_record_pdf", args=[case.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert [piece for piece in _texts("A") if piece in text] == []


def test_a_dry_run_counts_what_it_would_blank_and_changes_nothing(world, administrator):
    names = sorted(Person.objects.values_list("family_name", flat=True))
    with override_settings(TSUNAGU_RETENTION_YEARS=5, TSUNAGU_RETENTION_DV_YEARS=10):
        report = anonymise_due(actor=administrator, today=RUN_ON, dry_run=True)
    assert report.people == 3 and report.counts["cases.Note"] == 3 and report.counts["people.Person"] == 3
    assert sorted(Person.objects.values_list("family_name", flat=True)) == names
    assert not Person.objects.filter(anonymised_on__isnull=False).exists()
    event = AuditEvent.objects.filter(action=AuditAction.ANONYMISE).get()
    assert event.detail["dry_run"] is True and sorted(event.detail["cases"]) == report.case_ids


def test_the_report_names_the_cases_never_the_people_and_a_second_run_finds_nothing(world, administrator):
    report = _apply(administrator)
    assert report.case_ids == sorted(world["cases"][key].pk for key in ANONYMISED)
    assert report.held == 1  # F, still placed
    detail = json.dumps(
        AuditEvent.objects.filter(action=AuditAction.ANONYMISE).get().detail, ensure_ascii=False
    )
    assert not any(piece in detail for key in ANONYMISED for piece in _texts(key))
    again = _apply(administrator)
    assert (again.people, again.case_ids, again.rows) == (0, [], 0)


def test_a_dv_protected_person_waits_for_their_own_longer_period(world, administrator):
    person_id = world["cases"]["D"].person_id
    with override_settings(TSUNAGU_RETENTION_YEARS=5, TSUNAGU_RETENTION_DV_YEARS=10):
        assert person_id not in due_for_anonymisation(RUN_ON).people
        assert person_id in due_for_anonymisation(dt.date(2036, 7, 1)).people


def test_a_contract_that_keeps_its_cases_longer_holds_them(world, administrator):
    from tsunagu.contracts.models import CaseAssignment, Contract

    case = world["cases"]["A"]
    contract = Contract.objects.create(
        funder="city", fiscal_year=2026, service="consultation", starts_on=dt.date(2026, 4, 1),
        ends_on=dt.date(2027, 3, 31), retention_years=7, created_by=administrator,
    )  # fmt: skip
    CaseAssignment.objects.create(
        contract=contract,
        case=case,
        from_on=case.intake_date,
        to_on=dt.date(2026, 8, 31),
        created_by=administrator,
    )
    with override_settings(TSUNAGU_RETENTION_YEARS=5, TSUNAGU_RETENTION_DV_YEARS=10):
        assert case.person_id not in due_for_anonymisation(RUN_ON).people
        assert case.person_id in due_for_anonymisation(dt.date(2033, 9, 1)).people


def test_only_an_administrator_runs_the_job(world, supervisor):
    with pytest.raises(PermissionDenied):
        anonymise_due(actor=supervisor, today=RUN_ON, dry_run=True)
