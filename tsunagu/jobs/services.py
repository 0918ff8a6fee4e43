"""Every write of work outcomes and job placement: keyword-only, authorised by jobs/rules.py, one
transaction, one audit event (ids only). A hire through the licence records the work outcome it leads to;
every start of work gets its retention checks at 1, 3 and 6 months."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.cases.models import Case
from tsunagu.core.contract import authorise, refuse_unknown_fields
from tsunagu.jobs.models import (
    RESULTS,
    RETENTION_MONTHS,
    EmploymentForm,
    EmploymentTerm,
    Funding,
    HelloWorkReferral,
    HelloWorkResult,
    Internship,
    Introduction,
    IntroductionStatus,
    JobOpening,
    JobSeeker,
    Licence,
    OutcomeKind,
    Qualification,
    QualificationResult,
    RetentionCheck,
    Route,
    WageKind,
    WorkOutcome,
    months_after,
)

OUTCOME_FIELDS = (
    "kind", "on", "employer", "employer_name", "employment_form", "hours_per_week", "wage_kind", "wage",
    "route", "income_before", "income_after", "note",
)  # fmt: skip
CHECK_FIELDS = ("checked_on", "still_working", "note")
LICENCE_FIELDS = ("number", "valid_from", "valid_until")
OPENING_FIELDS = (
    "employer", "contact", "occupation", "place", "area", "term", "wage_kind", "wage", "hours_per_week",
    "positions", "received_on", "valid_until", "conditions",
)  # fmt: skip
SEEKER_FIELDS = ("occupations", "area", "term", "max_hours_per_week", "wishes", "received_on", "valid_until")
# A step of an introduction: the interview or the result; a hire says when and how the person starts.
STEP_FIELDS = ("status", "on", "started_on", "employment_form", "hours_per_week", "wage_kind", "wage")
# The terms of a start of work that a Hello Work result or an internship's hire records.
HIRE_FIELDS = ("started_on", "employment_form", "hours_per_week", "wage_kind", "wage")
REFERRAL_FIELDS = ("office", "referred_on")
REFERRAL_PLAN_FIELDS = ("plan_on", "plan")
REFERRAL_RESULT_FIELDS = ("result", "result_on", "employer", "employer_name", *HIRE_FIELDS)
INTERNSHIP_FIELDS = ("host", "starts_on", "ends_on", "hours_per_week", "paid", "allowance", "terms")
INTERNSHIP_END_FIELDS = ("ended_on", "evaluation", "hired", *HIRE_FIELDS)
QUALIFICATION_FIELDS = ("course", "provider", "cost", "funding", "starts_on", "ends_on")
QUALIFICATION_RESULT_FIELDS = ("result", "result_on")

WORK_ON_CASE = "jobs.work_on_case"
MANAGE_OPENINGS = "jobs.manage_openings"
MANAGE_LICENCE = "jobs.manage_licence"

EARLIEST = dt.date(2000, 1, 1)
DAYS_AHEAD = 731
MAX_YEN = 10_000_000
MAX_HOURS = Decimal(80)


# ---------------------------------------------------------------- checks shared by the services


def _check_day(day: Any, field: str, *, future: bool = False, not_before: dt.date | None = None) -> None:
    """A date from 2000 (or the case's intake) to today (or two years ahead, for what is planned)."""
    if not isinstance(day, dt.date):
        raise ValidationError({field: _("Enter a date.")})
    latest = timezone.localdate() + dt.timedelta(days=DAYS_AHEAD if future else 0)
    if day > latest:
        raise ValidationError({field: _("Enter a date on or before %(day)s.") % {"day": latest.isoformat()}})
    if day < (not_before or EARLIEST):
        raise ValidationError(
            {field: _("Enter a date on or after %(day)s.") % {"day": (not_before or EARLIEST).isoformat()}}
        )


def _check_yen(value: Any, field: str, *, required: bool = True) -> None:
    if value is None and not required:
        return
    if not isinstance(value, int) or not 0 <= value <= MAX_YEN:
        raise ValidationError({field: _("Enter an amount from 0 to 10,000,000 yen.")})


def _check_hours(value: Any, field: str, *, required: bool = True) -> None:
    if value is None and not required:
        return
    if not isinstance(value, Decimal | int) or not 0 < value <= MAX_HOURS:
        raise ValidationError({field: _("Enter hours per week from 0.5 to 80.")})


def _check_choice(value: Any, choices, field: str) -> None:
    if value not in choices.values:
        raise ValidationError({field: _("Choose one of the options.")})


def _check_period(start: dt.date, end: Any, field: str = "valid_until") -> None:
    _check_day(end, field, future=True)
    if end < start:
        raise ValidationError({field: _("The end cannot come before the start.")})


# ---------------------------------------------------------------- work outcomes


def _validate_outcome(case: Case, values: dict[str, Any]) -> None:
    _check_choice(values.get("kind"), OutcomeKind, "kind")
    _check_day(values.get("on"), "on", not_before=case.intake_date)
    if values["kind"] == OutcomeKind.INCOME_RISE:
        _check_yen(values.get("income_before"), "income_before")
        _check_yen(values.get("income_after"), "income_after")
        if values["income_after"] <= values["income_before"]:
            raise ValidationError({"income_after": _("A rise in income is more than the income before.")})
        return
    if not values.get("employer") and not (values.get("employer_name") or "").strip():
        raise ValidationError({"employer": _("Choose the employer or write its name.")})
    _check_choice(values.get("employment_form"), EmploymentForm, "employment_form")
    _check_choice(values.get("route"), Route, "route")
    _check_hours(values.get("hours_per_week"), "hours_per_week", required=False)
    if values.get("wage") is not None:
        _check_yen(values.get("wage"), "wage")
        _check_choice(values.get("wage_kind"), WageKind, "wage_kind")


def _save_outcome(case: Case, actor: User, values: dict[str, Any], **extra) -> WorkOutcome:
    """The outcome, with its retention checks when it is a start of work."""
    if values["kind"] == OutcomeKind.INCOME_RISE:
        for name in ("employer", "employment_form", "hours_per_week", "wage_kind", "wage", "route"):
            values.pop(name, None)
        values.pop("employer_name", None)
    else:
        values.pop("income_before", None)
        values.pop("income_after", None)
    outcome = WorkOutcome(case=case, recorded_by=actor, **values, **extra)
    outcome.full_clean()
    outcome.save()
    if outcome.kind == OutcomeKind.STARTED_WORK:
        RetentionCheck.objects.bulk_create(
            RetentionCheck(outcome=outcome, months=months, due_on=months_after(outcome.on, months))
            for months in RETENTION_MONTHS
        )
    return outcome


@transaction.atomic
def record_work_outcome(*, actor: User, case: Case, fields: dict[str, Any]) -> WorkOutcome:
    """A start of work (就労開始) or a rise in income (増収) on the case, on its date."""
    authorise(actor, WORK_ON_CASE, case)
    refuse_unknown_fields(fields, OUTCOME_FIELDS, service="record_work_outcome")
    values = {name: fields.get(name) for name in OUTCOME_FIELDS if name in fields}
    for text in ("employer_name", "note", "employment_form", "route", "wage_kind"):
        values[text] = (values.get(text) or "").strip()
    _validate_outcome(case, values)
    outcome = _save_outcome(case, actor, values)
    record_event(action=AuditAction.CREATE, actor=actor, target=outcome, detail={"case": case.pk})
    return outcome


@transaction.atomic
def record_retention_check(*, actor: User, check: RetentionCheck, fields: dict[str, Any]) -> RetentionCheck:
    """Whether the person is still in the work they started, as found on the day of the check."""
    authorise(actor, WORK_ON_CASE, check.outcome.case)
    refuse_unknown_fields(fields, CHECK_FIELDS, service="record_retention_check")
    _check_day(fields.get("checked_on"), "checked_on", not_before=check.outcome.on)
    if fields.get("still_working") not in (True, False):
        raise ValidationError({"still_working": _("Say whether the person is still working there.")})
    check.checked_on = fields["checked_on"]
    check.still_working = fields["still_working"]
    check.note = (fields.get("note") or "").strip()
    check.checked_by = actor
    check.full_clean()
    check.save()
    record_event(action=AuditAction.UPDATE, actor=actor, target=check, detail={"outcome": check.outcome_id})
    return check


# ---------------------------------------------------------------- the licence and the openings


@transaction.atomic
def save_licence(*, actor: User, fields: dict[str, Any]) -> Licence:
    """Record the licence (a renewal is a new row: the period of each is kept)."""
    authorise(actor, MANAGE_LICENCE)
    refuse_unknown_fields(fields, LICENCE_FIELDS, service="save_licence")
    number = (fields.get("number") or "").strip()
    if not number:
        raise ValidationError({"number": _("Enter the licence number.")})
    _check_day(fields.get("valid_from"), "valid_from", future=True)
    _check_period(fields["valid_from"], fields.get("valid_until"))
    if Licence.objects.filter(number=number).exists():
        raise ValidationError({"number": _("This licence number is already recorded.")})
    licence = Licence.objects.create(
        number=number, valid_from=fields["valid_from"], valid_until=fields["valid_until"]
    )
    record_event(action=AuditAction.CREATE, actor=actor, target=licence)
    return licence


def _validate_opening(values: dict[str, Any]) -> None:
    if values.get("employer") is None:
        raise ValidationError({"employer": _("Choose the employer.")})
    contact = values.get("contact")
    if contact is not None and contact.organisation_id != values["employer"].pk:
        raise ValidationError({"contact": _("Choose a contact of this employer.")})
    for name in ("occupation", "place"):
        if not (values.get(name) or "").strip():
            raise ValidationError({name: _("This field is required.")})
    _check_choice(values.get("term"), EmploymentTerm, "term")
    _check_choice(values.get("wage_kind"), WageKind, "wage_kind")
    _check_yen(values.get("wage"), "wage")
    _check_hours(values.get("hours_per_week"), "hours_per_week")
    positions = values.get("positions")
    if not isinstance(positions, int) or not 1 <= positions <= 999:
        raise ValidationError({"positions": _("Enter a number of positions from 1 to 999.")})
    _check_day(values.get("received_on"), "received_on")
    _check_period(values["received_on"], values.get("valid_until"))


@transaction.atomic
def create_opening(*, actor: User, fields: dict[str, Any]) -> JobOpening:
    """An employer's opening (求人) received under the licence."""
    authorise(actor, MANAGE_OPENINGS)
    refuse_unknown_fields(fields, OPENING_FIELDS, service="create_opening")
    values = {name: fields.get(name) for name in OPENING_FIELDS}
    values["positions"] = values.get("positions") or 1
    values["conditions"] = (values.get("conditions") or "").strip()
    _validate_opening(values)
    opening = JobOpening(created_by=actor, **values)
    opening.full_clean()
    opening.save()
    record_event(action=AuditAction.CREATE, actor=actor, target=opening)
    return opening


# ---------------------------------------------------------------- seekers and introductions


@transaction.atomic
def register_seeker(*, actor: User, case: Case, fields: dict[str, Any]) -> JobSeeker:
    """Register the case's person as a job seeker (求職), with their wishes."""
    authorise(actor, WORK_ON_CASE, case)
    refuse_unknown_fields(fields, SEEKER_FIELDS, service="register_seeker")
    values = {name: fields.get(name) for name in SEEKER_FIELDS}
    values["occupations"] = (values.get("occupations") or "").strip()
    values["wishes"] = (values.get("wishes") or "").strip()
    if not values["occupations"]:
        raise ValidationError({"occupations": _("Enter at least one occupation wished.")})
    _check_choice(values.get("term"), EmploymentTerm, "term")
    _check_hours(values.get("max_hours_per_week"), "max_hours_per_week", required=False)
    _check_day(values.get("received_on"), "received_on", not_before=case.intake_date)
    _check_period(values["received_on"], values.get("valid_until"))
    seeker = JobSeeker(case=case, created_by=actor, **values)
    seeker.full_clean()
    seeker.save()
    record_event(action=AuditAction.CREATE, actor=actor, target=seeker, detail={"case": case.pk})
    return seeker


@transaction.atomic
def introduce(*, actor: User, seeker: JobSeeker, opening: JobOpening, introduced_on: dt.date) -> Introduction:
    """紹介: the seeker introduced to the opening, both valid on the day."""
    authorise(actor, WORK_ON_CASE, seeker)
    _check_day(introduced_on, "introduced_on", not_before=seeker.received_on)
    if not opening.received_on <= introduced_on <= opening.valid_until:
        raise ValidationError({"opening": _("The opening was not valid on that day.")})
    if introduced_on > seeker.valid_until:
        raise ValidationError({"introduced_on": _("The registration had expired on that day.")})
    if Introduction.objects.filter(opening=opening, seeker=seeker).exists():
        raise ValidationError({"opening": _("This person has already been introduced to this opening.")})
    introduction = Introduction.objects.create(
        opening=opening, seeker=seeker, introduced_on=introduced_on, worker=actor
    )
    record_event(
        action=AuditAction.CREATE, actor=actor, target=introduction,
        detail={"opening": opening.pk, "seeker": seeker.pk},
    )  # fmt: skip
    return introduction


def _hire_outcome(introduction: Introduction, actor: User, fields: dict[str, Any]) -> WorkOutcome:
    """The start of work a hire leads to: the opening's employer, hours and wage unless told otherwise."""
    opening, case = introduction.opening, introduction.seeker.case
    default_form = (
        EmploymentForm.REGULAR if opening.term == EmploymentTerm.REGULAR else EmploymentForm.PART_TIME
    )
    values = {
        "kind": OutcomeKind.STARTED_WORK,
        "on": fields.get("started_on"),
        "employer": opening.employer,
        "employer_name": "",
        "employment_form": fields.get("employment_form") or default_form,
        "hours_per_week": fields.get("hours_per_week") or opening.hours_per_week,
        "wage_kind": fields.get("wage_kind") or opening.wage_kind,
        "wage": fields.get("wage") if fields.get("wage") is not None else opening.wage,
        "route": Route.PLACEMENT,
        "note": "",
    }
    if not isinstance(values["on"], dt.date):
        raise ValidationError({"started_on": _("Enter the day the person starts work.")})
    if values["on"] < introduction.introduced_on:
        raise ValidationError({"started_on": _("The start cannot come before the introduction.")})
    _check_day(values["on"], "started_on", future=True, not_before=case.intake_date)
    _check_hire_terms(values)
    return _save_outcome(case, actor, values, introduction=introduction)


def _check_hire_terms(values: dict[str, Any]) -> None:
    """The terms of a hire (a hire may start on a day still to come: the offer comes first)."""
    _check_choice(values.get("employment_form"), EmploymentForm, "employment_form")
    _check_hours(values.get("hours_per_week"), "hours_per_week", required=False)
    _check_yen(values.get("wage"), "wage")
    _check_choice(values.get("wage_kind"), WageKind, "wage_kind")


@transaction.atomic
def record_introduction_step(
    *, actor: User, introduction: Introduction, fields: dict[str, Any]
) -> Introduction:
    """The interview (面接) or the result (採用 / 不採用 / 辞退); a hire records the start of work."""
    authorise(actor, WORK_ON_CASE, introduction)
    refuse_unknown_fields(fields, STEP_FIELDS, service="record_introduction_step")
    status, day = fields.get("status"), fields.get("on")
    if status not in (IntroductionStatus.INTERVIEWED, *RESULTS):
        raise ValidationError({"status": _("Choose the interview or a result.")})
    if introduction.has_result:
        raise ValidationError({"status": _("This introduction already has its result.")})
    _check_day(day, "on", not_before=introduction.introduced_on)
    introduction.status = status
    if status == IntroductionStatus.INTERVIEWED:
        introduction.interviewed_on = day
    else:
        introduction.result_on = day
    introduction.full_clean()
    introduction.save()
    detail: dict[str, Any] = {"status": status}
    if status == IntroductionStatus.HIRED:
        detail["outcome"] = _hire_outcome(introduction, actor, fields).pk
    record_event(action=AuditAction.UPDATE, actor=actor, target=introduction, detail=detail)
    return introduction


# ---------------------------------------------------------------- Hello Work joint support


def _start_by_route(
    case: Case, actor: User, fields: dict[str, Any], *, route: str, employer, employer_name: str = ""
) -> WorkOutcome:
    """The start of work a Hello Work result or an internship's hire records, by its route."""
    values = {
        "kind": OutcomeKind.STARTED_WORK,
        "on": fields.get("started_on"),
        "employer": employer,
        "employer_name": (employer_name or "").strip(),
        "employment_form": fields.get("employment_form") or "",
        "hours_per_week": fields.get("hours_per_week"),
        "wage_kind": fields.get("wage_kind") or "",
        "wage": fields.get("wage"),
        "route": route,
        "note": "",
    }
    if not isinstance(values["on"], dt.date):
        raise ValidationError({"started_on": _("Enter the day the person starts work.")})
    _check_day(values["on"], "started_on", future=True, not_before=case.intake_date)
    if not employer and not values["employer_name"]:
        raise ValidationError({"employer": _("Choose the employer or write its name.")})
    _check_choice(values["employment_form"], EmploymentForm, "employment_form")
    _check_hours(values["hours_per_week"], "hours_per_week", required=False)
    if values["wage"] is not None:
        _check_yen(values["wage"], "wage")
        _check_choice(values["wage_kind"], WageKind, "wage_kind")
    return _save_outcome(case, actor, values)


@transaction.atomic
def refer_to_hello_work(*, actor: User, case: Case, fields: dict[str, Any]) -> HelloWorkReferral:
    """Refer the case to the Hello Work joint team (生活保護受給者等就労自立促進事業)."""
    authorise(actor, WORK_ON_CASE, case)
    refuse_unknown_fields(fields, REFERRAL_FIELDS, service="refer_to_hello_work")
    if fields.get("office") is None:
        raise ValidationError({"office": _("Choose the Hello Work office.")})
    _check_day(fields.get("referred_on"), "referred_on", not_before=case.intake_date)
    referral = HelloWorkReferral.objects.create(
        case=case, office=fields["office"], referred_on=fields["referred_on"], created_by=actor
    )
    record_event(action=AuditAction.CREATE, actor=actor, target=referral, detail={"case": case.pk})
    return referral


@transaction.atomic
def record_hello_work_plan(
    *, actor: User, referral: HelloWorkReferral, fields: dict[str, Any]
) -> HelloWorkReferral:
    """The joint team's support plan: its date and content (a later plan replaces it)."""
    authorise(actor, WORK_ON_CASE, referral.case)
    refuse_unknown_fields(fields, REFERRAL_PLAN_FIELDS, service="record_hello_work_plan")
    _check_day(fields.get("plan_on"), "plan_on", not_before=referral.referred_on)
    plan = (fields.get("plan") or "").strip()
    if not plan:
        raise ValidationError({"plan": _("Write the content of the plan.")})
    referral.plan_on, referral.plan = fields["plan_on"], plan
    referral.save(update_fields=["plan_on", "plan"])
    record_event(action=AuditAction.UPDATE, actor=actor, target=referral, detail={"step": "plan"})
    return referral


@transaction.atomic
def record_hello_work_result(
    *, actor: User, referral: HelloWorkReferral, fields: dict[str, Any]
) -> HelloWorkReferral:
    """The joint support's result (就職 / 継続 / 中止); 就職 records the start of work by Hello Work."""
    authorise(actor, WORK_ON_CASE, referral.case)
    refuse_unknown_fields(fields, REFERRAL_RESULT_FIELDS, service="record_hello_work_result")
    if referral.result in (HelloWorkResult.EMPLOYED, HelloWorkResult.STOPPED):
        raise ValidationError({"result": _("This referral already has its result.")})
    _check_choice(fields.get("result"), HelloWorkResult, "result")
    _check_day(fields.get("result_on"), "result_on", not_before=referral.referred_on)
    referral.result, referral.result_on = fields["result"], fields["result_on"]
    if referral.result == HelloWorkResult.EMPLOYED:
        referral.outcome = _start_by_route(
            referral.case, actor, fields, route=Route.HELLO_WORK,
            employer=fields.get("employer"), employer_name=fields.get("employer_name") or "",
        )  # fmt: skip
    referral.save(update_fields=["result", "result_on", "outcome"])
    detail = {"result": referral.result, "outcome": referral.outcome_id}
    record_event(action=AuditAction.UPDATE, actor=actor, target=referral, detail=detail)
    return referral


# ---------------------------------------------------------------- internships


@transaction.atomic
def start_internship(*, actor: User, case: Case, fields: dict[str, Any]) -> Internship:
    """An internship at a host company: its period and terms (hours, paid or not, the allowance)."""
    authorise(actor, WORK_ON_CASE, case)
    refuse_unknown_fields(fields, INTERNSHIP_FIELDS, service="start_internship")
    values = {name: fields.get(name) for name in INTERNSHIP_FIELDS}
    if values["host"] is None:
        raise ValidationError({"host": _("Choose the host company.")})
    _check_day(values["starts_on"], "starts_on", future=True, not_before=case.intake_date)
    _check_period(values["starts_on"], values["ends_on"], "ends_on")
    _check_hours(values["hours_per_week"], "hours_per_week")
    values["paid"] = bool(values["paid"])
    if values["paid"]:
        _check_yen(values["allowance"], "allowance")
    else:
        values["allowance"] = None
    values["terms"] = (values["terms"] or "").strip()
    internship = Internship(case=case, created_by=actor, **values)
    internship.full_clean()
    internship.save()
    record_event(action=AuditAction.CREATE, actor=actor, target=internship, detail={"case": case.pk})
    return internship


@transaction.atomic
def end_internship(*, actor: User, internship: Internship, fields: dict[str, Any]) -> Internship:
    """The end: the person's evaluation and whether the host hired them (a hire records the start)."""
    authorise(actor, WORK_ON_CASE, internship.case)
    refuse_unknown_fields(fields, INTERNSHIP_END_FIELDS, service="end_internship")
    if internship.ended_on is not None:
        raise ValidationError({"ended_on": _("This internship has already ended.")})
    _check_day(fields.get("ended_on"), "ended_on", not_before=internship.starts_on)
    if fields.get("hired") not in (True, False):
        raise ValidationError({"hired": _("Say whether the host hired the person.")})
    internship.ended_on, internship.hired = fields["ended_on"], fields["hired"]
    internship.evaluation = (fields.get("evaluation") or "").strip()
    if internship.hired:
        internship.outcome = _start_by_route(
            internship.case, actor, fields, route=Route.INTERNSHIP, employer=internship.host
        )
    internship.save(update_fields=["ended_on", "hired", "evaluation", "outcome"])
    detail = {"hired": internship.hired, "outcome": internship.outcome_id}
    record_event(action=AuditAction.UPDATE, actor=actor, target=internship, detail=detail)
    return internship


# ---------------------------------------------------------------- qualifications


@transaction.atomic
def add_qualification(*, actor: User, case: Case, fields: dict[str, Any]) -> Qualification:
    """A qualification the person pursues: the course, provider, cost and its funding, and the dates."""
    authorise(actor, WORK_ON_CASE, case)
    refuse_unknown_fields(fields, QUALIFICATION_FIELDS, service="add_qualification")
    values = {name: fields.get(name) for name in QUALIFICATION_FIELDS}
    values["course"] = (values["course"] or "").strip()
    values["provider"] = (values["provider"] or "").strip()
    if not values["course"]:
        raise ValidationError({"course": _("Enter the qualification or course.")})
    _check_yen(values["cost"], "cost", required=False)
    _check_choice(values["funding"], Funding, "funding")
    _check_day(values["starts_on"], "starts_on", future=True, not_before=case.intake_date)
    if values["ends_on"] is not None:
        _check_period(values["starts_on"], values["ends_on"], "ends_on")
    qualification = Qualification(case=case, created_by=actor, **values)
    qualification.full_clean()
    qualification.save()
    record_event(action=AuditAction.CREATE, actor=actor, target=qualification, detail={"case": case.pk})
    return qualification


@transaction.atomic
def record_qualification_result(
    *, actor: User, qualification: Qualification, fields: dict[str, Any]
) -> Qualification:
    """The result: gained (取得), not gained or stopped, on its day."""
    authorise(actor, WORK_ON_CASE, qualification.case)
    refuse_unknown_fields(fields, QUALIFICATION_RESULT_FIELDS, service="record_qualification_result")
    if qualification.result:
        raise ValidationError({"result": _("This qualification already has its result.")})
    _check_choice(fields.get("result"), QualificationResult, "result")
    _check_day(fields.get("result_on"), "result_on", not_before=qualification.starts_on)
    qualification.result, qualification.result_on = fields["result"], fields["result_on"]
    qualification.save(update_fields=["result", "result_on"])
    record_event(
        action=AuditAction.UPDATE, actor=actor, target=qualification, detail={"result": qualification.result}
    )
    return qualification
