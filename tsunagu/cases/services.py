"""Every write to cases: keyword-only functions, one transaction each, one audit event each.

A case's status is never set by hand: refresh_status derives it from the records after each write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case as DbCase
from django.db.models import CharField, Max, Value, When
from django.db.models.expressions import DatabaseDefault
from django.db.models.functions import Cast, Concat, ExtractYear, LPad
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tsunagu.accounts.models import User
from tsunagu.accounts.roles import CASEWORK_ROLES
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event, record_events
from tsunagu.cases.handovers import run_handover_hooks
from tsunagu.cases.models import (
    ASSESSMENT_DOMAINS,
    OPEN_STATUSES,
    ApprovalMethod,
    Assessment,
    Case,
    CaseConcern,
    CaseStatus,
    Challenge,
    Closure,
    ClosureStatus,
    Concern,
    EmergencySupport,
    Evaluation,
    FamilyMember,
    GoalAchievement,
    GoalProgress,
    Monitoring,
    Note,
    NoteMethod,
    Plan,
    PlanKind,
    PlanStatus,
    PlanSupport,
    Route,
    ScreeningOutcome,
    StateChange,
    StatutoryService,
    TransferRequest,
    TransferStatus,
    WorkHistory,
    closure_kind,
)
from tsunagu.cases.selectors import intake_scope_people
from tsunagu.core.contract import authorise, refuse_unknown_fields
from tsunagu.core.dates import local_date

# EditConflict is re-exported: callers catch services.EditConflict.
from tsunagu.core.editing import EditConflict as EditConflict
from tsunagu.core.editing import claim_edit
from tsunagu.organisations.models import Area, OrganisationType
from tsunagu.people.models import Consent, ConsentScope, HouseholdMember, Person, Stage
from tsunagu.people.services import (
    HOUSEHOLD_MEMBER_FIELDS,
    WORK_ON_PERSON,
    build_person,
    change_stage,
    record_consent,
)

CASE_INTAKE_FIELDS = (
    "intake_date", "route", "referring_caseworker", "visitor_name", "visitor_relation", "wishes",
    "application_signed_on", "screening_outcome", "handover_target", "handover_detail", "contract",
    "welfare_status", "visitor_phone", "referring_department", "handover_organisation",
)  # fmt: skip


# ---------------------------------------------------------------- permissions
# Services check the permissions of cases/rules.py (authorise) too, so that no view can forget; views
# answer 404 before this for out-of-scope cases.


def _check_worker(candidate, office_id: int, field: str) -> None:
    """Cases go only to active casework staff of the case's office."""
    if (
        candidate.office_id != office_id
        or not candidate.is_active
        or not (candidate.role_codes & CASEWORK_ROLES)
    ):
        raise ValidationError(
            {field: _("%(name)s is not a worker of this office.") % {"name": candidate.display_name}}
        )


# ---------------------------------------------------------------- status


def derive_status(case: Case) -> tuple[str, dt.date | None]:
    """The status and closure date that follow from the case's records."""
    approved_closure = case.closures.filter(status=ClosureStatus.APPROVED).order_by("-decided_at").first()
    if approved_closure:
        return CaseStatus.CLOSED, approved_closure.closed_on
    if case.screening_outcome == ScreeningOutcome.INFORMATION_ONLY:
        return CaseStatus.INFORMATION_ONLY, case.intake_date
    if case.screening_outcome == ScreeningOutcome.HANDOVER:
        return CaseStatus.HANDED_OVER, case.intake_date
    if case.closures.filter(status=ClosureStatus.REQUESTED).exists():
        return CaseStatus.CLOSURE_PENDING, None
    if case.plans.filter(status=PlanStatus.APPROVED).exists():
        return CaseStatus.SUPPORT, None
    if case.plans.filter(status=PlanStatus.SUBMITTED).exists():
        return CaseStatus.PLANNING, None
    if case.assessments.exists():
        return CaseStatus.ASSESSMENT, None
    return CaseStatus.INTAKE, None


def refresh_status(case: Case) -> Case:
    status, closed_on = derive_status(case)
    # A case that has ended has no monitoring to come.
    next_monitoring_on = case.next_monitoring_on if status in OPEN_STATUSES else None
    if (case.status, case.closed_on, case.next_monitoring_on) != (status, closed_on, next_monitoring_on):
        case.status, case.closed_on, case.next_monitoring_on = status, closed_on, next_monitoring_on
        case.save(update_fields=["status", "closed_on", "next_monitoring_on", "updated_at"])
    return case


# ---------------------------------------------------------------- intake


def _validate_intake(fields: dict[str, Any], concerns: Sequence[str], most_pressing: str) -> None:
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    intake_date = fields.get("intake_date")
    if intake_date and intake_date > today:
        errors.setdefault("intake_date", []).append(_("The intake date cannot be in the future."))
    signed = fields.get("application_signed_on")
    if signed and intake_date and signed < intake_date:
        errors.setdefault("application_signed_on", []).append(
            _("The application cannot be signed before intake.")
        )
    if signed and signed > today:
        errors.setdefault("application_signed_on", []).append(_("The signing date cannot be in the future."))
    if not concerns:
        errors.setdefault("concerns", []).append(_("Mark at least one concern."))
    unknown = set(concerns) - set(Concern.values)
    if unknown:
        errors.setdefault("concerns", []).append(_("Unknown concern."))
    if most_pressing and most_pressing not in concerns:
        errors.setdefault("most_pressing", []).append(
            _("The most pressing concern must be one of those marked.")
        )
    if fields.get("screening_outcome") == ScreeningOutcome.HANDOVER and not fields.get("handover_target"):
        errors.setdefault("handover_target", []).append(_("Say where the person was handed over to."))
    if fields.get("visitor_name") and not fields.get("visitor_relation"):
        errors.setdefault("visitor_relation", []).append(_("Give the visitor's relation to the person."))
    department = fields.get("referring_department")
    if department is not None and department.organisation.type != OrganisationType.MUNICIPALITY:
        errors.setdefault("referring_department", []).append(_("Choose a department of the city."))
    if errors:
        raise ValidationError(errors)


def _assign_reference(case: Case) -> None:
    case.reference = f"{case.intake_date.year}-{case.pk:06d}"
    case.save(update_fields=["reference"])


@transaction.atomic
def register_intake(
    *,
    actor: User,
    person: Person | None = None,
    person_fields: dict[str, Any] | None = None,
    case_fields: dict[str, Any],
    concerns: Sequence[str],
    most_pressing: str = "",
    worker: User | None = None,
    handover_consent: bool = False,
) -> Case:
    """相談受付: a new case for an existing person, or for a new person built from person_fields
    (people.services.PERSON_FIELDS); case_fields are CASE_INTAKE_FIELDS.

    A person on record gets a new case only once every earlier case has ended: while one is open, the
    work goes on in that case. The signed application is recorded as the person's consent to the use of
    their information. A hand-over to an organisation of the directory (`handover_organisation`) is
    followed up as a referral by the apps that registered for it (handovers.py), in this transaction:
    `handover_consent` records the person's consent to share with that organisation, given at intake;
    without a basis to share, the intake is refused with the reason."""
    authorise(actor, "cases.open_case")
    refuse_unknown_fields(case_fields, CASE_INTAKE_FIELDS, service="register_intake")
    _validate_intake(case_fields, concerns, most_pressing)
    if worker is not None:
        _check_worker(worker, actor.office_id, "worker")
    if person is not None and person.merged_into_id:
        raise ValidationError({"person": _("This record was merged into another: open the case there.")})
    if person is not None and not intake_scope_people(actor).filter(pk=person.pk).exists():
        # A record of another office is taken on by a transfer (request_transfer), never by an intake.
        raise ValidationError({"person": _("This record is not in your office's scope.")})
    if person is not None:
        # The person's row locked: of two intakes for them at once (a double tap), the second sees the
        # first one's case.
        person = Person.objects.select_for_update().get(pk=person.pk)
        _refuse_second_open_case(actor, person)
    is_new = person is None
    if is_new:
        person = build_person(**(person_fields or {}))
    born, intake_date = person.date_of_birth, case_fields.get("intake_date")
    if born and intake_date and intake_date < born:
        raise ValidationError({"intake_date": _("The intake date cannot be before the date of birth.")})
    if is_new:
        person._history_user = actor  # the history names who, in a request or not (register_intakes too)
        person.save()
        record_event(action=AuditAction.CREATE, actor=actor, target=person)
    case = Case(
        person=person,
        office=actor.office,
        received_by=actor,
        worker=worker or actor,
        # Attaching a case to someone already on record does not by itself open a protected contact:
        # the office's supervisor confirms the access (confirm_contact_access).
        contact_access_confirmed=is_new,
        **case_fields,
    )
    case._history_user = actor
    if case.screening_outcome != ScreeningOutcome.HANDOVER:
        case.handover_target = ""
        case.handover_organisation = None
    if case.route != Route.CITY_DEPARTMENT:
        case.referring_department = None
    case.full_clean(exclude=["reference"])
    case.save()
    _assign_reference(case)
    CaseConcern.objects.bulk_create(
        CaseConcern(case=case, concern=code, is_most_pressing=(code == most_pressing))
        for code in dict.fromkeys(concerns)
    )
    if case.application_signed_on:
        record_consent(
            person=person,
            actor=actor,
            scope=ConsentScope.APPLICATION,
            signed_on=case.application_signed_on,
            note=_("Signed with the application (相談申込)"),
        )
    if case.handover_organisation_id and handover_consent:
        record_consent(
            person=person,
            actor=actor,
            scope=ConsentScope.SHARE_PARTNERS,
            signed_on=case.intake_date,
            shared_with=[case.handover_organisation],
            note=_("Given at intake for the hand-over"),
        )
    refresh_status(case)
    record_event(action=AuditAction.CREATE, actor=actor, target=case)
    if case.handover_organisation_id:
        run_handover_hooks(actor=actor, case=case)
    return case


INTAKE_CHUNK = 500  # rows written per bulk INSERT of each table


@dataclass(frozen=True)
class IntakeRow:
    """One new person's intake for register_intakes: the arguments register_intake takes for a new person,
    and the household members add_household_members takes (people.services.HOUSEHOLD_MEMBER_FIELDS)."""

    person_fields: dict[str, Any]
    case_fields: dict[str, Any]
    concerns: Sequence[str]
    most_pressing: str = ""
    household: Sequence[dict[str, Any]] = ()


class IntakeRowRefused(ValidationError):
    """A row of register_intakes refused by a rule of the intake: `index` is its place in the rows given."""

    def __init__(self, index: int, error: ValidationError) -> None:
        super().__init__(error.messages)
        self.index = index


@transaction.atomic
def register_intakes(
    *,
    actor: User,
    rows: Sequence[IntakeRow],
    progress: Callable[[int, int], None] | None = None,
    chunk: int = INTAKE_CHUNK,
) -> list[tuple[int, int]]:
    """Many new people's intakes at once (an import), all or none: each row checked by the rules of
    register_intake for a new person (the same checks, in the same functions) and written as register_intake
    then add_household_members write it, in bulk, `chunk` rows at a time: the person with its history row
    and audit event, the case with its history rows (made, then numbered) and audit event, its concerns, the
    application's consent when signed, the household members and their audit event. A row refused raises
    IntakeRowRefused naming it, and nothing is saved. `progress(done, total)` is called after each chunk.
    Returns (person id, case id) per row, in order (ids only: 10,000 rows' records are not kept in memory).

    Not for a hand-over to an organisation of the directory (its referral is followed up one by one by the
    apps registered in handovers.py): such a row is a TypeError, a programming error.
    `tsunagu/cases/tests/test_register_intakes.py` holds a batch-made person to a hand-made one, table by
    table, so that this function cannot drift from register_intake."""
    authorise(actor, "cases.open_case")
    total, made = len(rows), []
    for start in range(0, total, chunk):
        # Checked and written a chunk at a time, so that memory holds one chunk's records (all or none still:
        # one transaction).
        part = []
        for index in range(start, min(start + chunk, total)):
            row = rows[index]
            refuse_unknown_fields(row.case_fields, CASE_INTAKE_FIELDS, service="register_intakes")
            if row.case_fields.get("handover_organisation"):
                raise TypeError("register_intakes takes no hand-over to an organisation: use register_intake")
            try:
                part.append((row, *_build_intake(actor, row)))
            except ValidationError as error:
                raise IntakeRowRefused(index, error) from error
        _check_areas({person.area_id for _row, person, _case, _members in part if person.area_id})
        _write_intakes(actor, part)
        if start == 0:  # as add_household_members asks (for new people alike: their one case is the actor's)
            authorise(actor, WORK_ON_PERSON, part[0][1])
        made += [(case.person_id, case.pk) for _row, _person, case, _members in part]
        if progress is not None:
            progress(len(made), total)
    return made


def _build_intake(actor: User, row: IntakeRow) -> tuple[Person, Case, list[HouseholdMember]]:
    """register_intake's checks for a new person, without the queries that bulk checks replace (the foreign
    keys the batch sets itself, the area checked once for all rows, the case's closing-date constraint
    that a new case meets)."""
    _validate_intake(row.case_fields, row.concerns, row.most_pressing)
    fields = dict(row.person_fields)
    area = fields.pop("area", None)
    person = build_person(**fields)
    person.area = area
    born, intake_date = person.date_of_birth, row.case_fields.get("intake_date")
    if born and intake_date and intake_date < born:
        raise ValidationError({"intake_date": _("The intake date cannot be before the date of birth.")})
    person._history_user = actor
    case = Case(
        office=actor.office, received_by=actor, worker=actor, contact_access_confirmed=True, **row.case_fields
    )
    case._history_user = actor
    if case.screening_outcome != ScreeningOutcome.HANDOVER:
        case.handover_target = ""
        case.handover_organisation = None
    if case.route != Route.CITY_DEPARTMENT:
        case.referring_department = None
    # The value its database default gives: a DEFAULT in a bulk INSERT stops PostgreSQL's insert from an
    # array per column (UNNEST), which took the cases three times as long as the people.
    for name in ("visitor_phone",):
        if isinstance(getattr(case, name), DatabaseDefault):
            setattr(case, name, Case._meta.get_field(name).db_default)
    case.full_clean(
        exclude=["reference", "person", "office", "received_by", "worker"], validate_constraints=False
    )
    members = []
    for values in row.household:
        refuse_unknown_fields(values, HOUSEHOLD_MEMBER_FIELDS, service="register_intakes")
        member = HouseholdMember(**values)
        member.full_clean(exclude=["person"])
        members.append(member)
    return person, case, members


def _check_areas(area_ids: set[int]) -> None:
    if area_ids and Area.objects.filter(pk__in=area_ids).count() != len(area_ids):
        raise ValidationError({"area": _("Choose an area of the directory.")})


def _write_intakes(actor: User, part: list) -> None:
    people = Person.objects.bulk_create([person for _row, person, _case, _members in part])
    Person.history.bulk_history_create(people, default_user=actor, default_change_reason=None)
    cases = []
    for _row, person, case, _members in part:
        case.person = person
        cases.append(case)
    Case.objects.bulk_create(cases)
    Case.history.bulk_history_create(
        cases, default_user=actor, default_change_reason=None
    )  # as first saved, before its number
    for case in cases:
        case.reference = f"{case.intake_date.year}-{case.pk:06d}"
    # One UPDATE per chunk, the number computed by the database as _assign_reference formats it in Python
    # (bulk_update's CASE of a branch per case cost 1 s per 2,000 cases).
    number = Cast("pk", CharField())
    Case.objects.filter(pk__in=[case.pk for case in cases]).update(
        reference=Concat(
            Cast(ExtractYear("intake_date"), CharField()), Value("-"),
            DbCase(When(pk__gte=1_000_000, then=number), default=LPad(number, 6, Value("0"))),
            output_field=CharField(),
        )
    )  # fmt: skip
    Case.history.bulk_history_create(cases, update=True, default_user=actor, default_change_reason=None)
    settled = []
    for case in cases:
        status, closed_on = _status_of_new_case(case)
        if (status, closed_on) != (case.status, case.closed_on):
            case.status, case.closed_on, case.next_monitoring_on = status, closed_on, None
            settled.append(case)
    if settled:
        Case.objects.bulk_update(settled, ["status", "closed_on", "next_monitoring_on"])
        Case.history.bulk_history_create(settled, update=True, default_user=actor, default_change_reason=None)
    CaseConcern.objects.bulk_create(
        CaseConcern(case=case, concern=code, is_most_pressing=(code == row.most_pressing))
        for row, _person, case, _members in part
        for code in dict.fromkeys(row.concerns)
    )
    consents = {
        case.pk: Consent(
            person=case.person,
            scope=ConsentScope.APPLICATION,
            signed_on=case.application_signed_on,
            note=_("Signed with the application (相談申込)"),
            recorded_by=actor,
        )
        for case in cases
        if case.application_signed_on
    }
    Consent.objects.bulk_create(consents.values())
    members = []
    for _row, person, _case, household in part:
        for member in household:
            member.person = person
            members.append(member)
    HouseholdMember.objects.bulk_create(members)
    events = []
    for _row, person, case, household in part:
        events.append((AuditAction.CREATE, person, None))
        if case.pk in consents:
            events.append((AuditAction.CREATE, consents[case.pk], None))
        events.append((AuditAction.CREATE, case, None))
        if household:
            events.append((AuditAction.UPDATE, person, {"household": "add", "count": len(household)}))
    record_events(actor=actor, events=events)


def _status_of_new_case(case: Case) -> tuple[str, dt.date | None]:
    """derive_status for a case just made (no closure, plan or assessment yet)."""
    if case.screening_outcome == ScreeningOutcome.INFORMATION_ONLY:
        return CaseStatus.INFORMATION_ONLY, case.intake_date
    if case.screening_outcome == ScreeningOutcome.HANDOVER:
        return CaseStatus.HANDED_OVER, case.intake_date
    return CaseStatus.INTAKE, None


def _refuse_second_open_case(actor: User, person: Person) -> None:
    open_cases = list(person.cases.filter(status__in=OPEN_STATUSES).order_by("-intake_date", "-id"))
    if not open_cases:
        return
    open_case = next((case for case in open_cases if case.office_id == actor.office_id), None)
    if open_case is not None:
        message = _("%(reference)s is still open for this person: record the consultation in that case.")
        raise ValidationError({"person": message % {"reference": open_case.reference}})
    raise ValidationError(
        {"person": _("This person has an open case at another office: ask your supervisor before going on.")}
    )


@transaction.atomic
def record_emergency_support(
    *, case: Case, actor: User, provided_on: dt.date, kind: str, provider: str, detail: str = ""
) -> EmergencySupport:
    """緊急支援: help given before a plan (food, a loan, a night's shelter …), dated, with who gave it."""
    authorise(actor, "cases.work_on_case", case)
    if provided_on < case.intake_date:
        raise ValidationError({"provided_on": _("Emergency support cannot be dated before intake.")})
    if provided_on > timezone.localdate():
        raise ValidationError({"provided_on": _("Emergency support cannot be dated in the future.")})
    if not provider.strip():
        raise ValidationError({"provider": _("Say who gave the support.")})
    support = EmergencySupport(
        case=case, provided_on=provided_on, kind=kind, provider=provider.strip(), detail=detail.strip(),
        recorded_by=actor,
    )  # fmt: skip
    support.full_clean()
    support.save()
    record_event(action=AuditAction.CREATE, actor=actor, target=support)
    return support


# ---------------------------------------------------------------- assessment


ASSESSMENT_FIELDS = (
    "assessed_on", "work_status", "housing_type", "health_insurance", "pension", "income_and_welfare",
    "life_history", "strengths", "urgency", "narrative", "monthly_income", "debt_total", "monthly_repayment",
    "challenges", "person_wishes", "employment_support",
)  # fmt: skip
WORK_HISTORY_FIELDS = ("period", "employer_or_job", "work_type", "reason_left")
FAMILY_FIELDS = ("relation", "age", "lives_together", "situation")
# Amounts in yen are checked where they enter: a household's figures stay below a billion.
MAX_YEN = 999_999_999
SCORE_CODES = frozenset(code for code, _label in ASSESSMENT_DOMAINS)


# The rule's three groups of domains, in the order they are looked at (see propose_stage).
STAGE_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (Stage.DAILY_LIFE, gettext_lazy("Daily life"), ("daily_routine", "physical_health", "mental_health", "housing")),
    (Stage.SOCIAL_LIFE, gettext_lazy("Social life"), ("social_connection", "family")),
    (Stage.SOCIAL_LIFE, gettext_lazy("Work and income"), ("work", "income")),
)  # fmt: skip
STAGE_THRESHOLD = 3  # a group averaging below this holds the person at its stage


@dataclass(frozen=True)
class ScoreGroup:
    """One group of the rule: its scored domains (label, score) and their mean (None: none scored)."""

    stage: str
    label: str
    scores: tuple[tuple[str, int], ...]
    mean: float | None

    @property
    def holds(self) -> bool:
        """Whether this group's mean is below the threshold (a group without scores counts as 3)."""
        return self.mean is not None and self.mean < STAGE_THRESHOLD


@dataclass(frozen=True)
class StageProposal:
    """The stage the scores suggest and why: the groups in the rule's order, and the one that decided
    (None when every group reaches the threshold, which proposes employment)."""

    stage: str
    groups: tuple[ScoreGroup, ...]
    deciding: ScoreGroup | None
    scored: int

    @property
    def stage_label(self) -> str:
        return Stage(self.stage).label


def explain_stage(scores: dict[str, int | None]) -> StageProposal:
    """propose_stage with its reasons, for the assessment form and page."""
    labels = dict(ASSESSMENT_DOMAINS)
    groups = []
    for stage, label, codes in STAGE_GROUPS:
        given = tuple((labels[code], scores[code]) for code in codes if scores.get(code))
        mean = sum(value for _label, value in given) / len(given) if given else None
        groups.append(ScoreGroup(stage, label, given, mean))
    deciding = next((group for group in groups if group.holds), None)
    return StageProposal(
        stage=deciding.stage if deciding else Stage.EMPLOYMENT,
        groups=tuple(groups),
        deciding=deciding,
        scored=sum(1 for value in scores.values() if value),
    )


def propose_stage(scores: dict[str, int | None]) -> str:
    """Our documented rule (not a licensed instrument): daily-life domains first, then social, then work.

    1–5 scale; a domain left blank does not count, and a group with none scored counts as 3. Daily life
    = daily routine, physical and mental health, housing; social = social connection, family; then work
    and income. The first group averaging below 3 gives the stage; none below 3 proposes employment.
    """
    return explain_stage(scores).stage


def _rows(model, rows: Sequence[dict[str, Any]], names: Sequence[str], parent: dict[str, Any]) -> list:
    """Validated, unsaved rows of a child table (work history, family, plan supports)."""
    built = []
    for row in rows:
        obj = model(**parent, **{k: v for k, v in row.items() if k in names})
        obj.full_clean(exclude=list(parent))
        built.append(obj)
    return built


@transaction.atomic
def record_assessment(
    *, case: Case, actor: User, fields: dict[str, Any], scores: dict[str, int | None], confirmed_stage: str,
    stage_reason: str = "", work_history: Sequence[dict[str, Any]] = (), family: Sequence[dict[str, Any]] = (),
) -> Assessment:  # fmt: skip
    authorise(actor, "cases.work_on_case", case)
    refuse_unknown_fields(fields, ASSESSMENT_FIELDS, service="record_assessment")
    assessed_on = fields.get("assessed_on")
    if assessed_on and assessed_on < case.intake_date:
        raise ValidationError({"assessed_on": _("The assessment cannot be dated before intake.")})
    if assessed_on and assessed_on > timezone.localdate():
        raise ValidationError({"assessed_on": _("The assessment cannot be dated in the future.")})
    if set(scores) - SCORE_CODES:
        raise ValidationError({"scores": _("Unknown assessment domain.")})
    bad = [code for code, value in scores.items() if value is not None and not 1 <= value <= 5]
    if bad:
        raise ValidationError({f"score_{bad[0]}": _("Scores run from 1 to 5.")})
    challenges = list(dict.fromkeys(fields.get("challenges") or []))
    if set(challenges) - set(Challenge.values):
        raise ValidationError({"challenges": _("Unknown challenge.")})
    fields["challenges"] = challenges
    for name in ("monthly_income", "debt_total", "monthly_repayment"):
        amount = fields.get(name)
        if amount is not None and not 0 <= amount <= MAX_YEN:
            raise ValidationError({name: _("Give an amount in yen between 0 and 999,999,999.")})
    assessment = Assessment(
        case=case,
        assessor=actor,
        confirmed_stage=confirmed_stage,
        proposed_stage=propose_stage(scores),
        **fields,
        **{f"score_{code}": value for code, value in scores.items()},
    )
    assessment.full_clean()
    assessment.save()
    WorkHistory.objects.bulk_create(
        _rows(WorkHistory, work_history, WORK_HISTORY_FIELDS, {"assessment": assessment})
    )
    FamilyMember.objects.bulk_create(_rows(FamilyMember, family, FAMILY_FIELDS, {"assessment": assessment}))
    if confirmed_stage != case.person.current_stage:
        reason = stage_reason.strip() or _("Confirmed at the assessment of %(date)s") % {
            "date": local_date(assessment.assessed_on)
        }
        change_stage(
            person=case.person,
            actor=actor,
            stage=confirmed_stage,
            changed_on=assessment.assessed_on,
            reason=reason,
        )
    refresh_status(case)
    record_event(action=AuditAction.CREATE, actor=actor, target=assessment)
    return assessment


# ---------------------------------------------------------------- plans

PLAN_FIELDS = (
    "period_start", "period_end", "long_term_goal", "short_term_goals", "own_actions", "statutory_services",
    "agreed_on", "next_monitoring_on", "employment_support",
)  # fmt: skip
PLAN_SUPPORT_FIELDS = ("agency", "content", "frequency")
# What a caller may give a plan service: the plan's fields and its support rows.
PLAN_INPUT_FIELDS = (*PLAN_FIELDS, "support_rows")


def _support_rows(fields: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The support rows given, or None when the caller left them alone."""
    if "support_rows" in fields:
        return [dict(row) for row in fields["support_rows"]]
    return None


def _support_rows_of(plan: Plan) -> list[tuple[str, ...]]:
    return [
        tuple(getattr(row, name) or "" for name in PLAN_SUPPORT_FIELDS) for row in plan.support_rows.all()
    ]


def _support_rows_of_values(rows: Sequence[dict[str, Any]]) -> list[tuple[str, ...]]:
    return [tuple((row.get(name) or "").strip() for name in PLAN_SUPPORT_FIELDS) for row in rows]


def _save_support_rows(plan: Plan, rows: Sequence[dict[str, Any]]) -> None:
    plan.support_rows.all().delete()
    PlanSupport.objects.bulk_create(_rows(PlanSupport, rows, PLAN_SUPPORT_FIELDS, {"plan": plan}))


def _validate_plan(case: Case, fields: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    start, end = fields.get("period_start"), fields.get("period_end")
    if start and end and end < start:
        errors["period_end"] = [_("The plan period cannot end before it starts.")]
    if start and start < case.intake_date:
        errors["period_start"] = [_("The plan cannot start before intake.")]
    agreed = fields.get("agreed_on")
    if agreed and agreed > timezone.localdate():
        errors["agreed_on"] = [_("The agreement date cannot be in the future.")]
    elif agreed and agreed < case.intake_date:
        errors["agreed_on"] = [_("The person cannot agree to a plan before intake.")]
    monitoring = fields.get("next_monitoring_on")
    if monitoring and start and monitoring < start:
        errors["next_monitoring_on"] = [_("The next monitoring date cannot be before the plan starts.")]
    unknown = set(fields.get("statutory_services") or []) - set(StatutoryService.values)
    if unknown:
        errors["statutory_services"] = [_("Unknown service.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_plan(*, case: Case, actor: User, fields: dict[str, Any]) -> Plan:
    """A new plan version: 初回 when the case has had no approved plan, else 再プラン."""
    authorise(actor, "cases.work_on_case", case)
    refuse_unknown_fields(fields, PLAN_INPUT_FIELDS, service="create_plan")
    if case.plans.filter(status__in=[PlanStatus.DRAFT, PlanStatus.SUBMITTED]).exists():
        raise ValidationError(_("This case already has a plan in preparation: finish that one first."))
    values = {k: v for k, v in fields.items() if k in PLAN_FIELDS}
    values["statutory_services"] = list(dict.fromkeys(values.get("statutory_services") or []))
    rows = _support_rows(fields) or []
    _validate_plan(case, values)
    version = (case.plans.aggregate(v=Max("version"))["v"] or 0) + 1
    replan = case.plans.filter(status__in=[PlanStatus.APPROVED, PlanStatus.SUPERSEDED]).exists()
    plan = Plan(
        case=case, version=version, author=actor, kind=PlanKind.REPLAN if replan else PlanKind.INITIAL,
        **values,
    )  # fmt: skip
    plan.full_clean()
    plan._history_user = actor
    plan.save()
    _save_support_rows(plan, rows)
    record_event(action=AuditAction.CREATE, actor=actor, target=plan)
    return plan


@transaction.atomic
def update_plan(*, plan: Plan, actor: User, edit_version: int, fields: dict[str, Any]) -> Plan:
    """Save changes to a plan in preparation. A second editor's save is refused, never merged over.

    A change to a plan waiting for approval takes it back to a draft, out of the approval queue: the
    approver is never asked to approve what they did not see, and the fields changed since the plan was
    first submitted are kept for them to see when it comes back."""
    authorise(actor, "cases.work_on_case", plan.case)
    refuse_unknown_fields(fields, PLAN_INPUT_FIELDS, service="update_plan")
    if plan.status not in (PlanStatus.DRAFT, PlanStatus.SUBMITTED):
        raise ValidationError(_("An approved plan cannot be changed: make a new version."))
    updates = {k: v for k, v in fields.items() if k in PLAN_FIELDS}
    rows = _support_rows(fields)
    if "statutory_services" in updates:
        updates["statutory_services"] = list(dict.fromkeys(updates["statutory_services"] or []))
    # Validate the plan as it would be saved, so an end moved before the kept start is caught too.
    _validate_plan(plan.case, {**{name: getattr(plan, name) for name in PLAN_FIELDS}, **updates})
    claim_edit(plan, edit_version, fields=PLAN_FIELDS)
    changed = sorted(name for name, value in updates.items() if getattr(plan, name) != value)
    rows_changed = rows is not None and _support_rows_of(plan) != _support_rows_of_values(rows)
    if rows_changed:
        changed.append("support_rows")
    for name, value in updates.items():
        setattr(plan, name, value)
    withdrawn = bool(changed) and plan.status == PlanStatus.SUBMITTED
    if withdrawn:
        plan.status = PlanStatus.DRAFT
        plan.submitted_at = None
    if changed and plan.submission_count:
        kept = set(plan.changed_since_submission)
        plan.changed_since_submission = [
            name for name in (*PLAN_FIELDS, "support_rows") if name in kept or name in changed
        ]
    plan.full_clean()
    plan._history_user = actor
    plan.save()
    if rows_changed:
        _save_support_rows(plan, rows)
    if withdrawn:
        refresh_status(plan.case)
    detail: dict[str, Any] = {"fields": changed}
    if withdrawn:
        detail["back_to_draft"] = True
    record_event(action=AuditAction.UPDATE, actor=actor, target=plan, detail=detail)
    return plan


@transaction.atomic
def record_service_decision(*, plan: Plan, actor: User, decided_on: dt.date) -> Plan:
    """支援決定日: the date the municipality decided the statutory services of an approved plan."""
    authorise(actor, "cases.work_on_case", plan.case)
    if plan.status != PlanStatus.APPROVED:
        raise ValidationError(_("The municipality's decision is recorded on an approved plan."))
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("The decision date cannot be in the future.")})
    if plan.agreed_on and decided_on < plan.agreed_on:
        raise ValidationError({"decided_on": _("The decision cannot come before the person agreed.")})
    plan.decided_on = decided_on
    plan._history_user = actor
    plan.save(update_fields=["decided_on", "updated_at"])
    record_event(action=AuditAction.UPDATE, actor=actor, target=plan, detail={"fields": ["decided_on"]})
    return plan


@transaction.atomic
def submit_plan(*, plan: Plan, actor: User) -> Plan:
    authorise(actor, "cases.work_on_case", plan.case)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("Only a draft plan can be submitted."))
    if not plan.agreed_on:
        raise ValidationError(
            {"agreed_on": _("Record the date the person agreed to the plan before submitting it.")}
        )
    plan.status = PlanStatus.SUBMITTED
    plan.submitted_at = timezone.now()
    plan.submission_count += 1
    plan.edit_version += 1
    plan._history_user = actor
    plan.save()
    refresh_status(plan.case)
    record_event(
        action=AuditAction.UPDATE,
        actor=actor,
        target=plan,
        detail={"submitted": True, "submission": plan.submission_count},
    )
    return plan


@transaction.atomic
def approve_plans(
    *, plans: Sequence[Plan], actor: User, method: str, approved_on: dt.date,
    meeting_date: dt.date | None = None, seen_versions: dict[int, int] | None = None,
) -> list[Plan]:  # fmt: skip
    """Approve one plan or a meeting's worth at once; each earlier approved plan is superseded.

    `seen_versions` (plan id → edit_version) are the versions the approver's page showed: a plan changed
    since (taken back, edited and sent again) is refused, so nothing is approved unseen."""
    authorise(actor, "cases.approve")  # and each plan's case below
    if method not in ApprovalMethod.values:
        raise ValidationError({"method": _("Choose how the plan was approved.")})
    if method == ApprovalMethod.MEETING and not meeting_date:
        raise ValidationError({"meeting_date": _("Give the date of the support co-ordination meeting.")})
    if approved_on > timezone.localdate():
        raise ValidationError({"approved_on": _("The approval date cannot be in the future.")})
    if meeting_date and meeting_date > approved_on:
        raise ValidationError({"meeting_date": _("The meeting cannot be after the approval date.")})
    approved = []
    for plan in plans:
        # Read again under a lock: the worker may have changed the plan since the page was drawn.
        Plan.objects.select_for_update().filter(pk=plan.pk).values_list("pk").first()
        plan.refresh_from_db()
        authorise(actor, "cases.supervise_case", plan.case)
        if plan.status != PlanStatus.SUBMITTED:
            raise ValidationError(_("Plan %(plan)s is not awaiting approval.") % {"plan": plan})
        if seen_versions is not None and seen_versions.get(plan.pk) != plan.edit_version:
            raise ValidationError(
                _("Plan %(plan)s changed after this page was opened: look at it again before approving.")
                % {"plan": plan}
            )
        plan.case.plans.filter(status=PlanStatus.APPROVED).update(status=PlanStatus.SUPERSEDED)
        plan.status = PlanStatus.APPROVED
        plan.approval_method = method
        plan.approved_by = actor
        plan.approved_on = approved_on
        plan.approved_at = timezone.now()
        plan.meeting_date = meeting_date
        plan.edit_version += 1
        plan._history_user = actor
        plan.save()
        case = plan.case
        case.next_monitoring_on = plan.next_monitoring_on
        case.save(update_fields=["next_monitoring_on", "updated_at"])
        refresh_status(case)
        record_event(action=AuditAction.UPDATE, actor=actor, target=plan, detail={"approved": method})
        approved.append(plan)
    return approved


@transaction.atomic
def return_plan(*, plan: Plan, actor: User, comment: str) -> Plan:
    """Send a submitted plan back to its worker as a draft."""
    authorise(actor, "cases.supervise_case", plan.case)
    if plan.status != PlanStatus.SUBMITTED:
        raise ValidationError(_("Only a plan awaiting approval can be sent back."))
    plan.status = PlanStatus.DRAFT
    plan.submitted_at = None
    plan.edit_version += 1
    plan._history_user = actor
    plan.save()
    refresh_status(plan.case)
    record_event(action=AuditAction.UPDATE, actor=actor, target=plan, detail={"returned": True})
    if comment.strip():
        add_note(
            case=plan.case,
            actor=actor,
            occurred_at=timezone.now(),
            method="meeting",
            minutes=0,
            content=_("Plan v%(version)s sent back: %(comment)s")
            % {"version": plan.version, "comment": comment},
        )
    return plan


# ---------------------------------------------------------------- notes, monitoring, evaluation

# Notes that record contact with the person (a meeting or a call with an agency about them is not).
CONTACT_METHODS = frozenset(
    {NoteMethod.VISIT_IN, NoteMethod.PHONE, NoteMethod.HOME_VISIT, NoteMethod.ACCOMPANY, NoteMethod.EMAIL}
)


@transaction.atomic
def add_note(
    *, case: Case, actor: User, occurred_at: dt.datetime, method: str, minutes: int, content: str,
    after_closure: bool = False,
) -> Note:  # fmt: skip
    """A support note. On a case that has ended (closed, or ended at intake) a note is a follow-up after
    closure, taken only when the worker says so (`after_closure`): a person who needs support again
    gets a new intake, and a note slipped onto an ended case by mistake would be lost from the caseload."""
    authorise(actor, "cases.add_note", case)
    if not case.is_open and not after_closure:
        raise ValidationError(
            {"after_closure": _("This case has ended: tick that the note is a follow-up after the end, "
                                "or register a new intake if the person needs support again.")}
        )  # fmt: skip
    if occurred_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"occurred_at": _("A note cannot be dated in the future.")})
    if timezone.localtime(occurred_at).date() < case.intake_date:
        raise ValidationError({"occurred_at": _("A note cannot be dated before intake.")})
    if not content.strip():
        raise ValidationError({"content": _("Write what happened.")})
    note = Note(
        case=case, worker=actor, occurred_at=occurred_at, method=method, minutes=minutes, content=content
    )
    note.full_clean()
    note.save()
    day = timezone.localtime(occurred_at).date()
    if method in CONTACT_METHODS and (case.last_contact_on is None or day > case.last_contact_on):
        # A plain update: the last contact is derived, and would otherwise add a case history row per note.
        case.last_contact_on = day
        Case.objects.filter(pk=case.pk).update(last_contact_on=day)
    record_event(
        action=AuditAction.CREATE,
        actor=actor,
        target=note,
        detail={"after_closure": True} if not case.is_open else None,
    )
    return note


def _current_plan(case: Case) -> Plan:
    plan = case.plans.filter(status=PlanStatus.APPROVED).first()
    if plan is None:
        raise ValidationError(_("There is no approved plan to check against yet."))
    return plan


@transaction.atomic
def record_monitoring(
    *, case: Case, actor: User, monitored_on: dt.date, progress: str, notes: str,
    next_monitoring_on: dt.date | None,
) -> Monitoring:  # fmt: skip
    authorise(actor, "cases.work_on_case", case)
    plan = _current_plan(case)
    if monitored_on > timezone.localdate():
        raise ValidationError({"monitored_on": _("Monitoring cannot be dated in the future.")})
    if monitored_on < max(case.intake_date, plan.period_start):
        raise ValidationError({"monitored_on": _("Monitoring cannot be dated before the plan started.")})
    if next_monitoring_on and next_monitoring_on <= monitored_on:
        raise ValidationError({"next_monitoring_on": _("The next monitoring must come after this one.")})
    monitoring = Monitoring(
        case=case, plan=plan, monitored_on=monitored_on, progress=progress, notes=notes,
        next_monitoring_on=next_monitoring_on, worker=actor,
    )  # fmt: skip
    monitoring.full_clean()
    monitoring.save()
    case.next_monitoring_on = next_monitoring_on
    case.last_contact_on = max(filter(None, [case.last_contact_on, monitored_on]))
    case.save(update_fields=["next_monitoring_on", "last_contact_on", "updated_at"])
    record_event(action=AuditAction.CREATE, actor=actor, target=monitoring)
    return monitoring


@transaction.atomic
def record_evaluation(
    *, case: Case, actor: User, evaluated_on: dt.date, state_changes: Sequence[str], summary: str, outcome: str,
    goals: Sequence[tuple[str, str]] = (),
) -> Evaluation:  # fmt: skip
    """評価シート: the state changes (national items), how far each goal was reached, and what next."""
    authorise(actor, "cases.work_on_case", case)
    plan = _current_plan(case)
    if evaluated_on > timezone.localdate():
        raise ValidationError({"evaluated_on": _("The evaluation cannot be dated in the future.")})
    if evaluated_on < plan.period_start:
        raise ValidationError({"evaluated_on": _("The evaluation cannot be dated before the plan started.")})
    changes = list(dict.fromkeys(state_changes))
    if set(changes) - set(StateChange.values):
        raise ValidationError({"state_changes": _("Unknown change.")})
    if any(achievement not in GoalProgress.values for _goal, achievement in goals):
        raise ValidationError({"goals": _("Choose how far each goal was reached.")})
    evaluation = Evaluation(
        case=case, plan=plan, evaluated_on=evaluated_on, state_changes=changes, summary=summary,
        outcome=outcome, worker=actor,
    )  # fmt: skip
    evaluation.full_clean()
    evaluation.save()
    GoalAchievement.objects.bulk_create(
        GoalAchievement(evaluation=evaluation, goal=goal[:300], achievement=achievement)
        for goal, achievement in goals
    )
    record_event(action=AuditAction.CREATE, actor=actor, target=evaluation)
    return evaluation


# ---------------------------------------------------------------- closure and reassignment


@transaction.atomic
def request_closure(*, case: Case, actor: User, closed_on: dt.date, reason: str, detail: str = "") -> Closure:
    authorise(actor, "cases.work_on_case", case)
    if not reason:
        raise ValidationError({"reason": _("Choose the reason for closing the case.")})
    if closed_on < case.intake_date:
        raise ValidationError({"closed_on": _("A case cannot be closed before its intake date.")})
    if closed_on > timezone.localdate():
        raise ValidationError({"closed_on": _("The closure date cannot be in the future.")})
    if case.closures.filter(status=ClosureStatus.REQUESTED).exists():
        raise ValidationError(_("A closure is already awaiting approval."))
    closure = Closure(
        case=case,
        closed_on=closed_on,
        kind=closure_kind(reason),
        reason=reason,
        detail=detail,
        status=ClosureStatus.REQUESTED,
        requested_by=actor,
    )
    closure.full_clean()
    closure.save()
    refresh_status(case)
    record_event(action=AuditAction.CREATE, actor=actor, target=closure)
    return closure


@transaction.atomic
def decide_closure(*, closure: Closure, actor: User, approve: bool, comment: str = "") -> Closure:
    authorise(actor, "cases.supervise_case", closure.case)
    if closure.status != ClosureStatus.REQUESTED:
        raise ValidationError(_("This closure was already decided."))
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Say why the closure is sent back.")})
    closure.status = ClosureStatus.APPROVED if approve else ClosureStatus.REJECTED
    closure.decided_by = actor
    closure.decided_at = timezone.now()
    closure.decision_comment = comment
    closure.save()
    refresh_status(closure.case)
    record_event(action=AuditAction.UPDATE, actor=actor, target=closure, detail={"approved": approve})
    return closure


@transaction.atomic
def reassign_case(*, case: Case, actor: User, worker: User, employment_worker: User | None = None) -> Case:
    authorise(actor, "cases.supervise_case", case)
    _check_worker(worker, case.office_id, "worker")
    if employment_worker is not None:
        _check_worker(employment_worker, case.office_id, "employment_worker")
    case.worker = worker
    case.employment_worker = employment_worker
    # The supervisor chose the workers: that is the confirmation a protected contact waits for.
    case.contact_access_confirmed = True
    case.save(update_fields=["worker", "employment_worker", "contact_access_confirmed", "updated_at"])
    record_event(
        action=AuditAction.UPDATE,
        actor=actor,
        target=case,
        detail={"worker": worker.pk, "employment_worker": getattr(employment_worker, "pk", None)},
    )
    return case


# ---------------------------------------------------------------- DV contact access, transfers (移管)


@transaction.atomic
def confirm_contact_access(*, case: Case, actor: User) -> Case:
    """The office's supervisor lets the workers of a case attached to a protected person see the
    address and phones."""
    authorise(actor, "cases.supervise_case", case)
    if not case.is_open:
        raise ValidationError(_("The case is no longer open."))
    if not case.contact_access_confirmed:
        case.contact_access_confirmed = True
        case.save(update_fields=["contact_access_confirmed", "updated_at"])
        record_event(
            action=AuditAction.UPDATE,
            actor=actor,
            target=case,
            detail={"contact_access_confirmed": True},
        )
    return case


@transaction.atomic
def request_transfer(*, person: Person, from_office_id: int, actor: User, reason: str) -> TransferRequest:
    """A worker asks the office that holds a person's record to hand the person over. The caller found the
    person by the intake duplicate check; the worker never learns who it is unless the request is approved."""
    authorise(actor, "cases.open_case")
    if not reason.strip():
        raise ValidationError({"transfer_reason": _("Say why your office should take this person on.")})
    if from_office_id == actor.office_id:
        raise ValidationError(_("This record is already at your office: ask your supervisor."))
    if TransferRequest.objects.filter(
        person=person, to_office_id=actor.office_id, status=TransferStatus.PENDING
    ).exists():
        raise ValidationError(_("A transfer of this person to your office is already waiting."))
    transfer = TransferRequest.objects.create(
        person=person,
        from_office_id=from_office_id,
        to_office_id=actor.office_id,
        requested_by=actor,
        reason=reason.strip(),
    )
    record_event(
        action=AuditAction.CREATE,
        actor=actor,
        target=transfer,
        detail={"from_office": from_office_id, "to_office": actor.office_id},
    )
    return transfer


@transaction.atomic
def decide_transfer(
    *, transfer: TransferRequest, actor: User, approve: bool, comment: str = ""
) -> TransferRequest:
    """The owning office's supervisor approves or declines. On approval the person's open cases at that
    office move to the requesting office, assigned to the requester (a supervisor's assignment, so with
    contact access confirmed), and the requesting office may attach new intakes to the person."""
    transfer = TransferRequest.objects.select_for_update().get(pk=transfer.pk)
    authorise(actor, "cases.decide_transfer", transfer)
    if transfer.status != TransferStatus.PENDING:
        raise ValidationError(_("This transfer was already decided."))
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Say why the transfer is declined.")})
    moved: list[int] = []
    if approve:
        requester = transfer.requested_by
        if (
            not requester.is_active
            or requester.office_id != transfer.to_office_id
            or not (requester.role_codes & CASEWORK_ROLES)
        ):
            raise ValidationError(_("The worker who asked is no longer a worker of that office."))
        for case in Case.objects.select_for_update().filter(
            person_id=transfer.person_id, office_id=transfer.from_office_id, status__in=OPEN_STATUSES
        ):
            case.office_id = transfer.to_office_id
            case.worker = requester
            case.employment_worker = None
            case.contact_access_confirmed = True
            case.save(update_fields=["office", "worker", "employment_worker", "contact_access_confirmed",
                                     "updated_at"])  # fmt: skip
            record_event(
                action=AuditAction.UPDATE,
                actor=actor,
                target=case,
                detail={"transfer": transfer.pk, "office": transfer.to_office_id, "worker": requester.pk},
            )
            moved.append(case.pk)
    transfer.status = TransferStatus.APPROVED if approve else TransferStatus.DECLINED
    transfer.decided_by = actor
    transfer.decided_at = timezone.now()
    transfer.decision_comment = comment.strip()
    transfer.save(update_fields=["status", "decided_by", "decided_at", "decision_comment"])
    record_event(
        action=AuditAction.UPDATE,
        actor=actor,
        target=transfer,
        detail={"approved": approve, "moved_cases": moved},
    )
    return transfer


def move_cases_on_merge(*, keep: Person, duplicate: Person) -> dict[str, Any]:
    """cases' merge step (see people/merging.py): the duplicate's cases and transfer requests go to the
    record kept. A pending request of the duplicate to an office the kept record already has one pending
    to stays with the duplicate (one pending request per person and office): the kept one is decided."""
    moved_cases = Case.objects.filter(person=duplicate).update(person=keep)
    already_pending = TransferRequest.objects.filter(person=keep, status=TransferStatus.PENDING).values(
        "to_office"
    )
    TransferRequest.objects.filter(person=duplicate).exclude(
        status=TransferStatus.PENDING, to_office__in=already_pending
    ).update(person=keep)
    return {"cases_moved": moved_cases}
