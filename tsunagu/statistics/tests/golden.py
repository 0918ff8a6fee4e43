"""The golden test kit: a scenario file (golden/*.json) of people, their cases, plans, work outcomes,
evaluations and placements over months, loaded through the services as the workers would enter them, and
the figures expected of each period, worked out by hand (each expected figure is [number, "why"]).

A scenario's people:
    {"key": "A", "area": "中央", "office": "main" | "other",
     "case": {"intake": "2026-06-03", "screening": "continuing", "handover_target": "",
              "welfare": "receiving",
              "plans": [{"agreed": "…", "approved": "…", "decided": "…" | null, "employment_support": true}],
              "outcomes": [{"kind": "started_work" | "income_rise", "on": "…"}],
              "evaluations": [{"on": "…", "changes": ["motivation"]}],
              "placements": [{"program": "…", "on": "…"}]}}
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from tsunagu.cases import services as cases
from tsunagu.cases.models import ApprovalMethod, EvaluationOutcome
from tsunagu.jobs import services as jobs
from tsunagu.organisations.models import Area
from tsunagu.programs import services as programs
from tsunagu.programs.models import PlacementStatus
from tsunagu.statistics.indicators import Scope, fiscal_year_period, month_period
from tsunagu.testing.factories import ProgramFactory, ProgramHostFactory

GOLDEN = Path(__file__).parent / "golden"


def scenarios() -> list[Path]:
    return sorted(GOLDEN.glob("*.json"))


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _area(name: str, municipality: str) -> Area:
    return Area.objects.get_or_create(name=name, defaults={"municipality": municipality})[0]


def load(path: Path, *, teams: dict) -> dict:
    """Enter the scenario through the services (`teams`: office key → (worker, supervisor)); answer the
    scenario itself."""
    scenario = json.loads(path.read_text(encoding="utf-8"))
    areas = {name: _area(name, municipality) for name, municipality in scenario["areas"].items()}
    hosts = {}
    for name, contract in scenario.get("programs", {}).items():
        program = ProgramFactory(name=name, contract=contract, active_from=dt.date(2020, 4, 1))
        hosts[name] = ProgramHostFactory(program=program)
    for person in scenario["people"]:
        _enter(person, areas, hosts, *teams[person.get("office", "main")])
    return scenario


def _enter(person: dict, areas: dict, hosts: dict, worker, supervisor) -> None:
    story = person["case"]
    case = cases.register_intake(
        actor=worker,
        person_fields={
            "family_name": "黄金", "given_name": person["key"], "family_name_kana": "コガネ",
            "given_name_kana": "エー", "area": areas.get(person.get("area")),
        },
        case_fields={
            "intake_date": _day(story["intake"]), "route": "self",
            "screening_outcome": story.get("screening", "continuing"),
            "handover_target": story.get("handover_target", ""), "welfare_status": story.get("welfare", "unknown"),
        },
        concerns=["debt"],
    )  # fmt: skip
    # Everything of the case in the order of its dates, as the workers would have entered it.
    steps = [(_day(p["agreed"]), 0, "plan", p) for p in story.get("plans", [])]
    steps += [(_day(o["on"]), 1, "outcome", o) for o in story.get("outcomes", [])]
    steps += [(_day(e["on"]), 2, "evaluation", e) for e in story.get("evaluations", [])]
    steps += [(_day(p["on"]), 3, "placement", p) for p in story.get("placements", [])]
    for _on, _order, kind, step in sorted(steps, key=lambda s: (s[0], s[1])):
        if kind == "plan":
            _plan(case, step, worker, supervisor)
        elif kind == "outcome":
            fields = {"kind": step["kind"], "on": _day(step["on"])}
            if step["kind"] == "started_work":
                fields |= {"employer_name": "黄金商店", "employment_form": "part_time", "route": "own_search"}
            else:
                fields |= {"income_before": 50_000, "income_after": 80_000}
            jobs.record_work_outcome(actor=worker, case=case, fields=fields)
        elif kind == "evaluation":
            cases.record_evaluation(
                case=case, actor=worker, evaluated_on=_day(step["on"]), state_changes=step["changes"],
                summary="評価", outcome=EvaluationOutcome.CONTINUE,
            )  # fmt: skip
        else:
            programs.place_person(
                actor=worker, person=case.person, host=hosts[step["program"]],
                status=PlacementStatus.ACTIVE, on=_day(step["on"]), case=case,
            )  # fmt: skip


def _plan(case, step: dict, worker, supervisor) -> None:
    agreed = _day(step["agreed"])
    plan = cases.create_plan(
        case=case, actor=worker,
        fields={
            "period_start": agreed, "period_end": agreed + dt.timedelta(days=180), "long_term_goal": "自立",
            "short_term_goals": "生活を整える", "agreed_on": agreed,
            "employment_support": step.get("employment_support", False),
        },
    )  # fmt: skip
    cases.submit_plan(plan=plan, actor=worker)
    cases.approve_plans(
        plans=[plan], actor=supervisor, method=ApprovalMethod.SUPERVISOR, approved_on=_day(step["approved"])
    )
    if step.get("decided"):
        plan.refresh_from_db()
        cases.record_service_decision(plan=plan, actor=worker, decided_on=_day(step["decided"]))


def period_of(text: str):
    """ "2026-06" is a month; "fy2026" the fiscal year from April 2026."""
    if text.startswith("fy"):
        return fiscal_year_period(int(text[2:]))
    return month_period(dt.date.fromisoformat(f"{text}-01"))


def scope_of(expectation: dict, organisation_id: int, offices: dict) -> Scope:
    office = expectation.get("office")
    return Scope(
        organisation_id=organisation_id,
        office_id=offices[office].pk if office else None,
        reporter=expectation.get("reporter", ""),
    )
