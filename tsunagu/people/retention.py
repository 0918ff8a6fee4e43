"""Retention: the personal text of people whose cases closed long ago is blanked, each app blanking its own.

people sits below every app that keeps rows about a person, so it cannot name their models. As with the
merge (merging.py), each app registers in its AppConfig.ready():

- an anonymisation step, `step(people=…, cases=…)`: blanks the personal free text (names, readings,
  contacts, addresses, notes, narratives) of its rows belonging to those people or cases, and of the
  django-simple-history rows kept of them; it keeps the dates, codes, statuses, areas and counts that the
  national statistics and the overview count, so every figure stays the same. It returns counts per kind
  of record ("app_label.Model": rows), never names. `covers` names the models it blanks;
  tests/test_retention_covers_every_record.py fails when a model holding a person's text is covered by
  no step.
- a hold, `hold(people=…) -> set of ids`: the people whose record must stay whole for now (an open
  placement, a pending referral …), whatever the age of their cases.
- a retention rule, `years(cases=…) -> {case id: years}`: a longer period for some cases (a contract
  that keeps its records longer). The longest period that applies to a case wins.

The selection of the cases due and the service that runs the steps live in cases (cases/retention.py),
since a period runs from a case's closure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.db import models

AnonymiseStep = Callable[..., dict[str, int]]
"""Called as step(people=set of person ids, cases=set of case ids): blanks the app's rows, returns counts."""
HoldRule = Callable[..., set[int]]
"""Called as hold(people=set of person ids): returns those whose record must stay whole for now."""
YearsRule = Callable[..., dict[int, int]]
"""Called as years(cases=set of case ids): returns the years to keep some of them after their closure."""

_steps: dict[str, tuple[AnonymiseStep, tuple[str, ...]]] = {}
_holds: dict[str, HoldRule] = {}
_years: dict[str, YearsRule] = {}


def _key(function: Callable) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def register_anonymise_step(step: AnonymiseStep, *, covers: tuple[str, ...]) -> AnonymiseStep:
    """Add a step to every anonymisation. `covers` names the models it blanks, as "app_label.Model".
    Registering the same function again replaces it (ready() may run more than once in tests)."""
    if isinstance(covers, str):
        raise TypeError("covers is a tuple of model labels, not one string")
    _steps[_key(step)] = (step, covers)
    return step


def register_retention_hold(hold: HoldRule) -> HoldRule:
    _holds[_key(hold)] = hold
    return hold


def register_retention_years(rule: YearsRule) -> YearsRule:
    _years[_key(rule)] = rule
    return rule


def anonymise_steps() -> list[AnonymiseStep]:
    """The registered steps, in the order the apps were loaded (lower layers first)."""
    return [step for step, _covers in _steps.values()]


def models_covered() -> set[str]:
    return {label for _step, covers in _steps.values() for label in covers}


def people_held(people: set[int]) -> set[int]:
    """Of these people, those some app holds (an open placement, a pending referral …)."""
    held: set[int] = set()
    for hold in _holds.values():
        held |= hold(people=people) & people
    return held


def longer_retention(cases: set[int]) -> dict[int, int]:
    """The longest period some app asks for, per case (cases no rule names are left out)."""
    years: dict[int, int] = {}
    for rule in _years.values():
        for case_id, value in rule(cases=cases).items():
            years[case_id] = max(value, years.get(case_id, 0))
    return years


# ---------------------------------------------------------------- the one way of blanking


def personal_text_fields(model: type[models.Model], *, keep: Iterable[str] = ()) -> list[str]:
    """The model's free-text columns: character and text fields without choices (codes are kept),
    except the ones named in `keep` (references, codes without a choice list)."""
    kept = set(keep)
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField))
        and not field.choices
        and not field.primary_key
        and field.name not in kept
    ]


def blank_rows(
    model: type[models.Model],
    *,
    keep: Iterable[str] = (),
    also: dict[str, Any] | None = None,
    **lookup: Any,
) -> dict[str, int]:
    """Blank the free text of the rows of `model` matched by `lookup`, and of the django-simple-history
    rows kept of them (matched by the same lookup, so a record deleted since is blanked too). `also` sets
    other columns (a JSON list of free text emptied). Returns {"app_label.Model": rows, and
    "app_label.Model (history)": rows when the model keeps history}."""
    fields = personal_text_fields(model, keep=keep)
    values: dict[str, Any] = {name: "" for name in fields} | dict(also or {})
    counts = {model._meta.label: model._default_manager.filter(**lookup).update(**values) if values else 0}
    history = getattr(model, "history", None)
    historical = getattr(history, "model", None)
    if historical is not None and historical is not model:
        present = {field.name for field in historical._meta.concrete_fields}
        history_values = {name: value for name, value in values.items() if name in present}
        if "history_change_reason" in present:
            history_values["history_change_reason"] = None
        counts[f"{model._meta.label} (history)"] = historical._default_manager.filter(**lookup).update(
            **history_values
        )
    return counts


def add_counts(total: dict[str, int], more: dict[str, int]) -> dict[str, int]:
    for label, rows in more.items():
        total[label] = total.get(label, 0) + rows
    return total


# ---------------------------------------------------------------- people's own step


def _with_merged_duplicates(people: set[int]) -> set[int]:
    """The people and the duplicate records merged into them (which kept their names), however deep."""
    from tsunagu.people.models import Person

    found, frontier = set(people), set(people)
    while frontier:
        frontier = set(Person.objects.filter(merged_into__in=frontier).values_list("pk", flat=True)) - found
        found |= frontier
    return found


def anonymise_people_rows(*, people: set[int], cases: set[int], on: dt.date) -> dict[str, int]:
    """people's step: the person (names, readings, search keys, contacts, address) and the duplicates merged
    into them, their household's names and notes, consents' notes, the ladder's reasons. Kept: date of
    birth, sex, area, stage, DV flag (the statistics and the overview count by them)."""
    from tsunagu.people.models import Consent, HouseholdMember, Person, StageChange

    everyone = _with_merged_duplicates(people)
    counts: dict[str, int] = {}
    add_counts(counts, blank_rows(Person, also={"anonymised_on": on}, id__in=everyone))
    add_counts(counts, blank_rows(HouseholdMember, keep=("relation",), person__in=everyone))
    # The person named in another household's declaration: their name and note go, the relation stays.
    HouseholdMember.objects.filter(member_person__in=everyone).update(name="", note="")
    add_counts(counts, blank_rows(Consent, person__in=everyone))
    add_counts(counts, blank_rows(StageChange, person__in=everyone))
    return counts
