"""Every write of the contracts: keyword-only, authorised by contracts/rules.py, one transaction, one audit
event (ids only). A contract's period lies inside its fiscal year; an assignment lies inside its contract's
period, and a case (or a placement) is carried by at most one contract of a service on any day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.cases.models import Case
from tsunagu.cases.models import Contract as Service
from tsunagu.contracts.models import (
    FIRST_FISCAL_YEAR,
    CaseAssignment,
    Contract,
    Funder,
    Milestone,
    PlacementAssignment,
)
from tsunagu.core.contract import authorise, refuse_unknown_fields
from tsunagu.core.dates import fiscal_year_bounds, fiscal_year_of
from tsunagu.programs.models import Placement

CONTRACT_FIELDS = (
    "funder", "fiscal_year", "service", "title", "starts_on", "ends_on", "model_project", "deliverables",
    "retention_years",
)  # fmt: skip
ASSIGNMENT_FIELDS = ("contract", "from_on", "to_on")
MANAGE = "contracts.manage_contracts"
ASSIGN = "contracts.assign"
MAX_DELIVERABLES = 4000
YEARS_AHEAD = 1  # next year's contracts are signed in March


def _check_contract(fields: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    last_year = fiscal_year_of(timezone.localdate()) + YEARS_AHEAD
    year = fields.get("fiscal_year")
    if fields.get("funder") not in Funder.values:
        errors["funder"] = _("Choose who funds the contract.")
    if fields.get("service") not in Service.values:
        errors["service"] = _("Choose a service of the list.")
    if not isinstance(year, int) or not FIRST_FISCAL_YEAR <= year <= last_year:
        errors["fiscal_year"] = _("Give a fiscal year from %(first)s to %(last)s.") % {
            "first": FIRST_FISCAL_YEAR,
            "last": last_year,
        }
    starts_on, ends_on = fields.get("starts_on"), fields.get("ends_on")
    if not isinstance(starts_on, dt.date):
        errors["starts_on"] = _("Give the first day of the contract.")
    if not isinstance(ends_on, dt.date):
        errors["ends_on"] = _("Give the last day of the contract.")
    if "fiscal_year" not in errors and "starts_on" not in errors and "ends_on" not in errors:
        first, last = fiscal_year_bounds(year)
        if ends_on < starts_on:
            errors["ends_on"] = _("The end of the period is before its start.")
        elif starts_on < first or ends_on > last:
            errors["ends_on"] = _("The period must lie inside the fiscal year (%(first)s to %(last)s).") % {
                "first": first.isoformat(),
                "last": last.isoformat(),
            }
    if len(fields.get("title") or "") > 200:
        errors["title"] = _("Keep the name under 200 characters.")
    if len(fields.get("deliverables") or "") > MAX_DELIVERABLES:
        errors["deliverables"] = _("Keep the deliverables under 4,000 characters.")
    years = fields.get("retention_years")
    if years is not None and not (isinstance(years, int) and 1 <= years <= 100):
        errors["retention_years"] = _("Give the years to keep its cases as a number from 1 to 100.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_contract(*, actor: User, fields: dict[str, Any]) -> Contract:
    authorise(actor, MANAGE)
    refuse_unknown_fields(fields, CONTRACT_FIELDS, service="create_contract")
    values = {name: fields.get(name) for name in CONTRACT_FIELDS}
    values["title"] = (values["title"] or "").strip()
    values["deliverables"] = (values["deliverables"] or "").strip()
    values["model_project"] = bool(values["model_project"])
    _check_contract(values)
    contract = Contract.objects.create(**values, created_by=actor)
    record_event(actor=actor, action=AuditAction.CREATE, target=contract)
    return contract


@transaction.atomic
def edit_contract(*, actor: User, contract: Contract, fields: dict[str, Any]) -> Contract:
    authorise(actor, MANAGE, contract)
    refuse_unknown_fields(fields, CONTRACT_FIELDS, service="edit_contract")
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    values = {name: fields.get(name, getattr(contract, name)) for name in CONTRACT_FIELDS}
    values["title"] = (values["title"] or "").strip()
    values["deliverables"] = (values["deliverables"] or "").strip()
    values["model_project"] = bool(values["model_project"])
    _check_contract(values)
    outside = (
        Q(from_on__lt=values["starts_on"]) | Q(from_on__gt=values["ends_on"]) | Q(to_on__gt=values["ends_on"])
    )
    if (
        contract.case_assignments.filter(outside).exists()
        or contract.placement_assignments.filter(outside).exists()
    ):
        raise ValidationError(
            {"ends_on": _("Cases or placements are assigned outside this period: change them first.")}
        )
    changed = [name for name in CONTRACT_FIELDS if getattr(contract, name) != values[name]]
    for name in changed:
        setattr(contract, name, values[name])
    contract.save()
    record_event(actor=actor, action=AuditAction.UPDATE, target=contract, detail={"fields": changed})
    return contract


MILESTONE_FIELDS = ("on", "text")
MAX_MILESTONE = 300


def _check_milestone(on: Any, text: str) -> None:
    errors = {}
    first = fiscal_year_bounds(FIRST_FISCAL_YEAR)[0]
    if not isinstance(on, dt.date) or not first <= on <= timezone.localdate():
        errors["on"] = _("Give a date from %(first)s to today.") % {"first": first.isoformat()}
    if not text or len(text) > MAX_MILESTONE:
        errors["text"] = _("Say what happened in under 300 characters.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_milestone(*, actor: User, on: dt.date, text: str) -> Milestone:
    """An event of the 沿革 that is no contract (the council's founding)."""
    authorise(actor, MANAGE)
    text = (text or "").strip()
    _check_milestone(on, text)
    milestone = Milestone.objects.create(on=on, text=text, created_by=actor)
    record_event(actor=actor, action=AuditAction.CREATE, target=milestone)
    return milestone


@transaction.atomic
def edit_milestone(*, actor: User, milestone: Milestone, on: dt.date, text: str) -> Milestone:
    authorise(actor, MANAGE, milestone)
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    text = (text or "").strip()
    _check_milestone(on, text)
    changed = [name for name, value in (("on", on), ("text", text)) if getattr(milestone, name) != value]
    milestone.on, milestone.text = on, text
    milestone.save()
    record_event(actor=actor, action=AuditAction.UPDATE, target=milestone, detail={"fields": changed})
    return milestone


@transaction.atomic
def remove_milestone(*, actor: User, milestone: Milestone) -> None:
    """Take the event off the 沿革 (a second request finds it gone and does nothing)."""
    authorise(actor, MANAGE, milestone)
    row = Milestone.objects.select_for_update().filter(pk=milestone.pk).first()
    if row is None:
        return
    record_event(actor=actor, action=AuditAction.DELETE, target=row, detail={"on": row.on.isoformat()})
    row.delete()


def _check_dates(contract: Contract, from_on: Any, to_on: Any, *, earliest: dt.date | None) -> None:
    errors: dict[str, str] = {}
    if not isinstance(contract, Contract):
        raise ValidationError({"contract": _("Choose a contract.")})
    period = {"first": contract.starts_on.isoformat(), "last": contract.ends_on.isoformat()}
    if not isinstance(from_on, dt.date):
        errors["from_on"] = _("Give the first day.")
    elif not contract.starts_on <= from_on <= contract.ends_on:
        errors["from_on"] = _("Give a day inside the contract's period (%(first)s to %(last)s).") % period
    elif earliest is not None and from_on < earliest:
        errors["from_on"] = _("Give a day on or after %(day)s.") % {"day": earliest.isoformat()}
    if to_on is not None and not isinstance(to_on, dt.date):
        errors["to_on"] = _("Give the last day, or leave it empty.")
    elif to_on is not None and not contract.starts_on <= to_on <= contract.ends_on:
        errors["to_on"] = _("Give a day inside the contract's period (%(first)s to %(last)s).") % period
    elif to_on is not None and isinstance(from_on, dt.date) and to_on < from_on:
        errors["to_on"] = _("The end is before the start.")
    if errors:
        raise ValidationError(errors)


def _overlapping(contract: Contract, from_on: dt.date, to_on: dt.date | None) -> Q:
    """Assignments to another contract of the same service whose days meet [from_on, to_on]."""
    last = to_on or contract.ends_on
    return Q(contract__service=contract.service, from_on__lte=last) & (
        Q(to_on__gte=from_on) | Q(to_on__isnull=True, contract__ends_on__gte=from_on)
    )


@transaction.atomic
def assign_case(
    *, actor: User, case: Case, contract: Contract, from_on: dt.date, to_on: dt.date | None = None
) -> CaseAssignment:
    """The case is carried by the contract from a day (to a day, or to the contract's end)."""
    authorise(actor, ASSIGN, case)
    _check_dates(contract, from_on, to_on, earliest=case.intake_date)
    Case.objects.select_for_update().filter(pk=case.pk).first()  # one assignment of a case at a time
    if CaseAssignment.objects.filter(_overlapping(contract, from_on, to_on), case=case).exists():
        raise ValidationError(
            {"from_on": _("The case is already assigned to a contract of this service for these days.")}
        )
    assignment = CaseAssignment.objects.create(
        contract=contract, case=case, from_on=from_on, to_on=to_on, created_by=actor
    )
    record_event(
        actor=actor, action=AuditAction.CREATE, target=assignment,
        detail={"contract": contract.pk, "case": case.pk},
    )  # fmt: skip
    return assignment


@transaction.atomic
def assign_placement(
    *, actor: User, placement: Placement, contract: Contract, from_on: dt.date, to_on: dt.date | None = None
) -> PlacementAssignment:
    """The placement is carried by the contract from a day (to a day, or to the contract's end)."""
    authorise(actor, ASSIGN, placement.case)
    _check_dates(contract, from_on, to_on, earliest=None)
    Placement.objects.select_for_update().filter(pk=placement.pk).first()
    if PlacementAssignment.objects.filter(
        _overlapping(contract, from_on, to_on), placement=placement
    ).exists():
        raise ValidationError(
            {"from_on": _("The placement is already assigned to a contract of this service for these days.")}
        )
    assignment = PlacementAssignment.objects.create(
        contract=contract, placement=placement, from_on=from_on, to_on=to_on, created_by=actor
    )
    record_event(
        actor=actor, action=AuditAction.CREATE, target=assignment,
        detail={"contract": contract.pk, "placement": placement.pk},
    )  # fmt: skip
    return assignment


def _end_assignment(actor: User, assignment, model, to_on: Any, *, owner: str):
    """Set the last day of an assignment: inside the contract's period, not before its first day. Ending
    it earlier never makes it overlap another; ending it later (or again on the same day) is checked as
    the assignment itself was. The same day sent twice changes nothing and records one event."""
    assignment = model.objects.select_for_update().select_related("contract").get(pk=assignment.pk)
    contract = assignment.contract
    if not isinstance(to_on, dt.date):
        raise ValidationError({"to_on": _("Give the last day.")})
    _check_dates(contract, assignment.from_on, to_on, earliest=None)
    if assignment.to_on == to_on:
        return assignment
    others = model.objects.filter(
        _overlapping(contract, assignment.from_on, to_on), **{owner: getattr(assignment, owner)}
    ).exclude(pk=assignment.pk)
    if others.exists():
        raise ValidationError(
            {"to_on": _("Another contract of this service carries it on some of these days.")}
        )
    before = assignment.to_on
    assignment.to_on = to_on
    assignment.save(update_fields=["to_on"])
    record_event(
        actor=actor, action=AuditAction.UPDATE, target=assignment,
        detail={"contract": contract.pk, owner: getattr(assignment, f"{owner}_id"), "fields": ["to_on"],
                "was": before.isoformat() if before else None},
    )  # fmt: skip
    return assignment


@transaction.atomic
def end_case_assignment(*, actor: User, assignment: CaseAssignment, to_on: dt.date) -> CaseAssignment:
    """The case is carried by the contract until `to_on` (an end, counted in the contract's report)."""
    authorise(actor, ASSIGN, assignment.case)
    return _end_assignment(actor, assignment, CaseAssignment, to_on, owner="case")


@transaction.atomic
def end_placement_assignment(
    *, actor: User, assignment: PlacementAssignment, to_on: dt.date
) -> PlacementAssignment:
    """The placement is carried by the contract until `to_on`."""
    authorise(actor, ASSIGN, assignment.placement.case)
    return _end_assignment(actor, assignment, PlacementAssignment, to_on, owner="placement")
