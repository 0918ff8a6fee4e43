"""The batched intake (register_intakes, which imports use) writes what the intake screen's service writes:
a person registered in a batch is indistinguishable from one registered by hand, in every table, history
and audit included. This is the guard against the batch drifting from register_intake."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from tsunagu.audit.models import AuditEvent
from tsunagu.audit.selectors import verify_chain
from tsunagu.cases.models import Case, CaseConcern, Concern, Route, ScreeningOutcome
from tsunagu.cases.services import IntakeRow, IntakeRowRefused, register_intake, register_intakes
from tsunagu.people.models import Consent, HouseholdMember, Person
from tsunagu.people.services import add_household_members
from tsunagu.testing.factories import AreaFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
# Differ from one row to the next whoever wrote them: keys, times, and the case number (its id).
VOLATILE = {"id", "history_id", "created_at", "updated_at", "history_date", "occurred_at", "chain_hash",
            "recorded_at", "object", "person", "case", "history", "history_relation", "reference"}  # fmt: skip


def _intake(area, **case_fields) -> IntakeRow:
    return IntakeRow(
        person_fields={"family_name": "釧路", "given_name": "花子", "family_name_kana": "クシロ",
                       "given_name_kana": "ハナコ", "date_of_birth": dt.date(1980, 4, 1), "sex": "female",
                       "area": area, "phone": "0154-22-1234", "mobile_phone": "090-1111-2222"},
        case_fields={"intake_date": TODAY - dt.timedelta(days=3), "route": Route.HELLO_WORK,
                     "wishes": "仕事を見つけたい", **case_fields},
        concerns=[Concern.INCOME, Concern.DEBT],
        most_pressing=Concern.DEBT,
        household=[{"name": "釧路 太郎", "relation": "夫", "age": 45}, {"name": "釧路 一郎", "relation": "長男",
                                                                   "age": 12}],
    )  # fmt: skip


def _by_hand(actor, row: IntakeRow) -> Case:
    case = register_intake(
        actor=actor, person_fields=row.person_fields, case_fields=row.case_fields, concerns=row.concerns,
        most_pressing=row.most_pressing,
    )  # fmt: skip
    add_household_members(person=case.person, actor=actor, members=row.household)
    return case


def _counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def _written(action) -> tuple[Case, dict[str, int]]:
    before = _counts()
    case = action()
    after = _counts()
    return case, {label: after[label] - before[label] for label in after if after[label] != before[label]}


def _values(queryset) -> list[dict]:
    return [
        {k: v for k, v in row.items() if k.removesuffix("_id") not in VOLATILE} for row in queryset.values()
    ]


def _rows_of(case: Case) -> dict[str, list[dict]]:
    person = case.person
    events = AuditEvent.objects.filter(
        object_id__in=[str(person.pk), str(case.pk), *[str(c.pk) for c in person.consents.all()]],
        object_type__in=["people.person", "cases.case", "people.consent"],
    ).order_by("id")
    return {
        "person": _values(Person.objects.filter(pk=person.pk)),
        "person history": _values(Person.history.filter(id=person.pk).order_by("history_id")),
        "case": _values(Case.objects.filter(pk=case.pk)),
        "case history": _values(Case.history.filter(id=case.pk).order_by("history_id")),
        "concerns": _values(CaseConcern.objects.filter(case=case).order_by("concern")),
        "consents": _values(Consent.objects.filter(person=person)),
        "household": _values(HouseholdMember.objects.filter(person=person).order_by("name")),
        "audit": _values(events),
    }


@pytest.mark.parametrize(
    "case_fields",
    [{}, {"application_signed_on": TODAY - dt.timedelta(days=2)},
     {"screening_outcome": ScreeningOutcome.INFORMATION_ONLY}],
    ids=["plain", "application signed", "information only"],
)  # fmt: skip
def test_a_person_registered_in_a_batch_is_indistinguishable_from_one_registered_by_hand(
    consultation_worker, case_fields
):
    row = _intake(AreaFactory(name="鳥取"), **case_fields)
    by_hand, written_by_hand = _written(lambda: _by_hand(consultation_worker, row))
    in_batch, written_in_batch = _written(
        lambda: Case.objects.get(pk=register_intakes(actor=consultation_worker, rows=[row])[0][1])
    )
    assert written_in_batch == written_by_hand  # the same tables, the same number of rows in each
    hand, batch = _rows_of(by_hand), _rows_of(in_batch)
    for table in hand:
        assert batch[table] == hand[table], table
    assert in_batch.reference == f"{in_batch.intake_date.year}-{in_batch.pk:06d}"
    assert Case.history.filter(id=in_batch.pk).first().reference == in_batch.reference
    assert hand["person history"][0]["history_user_id"] == consultation_worker.pk
    assert verify_chain().intact


def test_a_batch_writes_in_chunks_and_tells_its_progress(consultation_worker):
    area = AreaFactory(name="鳥取")
    rows = []
    for n in range(7):
        row = _intake(area)
        rows.append(
            IntakeRow(
                **{**row.__dict__, "person_fields": {**row.person_fields, "given_name_kana": "ア" * (n + 1)}}
            )
        )
    told = []
    cases = register_intakes(
        actor=consultation_worker, rows=rows, chunk=3, progress=lambda d, t: told.append((d, t))
    )
    assert told == [(3, 7), (6, 7), (7, 7)]
    assert (
        Person.objects.count() == 7
        and len(set(Case.objects.filter(pk__in=[c for _p, c in cases]).values_list("reference", flat=True)))
        == 7
    )
    assert HouseholdMember.objects.count() == 14
    assert verify_chain().intact


def test_a_row_refused_by_an_intake_rule_is_named_and_nothing_is_saved(consultation_worker):
    area = AreaFactory(name="鳥取")
    good, bad = _intake(area), _intake(area, intake_date=dt.date(1970, 1, 1))
    with translation.override("en"), pytest.raises(IntakeRowRefused) as refused:
        register_intakes(actor=consultation_worker, rows=[good, bad])
    assert refused.value.index == 1
    assert "before the date of birth" in " ".join(refused.value.messages)
    assert not Person.objects.exists() and not AuditEvent.objects.filter(object_type="people.person").exists()


def test_only_casework_staff_register_intakes(administrator):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        register_intakes(actor=administrator, rows=[])


def test_a_future_intake_date_is_refused_as_on_the_intake_screen(consultation_worker):
    row = _intake(AreaFactory(name="鳥取"), intake_date=TODAY + dt.timedelta(days=1))
    with translation.override("en"), pytest.raises(ValidationError, match="cannot be in the future"):
        register_intakes(actor=consultation_worker, rows=[row])
