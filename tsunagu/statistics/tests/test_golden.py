"""The golden kit: each scenario of golden/ entered through the services, and every figure it expects
(worked out by hand beside it) read back from the national report, on SQLite and on PostgreSQL alike."""

from decimal import Decimal

import pytest

from tsunagu.statistics.indicators import national_report
from tsunagu.statistics.tests.golden import load, period_of, scenarios, scope_of
from tsunagu.testing.factories import UserFactory


@pytest.fixture
def teams(consultation_worker, supervisor, other_hub_office):
    """Each office's worker and supervisor (a supervisor approves the plans of their own office)."""
    return {
        "main": (consultation_worker, supervisor),
        "other": (
            UserFactory(office=other_hub_office, roles=["consultation_worker"]),
            UserFactory(office=other_hub_office, roles=["supervisor"]),
        ),
    }


def _check(report, expectation) -> list[str]:
    wrong = []
    lines = {line.key: line for line in report.lines}
    for name, (number, why) in expectation.get("figures", {}).items():
        got = (
            report.figures.state_changes[name.removeprefix("item_")]
            if name.startswith("item_")
            else getattr(report.figures, name)
        )
        if got != number:
            wrong.append(f"{name}: {got}, expected {number} ({why})")
    for name, (number, why) in expectation.get("programs", {}).items():
        got = dict(report.figures.pa_programs).get(name)
        if got != number:
            wrong.append(f"program {name}: {got}, expected {number} ({why})")
    for group, attribute in (("per_100k", "per_100k"), ("ratio", "ratio"), ("rates", "rate")):
        for name, (value, why) in expectation.get(group, {}).items():  # null: no figure (no population)
            got = getattr(lines[name], attribute)
            if got != (None if value is None else Decimal(value)):
                wrong.append(f"{group} {name}: {got}, expected {value} ({why})")
    return wrong


@pytest.mark.parametrize("path", scenarios(), ids=lambda path: path.stem)
def test_each_golden_scenario_gives_the_figures_worked_out_by_hand(path, teams, hub_office):
    scenario = load(path, teams=teams)
    offices = {"main": hub_office, "other": teams["other"][0].office}
    wrong = []
    for expectation in scenario["expected"]:
        report = national_report(
            period_of(expectation["period"]), scope_of(expectation, hub_office.organisation_id, offices)
        )
        wrong += [f"{expectation['period']} {expectation.get('reporter', '')} {expectation.get('office', '')}: {w}"
                  for w in _check(report, expectation)]  # fmt: skip
    assert wrong == []


def test_every_indicator_has_a_golden_scenario():
    import json

    from tsunagu.statistics.indicators import Figures

    covered: set[str] = set()
    for path in scenarios():
        for expectation in json.loads(path.read_text(encoding="utf-8"))["expected"]:
            covered |= set(expectation.get("figures", {})) | set(expectation.get("rates", {}))
            covered |= {"per_100k"} if expectation.get("per_100k") else set()
            covered |= {"pa_programs"} if expectation.get("programs") else set()
    indicators = {name for name in Figures.__dataclass_fields__ if name != "state_changes"}
    indicators |= {"work_rate", "step_up_rate", "per_100k"}
    assert indicators - covered == set()
