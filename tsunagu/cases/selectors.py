"""Every read of cases, already scoped to what the user may see. Views never filter by role themselves."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tsunagu.accounts.models import User
from tsunagu.accounts.roles import CASEWORK_ROLES, Role
from tsunagu.cases.models import (
    OPEN_STATUSES,
    Assessment,
    Case,
    CaseConcern,
    Closure,
    ClosureStatus,
    Evaluation,
    Monitoring,
    Note,
    Plan,
    PlanStatus,
    TransferRequest,
    TransferStatus,
)
from tsunagu.cases.timeline import TimelineEntry, in_order, moment_entry, timeline_sources
from tsunagu.core.dates import local_date
from tsunagu.core.japanese import search_key
from tsunagu.organisations.models import Office
from tsunagu.people.models import ConsentScope, Person, StageChange, normalise_phone
from tsunagu.people.scope import not_hidden, restricted_people
from tsunagu.people.selectors import active_consent_exists, possible_duplicates

NO_CONTACT_DAYS = 30
CASELOAD_LIST_SIZE = 50
MONITORING_SOON_DAYS = 7


def scope_filter(user) -> Q:
    """The cases a user may see: casework staff their office's; city case workers those they referred."""
    condition = Q(pk__in=[])
    if user.role_codes & CASEWORK_ROLES:
        condition |= Q(office_id=user.office_id)
    if user.has_role(Role.CITY_CASEWORKER):
        condition |= Q(referring_caseworker_id=user.pk)
    # A child's own case stays with those who may see the child (people/scope.py).
    return condition & not_hidden(user)


def visible_cases(user) -> QuerySet[Case]:
    return Case.objects.filter(scope_filter(user))


def visible_people(user) -> QuerySet[Person]:
    """The people of the cases the user sees, and the people of a stricter scope (children) shown to the
    user, who may have no case of their own."""
    condition = Q(cases__in=visible_cases(user).values("pk"))
    shown = restricted_people().shown_to(user)
    if shown is not None:
        condition |= Q(pk__in=shown)
    return Person.objects.filter(condition).distinct()


def get_case(user, case_id: int) -> Case:
    """The case, or 404 when it does not exist or lies outside the user's scope (no hint which)."""
    try:
        return (
            visible_cases(user)
            .select_related("person", "person__area", "office", "worker", "employment_worker", "received_by")
            .get(pk=case_id)
        )
    except Case.DoesNotExist as error:
        raise Http404 from error


def get_person(user, person_id: int) -> Person:
    try:
        return visible_people(user).select_related("area").get(pk=person_id)
    except Person.DoesNotExist as error:
        raise Http404 from error


def get_plan(user, plan_id: int) -> Plan:
    try:
        return Plan.objects.select_related("case", "case__person").get(
            pk=plan_id, case__in=visible_cases(user).values("pk")
        )
    except Plan.DoesNotExist as error:
        raise Http404 from error


def get_evaluation(user, evaluation_id: int) -> Evaluation:
    try:
        return Evaluation.objects.select_related("case", "case__person", "plan", "worker").get(
            pk=evaluation_id, case__in=visible_cases(user).values("pk")
        )
    except Evaluation.DoesNotExist as error:
        raise Http404 from error


def current_plan(case: Case) -> Plan | None:
    """The approved plan in force on a case the caller already holds in scope."""
    return case.plans.filter(status=PlanStatus.APPROVED).first()


def get_closure(user, closure_id: int) -> Closure:
    try:
        return Closure.objects.select_related("case").get(
            pk=closure_id, case__in=visible_cases(user).values("pk")
        )
    except Closure.DoesNotExist as error:
        raise Http404 from error


def get_assessment(user, assessment_id: int) -> Assessment:
    try:
        return Assessment.objects.select_related(
            "case__person", "case__office", "case__referring_department", "assessor"
        ).get(pk=assessment_id, case__in=visible_cases(user).values("pk"))
    except Assessment.DoesNotExist as error:
        raise Http404 from error


@dataclass(frozen=True)
class ScoreComparison:
    """One domain of an assessment beside the case's assessment before it."""

    label: str
    before: int | None
    now: int | None

    @property
    def change(self) -> int | None:
        return None if self.before is None or self.now is None else self.now - self.before

    @property
    def size(self) -> int:
        return abs(self.change or 0)


@dataclass
class AssessmentHistory:
    """An assessment with the case's assessments just before and after it, and its scores beside the
    earlier one's."""

    assessment: Assessment
    earlier: Assessment | None
    later: Assessment | None
    scores: list[ScoreComparison]


def assessment_history(assessment: Assessment) -> AssessmentHistory:
    """Two queries: the assessments of the case on either side of this one (a case has a handful)."""
    siblings = list(
        Assessment.objects.filter(case_id=assessment.case_id)
        .exclude(pk=assessment.pk)
        .order_by("assessed_on", "id")
    )
    key = (assessment.assessed_on, assessment.pk)
    earlier = [a for a in siblings if (a.assessed_on, a.pk) < key]
    later = [a for a in siblings if (a.assessed_on, a.pk) > key]
    before = earlier[-1] if earlier else None
    scores = [
        ScoreComparison(str(label), before and getattr(before, f"score_{code}"), score)
        for code, label, score in assessment.scores()
    ]
    return AssessmentHistory(assessment, before, later[0] if later else None, scores)


def contact_access_cases(user) -> QuerySet[Case]:
    """The cases that open a DV-protected person's address and phones to this user: open, assigned to
    them, and with access confirmed (see Case.contact_access_confirmed). The one rule for every page,
    PDF and search that shows or matches a protected contact."""
    return Case.objects.filter(
        Q(worker=user) | Q(employment_worker=user), status__in=OPEN_STATUSES, contact_access_confirmed=True
    )


def contact_visible(user) -> Q:
    """For filtering people: those whose address and phones the user may see (in a query)."""
    return Q(is_dv_protected=False) | Q(pk__in=contact_access_cases(user).values("person_id"))


def can_see_protected_contact(user, person: Person) -> bool:
    """DV: address and phones only for workers assigned to one of the person's open cases, with access
    confirmed (however the case came to exist)."""
    if not person.is_dv_protected:
        return True
    return contact_access_cases(user).filter(person_id=person.pk).exists()


def can_read_notes(user, case: Case) -> bool:
    """City case workers read notes only with the person's consent to share with the city."""
    if user.role_codes & CASEWORK_ROLES and case.office_id == user.office_id:
        return True
    if not (user.has_role(Role.CITY_CASEWORKER) and case.referring_caseworker_id == user.pk):
        return False
    return case.person.consents.filter(scope=ConsentScope.SHARE_CITY, withdrawn_on__isnull=True).exists()


@dataclass
class CaseFilters:
    status: str = ""
    worker_id: int | None = None
    area_id: int | None = None
    stage: str = ""
    concern: str = ""
    contract: str = ""
    opened_from: dt.date | None = None
    opened_to: dt.date | None = None
    query: str = ""
    extra: dict = field(default_factory=dict)


def _search_condition(query: str, user) -> Q:
    """Name or reading, ignoring hiragana/katakana/width and spaces (ﾔﾏﾀﾞ finds 山田 read やまだ); a reference
    or phone number also works. Every test is a prefix match on an indexed key (the full name, the full
    reading, or the given name's reading), so that search stays fast at a million people.

    A DV-protected person's number matches only for those who may see it: for anyone else a hit would
    confirm the withheld number."""
    key = search_key(query)
    people = Person.objects.filter(
        Q(reading_key__prefix=key) | Q(name_key__prefix=key) | Q(given_reading_key__prefix=key)
    )
    condition = Q(person_id__in=people.values("pk"))
    plain = unicodedata.normalize("NFKC", query).strip()
    digits = normalise_phone(plain)
    if len(digits) >= 6 and digits == re.sub(r"[-\s()]", "", plain):
        by_phone = Person.objects.filter(Q(phone_key=digits) | Q(mobile_key=digits)).filter(
            contact_visible(user)
        )
        condition |= Q(person_id__in=by_phone.values("pk"))
    if "-" in plain and plain.replace("-", "").isdigit():
        condition |= Q(reference=plain)
    return condition


def case_list(user, filters: CaseFilters) -> QuerySet[Case]:
    """The filtered case list: a fixed number of queries whatever the page size."""
    cases = visible_cases(user)
    if filters.status == "open":
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif filters.status:
        cases = cases.filter(status=filters.status)
    if filters.worker_id:
        cases = cases.filter(Q(worker_id=filters.worker_id) | Q(employment_worker_id=filters.worker_id))
    if filters.area_id:
        cases = cases.filter(person__area_id=filters.area_id)
    if filters.stage:
        cases = cases.filter(person__current_stage=filters.stage)
    if filters.concern:
        cases = cases.filter(pk__in=CaseConcern.objects.filter(concern=filters.concern).values("case_id"))
    if filters.contract:
        cases = cases.filter(contract=filters.contract)
    if filters.opened_from:
        cases = cases.filter(intake_date__gte=filters.opened_from)
    if filters.opened_to:
        cases = cases.filter(intake_date__lte=filters.opened_to)
    if filters.query.strip():
        cases = cases.filter(_search_condition(filters.query, user))
    return cases.order_by("-intake_date", "-id")


@dataclass(slots=True)
class CaseRow:
    """One line of the case table: plain values, no model instances (a page builds 50 of them)."""

    pk: int
    reference: str
    intake_date: dt.date
    status: str
    worker_name: str
    family_name: str
    given_name: str
    family_name_kana: str
    given_name_kana: str
    stage: str
    area_name: str | None
    person_id: int
    primary_concerns: list[str] = field(default_factory=list)


CASE_ROW_VALUES = (
    "pk", "reference", "intake_date", "status", "worker__display_name", "person__family_name",
    "person__given_name", "person__family_name_kana", "person__given_name_kana", "person__current_stage",
    "person__area__name", "person_id",
)  # fmt: skip


def case_rows(keys: list[int]) -> list[CaseRow]:
    """The rows of the case table for keys taken from case_list (so already in the user's scope): only the
    shown columns as values, with each case's most pressing concern, in two queries."""
    rows = {
        values[0]: CaseRow(*values)
        for values in Case.objects.filter(pk__in=keys).order_by().values_list(*CASE_ROW_VALUES)
    }
    pressing = CaseConcern.objects.filter(case_id__in=keys, is_most_pressing=True).order_by("pk")
    for case_id, concern in pressing.values_list("case_id", "concern"):
        rows[case_id].primary_concerns.append(concern)
    return list(rows.values())


@dataclass(frozen=True, slots=True)
class CaseLink:
    """A case on the caseload page: its key, the person's name, and the date that put it there."""

    pk: int
    name: str
    on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class PlanLink:
    pk: int
    name: str
    version: int


@dataclass
class Caseload:
    monitoring_due: list[CaseLink]
    plans_awaiting: list[PlanLink]
    missing_consent: list[CaseLink]
    no_recent_contact: list[CaseLink]
    open_count: int
    people: list[int]  # the ids of the people the lists name, for the audit trail


def caseload(user, *, today: dt.date | None = None, size: int = CASELOAD_LIST_SIZE) -> Caseload:
    """A worker's own open cases that need something, in four short lists.

    The worker's open cases (a few hundred at most) are read once as plain values and the four lists are
    cut from them here; only the cases shown are then read with their names. Five queries that each walked
    the caseload again cost 3–4 times as much on PostgreSQL."""
    today = today or timezone.localdate()
    # "Assigned to me" as a key subquery: with the OR inline, SQLite walks the whole office's cases by
    # date instead of using the worker indexes.
    assigned = Case.objects.filter(Q(worker=user) | Q(employment_worker=user)).values("pk")
    open_cases = [
        _CaseloadRow(*values)
        for values in visible_cases(user)
        .filter(pk__in=assigned, status__in=OPEN_STATUSES)
        .annotate(has_consent=active_consent_exists())
        .values_list("pk", "intake_date", "next_monitoring_on", "last_contact_on", "has_consent")
    ]
    soon = today + dt.timedelta(days=MONITORING_SOON_DAYS)
    quiet_since = today - dt.timedelta(days=NO_CONTACT_DAYS)
    lists = (
        sorted((r for r in open_cases if r.next_monitoring_on and r.next_monitoring_on <= soon),
               key=lambda r: (r.next_monitoring_on, r.pk))[:size],
        sorted((r for r in open_cases if not r.has_consent), key=lambda r: (r.intake_date, r.pk))[:size],
        # No contact for 30 days (or none since an intake 30 days ago); never-contacted first.
        sorted((r for r in open_cases if (r.last_contact_on or r.intake_date) < quiet_since),
               key=lambda r: (r.last_contact_on is not None, r.last_contact_on or dt.date.min, r.intake_date,
                              r.pk))[:size],
    )  # fmt: skip
    shown = {row.pk for rows in lists for row in rows}
    names, people = _names_of_cases(shown)
    due, unsigned, quiet = lists
    keys = [row.pk for row in open_cases]
    plans = (
        Plan.objects.filter(case_id__in=keys, status=PlanStatus.SUBMITTED)
        .order_by("submitted_at")
        .values_list(
            "pk", "case__person__family_name", "case__person__given_name", "version", "case__person_id"
        )[:size]
        if keys
        else []
    )
    return Caseload(
        monitoring_due=[CaseLink(row.pk, names[row.pk], row.next_monitoring_on) for row in due],
        plans_awaiting=[
            PlanLink(pk, f"{family} {given}", version) for pk, family, given, version, _ in plans
        ],
        missing_consent=[CaseLink(row.pk, names[row.pk]) for row in unsigned],
        no_recent_contact=[CaseLink(row.pk, names[row.pk], row.last_contact_on) for row in quiet],
        open_count=len(open_cases),
        people=[*people, *(row[-1] for row in plans)],
    )


def _names_of_cases(keys: set[int]) -> tuple[dict[int, str], list[int]]:
    """The name on each case, and the ids of those people."""
    if not keys:
        return {}, []
    rows = Case.objects.filter(pk__in=keys).values_list(
        "pk", "person__family_name", "person__given_name", "person_id"
    )
    names, people = {}, []
    for pk, family, given, person_id in rows:
        names[pk] = f"{family} {given}"
        people.append(person_id)
    return names, people


@dataclass(frozen=True)
class _CaseloadRow:
    pk: int
    intake_date: dt.date
    next_monitoring_on: dt.date | None
    last_contact_on: dt.date | None
    has_consent: bool


APPROVAL_QUEUE_SIZE = 100


@dataclass
class ApprovalQueue:
    plans: list[Plan]
    closures: list[Closure]
    plans_waiting: int
    closures_waiting: int


def approval_queue(user, *, size: int = APPROVAL_QUEUE_SIZE) -> ApprovalQueue:
    """What a supervisor must decide: the oldest submitted plans and requested closures of their office
    (a meeting's worth at a time), with how many wait in all."""
    if not user.has_role(Role.SUPERVISOR):
        return ApprovalQueue([], [], 0, 0)
    office_cases = Case.objects.filter(office_id=user.office_id).values("pk")
    plans = Plan.objects.filter(case__in=office_cases, status=PlanStatus.SUBMITTED)
    closures = Closure.objects.filter(case__in=office_cases, status=ClosureStatus.REQUESTED)
    return ApprovalQueue(
        plans=list(
            plans.select_related("case", "case__person", "case__worker").order_by("submitted_at")[:size]
        ),
        closures=list(
            closures.select_related("case", "case__person", "requested_by").order_by("requested_at")[:size]
        ),
        plans_waiting=plans.count(),
        closures_waiting=closures.count(),
    )


RECENT_NOTES = 30


def case_with_records(user, case_id: int) -> Case:
    """A case with everything the case page shows but its support notes (see recent_notes), in a fixed
    number of queries."""
    try:
        case = (
            visible_cases(user)
            .select_related(
                "person", "person__area", "office__organisation", "worker", "employment_worker", "received_by"
            )
            # Each record list comes with its people joined: one query per list, not two.
            .prefetch_related(
                "concerns",
                Prefetch("assessments", with_staff_names(Assessment, "assessor")),
                Prefetch("plans", with_staff_names(Plan, "author", "approved_by")),
                Prefetch("monitorings", with_staff_names(Monitoring, "worker")),
                Prefetch("evaluations", with_staff_names(Evaluation, "worker")),
                Prefetch("closures", with_staff_names(Closure, "requested_by", "decided_by")),
                Prefetch("person__stage_changes", with_staff_names(StageChange, "recorded_by")),
                "emergency_supports",
            )
            .get(pk=case_id)
        )
    except Case.DoesNotExist as error:
        raise Http404 from error
    case._in_scope_of = user.pk
    return case


def case_ids_in_scope(user, case: Case) -> list[int]:
    """[case.pk] when the user sees the case, else []: what the case page's panels and timeline sources
    filter their rows by. The page's case was fetched through the scope and says so, so ten panels ask
    nothing more; repeating the scope as a subquery in each cost the page most of its time at 100,000
    people. Any other case is asked about once."""
    if getattr(case, "_in_scope_of", None) != user.pk:
        case._in_scope_of = user.pk if visible_cases(user).filter(pk=case.pk).exists() else None
    return [case.pk] if case._in_scope_of == user.pk else []


STAFF_NAME_FIELDS = ("id", "username", "display_name")


def with_staff_names(model, *relations: str) -> QuerySet:
    """Records with the staff who made them, reading of each only what names them (a timeline shows
    names; the rest of a user row, password hash included, has no business on the page)."""
    return model.objects.select_related(*relations).only(
        *(f.name for f in model._meta.concrete_fields),
        *(f"{relation}__{name}" for relation in relations for name in STAFF_NAME_FIELDS),
    )


def recent_notes(case: Case, *, limit: int | None = RECENT_NOTES) -> tuple[list[Note], bool]:
    """The case's support notes, newest first: the latest `limit` (None: all of them), and whether older
    ones exist. A case of five years holds hundreds; its page would grow without bound."""
    notes = with_staff_names(Note, "worker").filter(case=case).order_by("-occurred_at", "-id")
    if limit is None:
        return list(notes), False
    latest = list(notes[: limit + 1])  # one more than shown tells that older ones exist
    return latest[:limit], len(latest) > limit


def timeline(user, case: Case, *, notes: list[Note] | None) -> list[TimelineEntry]:
    """Everything that happened to a case, newest first in one order (see cases/timeline.py): its own
    records (uses the prefetches of case_with_records), the given support notes (None for someone who
    may not read them), and the entries the apps above cases add for this user."""
    from django.utils.translation import gettext as _

    def url(name: str, pk: int) -> str:
        return reverse(name, args=[pk])

    entries = [
        TimelineEntry(case.intake_date, "intake", _("Intake"), case.wishes, str(case.received_by)),
    ]
    entries += [
        TimelineEntry(
            a.assessed_on, "assessment", _("Assessment: %(stage)s") % {"stage": a.get_confirmed_stage_display()},
            a.narrative, str(a.assessor), recorded_at=a.created_at, url=url("cases:assessment_detail", a.pk),
            obj=a,
        )
        for a in case.assessments.all()
    ]  # fmt: skip
    for plan in case.plans.all():
        plan_url = url("cases:plan_edit", plan.pk)
        entries.append(
            moment_entry(
                plan.created_at, kind="plan", title=_("Plan v%(v)s drafted") % {"v": plan.version},
                who=str(plan.author), url=plan_url, obj=plan,
            )
        )  # fmt: skip
        if plan.submitted_at:
            title = _("Plan v%(v)s sent for approval") % {"v": plan.version}
            if plan.submission_count > 1:
                title = _("Plan v%(v)s sent for approval again (submission %(n)s)") % {
                    "v": plan.version, "n": plan.submission_count
                }  # fmt: skip
            entries.append(
                moment_entry(plan.submitted_at, kind="submission", title=title, url=plan_url, obj=plan)
            )
        if plan.approved_on:
            entries.append(
                TimelineEntry(
                    plan.approved_on, "approval",
                    _("Plan v%(v)s approved (%(method)s)")
                    % {"v": plan.version, "method": plan.get_approval_method_display()},
                    who=str(plan.approved_by or ""), recorded_at=plan.approved_at, url=plan_url, obj=plan,
                )
            )  # fmt: skip
    if notes is not None:
        ended_on = None if case.is_open else case.closed_on
        for n in notes:
            title = n.get_method_display()
            if ended_on and timezone.localtime(n.occurred_at).date() > ended_on:
                title = _("%(method)s (follow-up after the end)") % {"method": title}
            entries.append(
                moment_entry(
                    n.occurred_at, kind="note", title=title, body=n.content, who=str(n.worker), obj=n
                )
            )
    entries += [
        TimelineEntry(
            m.monitored_on, "monitoring", _("Monitoring: %(progress)s") % {"progress": m.get_progress_display()},
            m.notes, str(m.worker), recorded_at=m.created_at, obj=m,
        )
        for m in case.monitorings.all()
    ]  # fmt: skip
    entries += [
        TimelineEntry(
            e.evaluated_on, "evaluation", _("Evaluation: %(outcome)s") % {"outcome": e.get_outcome_display()},
            "\n".join(filter(None, [e.summary, "・".join(e.state_change_labels())])), str(e.worker),
            recorded_at=e.created_at, obj=e,
        )
        for e in case.evaluations.all()
    ]  # fmt: skip
    for closure in case.closures.all():
        entries.append(
            moment_entry(
                closure.requested_at, kind="closure_request",
                title=_("Closure requested: %(reason)s (closing on %(date)s)")
                % {"reason": closure.get_reason_display(), "date": local_date(closure.closed_on)},
                body=closure.detail, who=str(closure.requested_by), obj=closure,
            )
        )  # fmt: skip
        if closure.decided_at:
            approved = closure.status == ClosureStatus.APPROVED
            entries.append(
                moment_entry(
                    closure.decided_at, kind="closure_decision",
                    title=_("Closure approved") if approved else _("Closure sent back"),
                    body=closure.decision_comment, who=str(closure.decided_by or ""), obj=closure,
                )
            )  # fmt: skip
    entries += [
        TimelineEntry(
            s.changed_on, "stage", _("Stage: %(stage)s") % {"stage": s.get_stage_display()}, s.reason,
            str(s.recorded_by), recorded_at=s.recorded_at, obj=s,
        )
        for s in case.person.stage_changes.all()
    ]  # fmt: skip
    for source in timeline_sources():
        entries += source(user=user, case=case)
    return in_order(entries)


# ---------------------------------------------------------------- intake: the duplicate check, scoped


@dataclass(frozen=True)
class DuplicateHint:
    """A possible record the user may not be shown: only where it lies and whom to ask, nothing that
    identifies the person (no name, reading, birth date or id)."""

    office_id: int | None
    office_name: str
    supervisor_names: tuple[str, ...]
    is_own_office: bool


@dataclass(frozen=True)
class DuplicateOffer:
    """A match offered at intake, and what taking it means: the open case of the office to go on with,
    an open case elsewhere (nothing to take), or neither (a new case for the person on record)."""

    person: Person
    open_case: CaseLink | None = None
    open_elsewhere: bool = False


@dataclass
class DuplicateCheck:
    """What intake may show: matches the user may attach the case to, and hints about the others.

    `hinted_people` (office id → people) is for the transfer request only and never goes to a page;
    `open_cases` (person id → (case id, reference, office id)) names the matches' open cases."""

    matches: list[Person]
    hints: list[DuplicateHint]
    hinted_people: dict[int | None, list[Person]] = field(default_factory=dict)
    open_cases: dict[int, tuple[int, str, int]] = field(default_factory=dict)
    office_id: int | None = None

    def __bool__(self) -> bool:
        return bool(self.matches or self.hints)

    def offers(self) -> list[DuplicateOffer]:
        offers = []
        for person in self.matches:
            case_id, reference, office_id = self.open_cases.get(person.pk, (0, "", None))
            if not case_id:
                offers.append(DuplicateOffer(person))
            elif office_id == self.office_id:
                offers.append(DuplicateOffer(person, open_case=CaseLink(case_id, reference)))
            else:
                offers.append(DuplicateOffer(person, open_elsewhere=True))
        return offers

    def offered(self, person_id: int | None) -> Person | None:
        """The match with this id (from the browser), if it is one the user was offered."""
        return next((p for p in self.matches if p.pk == person_id), None)


def intake_scope_people(user) -> QuerySet[Person]:
    """The people an intake may attach a case to: those with a case of the user's office, and those an
    approved transfer gave to the office (city case workers do no intake, so their scope plays no part)."""
    if not (user.role_codes & CASEWORK_ROLES):
        return Person.objects.none()
    transferred = TransferRequest.objects.filter(to_office_id=user.office_id, status=TransferStatus.APPROVED)
    people = Person.objects.filter(
        Q(pk__in=Case.objects.filter(office_id=user.office_id).values("person_id"))
        | Q(pk__in=transferred.values("person_id"))
    )
    return people.filter(not_hidden(user, person_field="pk"))


def duplicate_check(
    user, *, family_name_kana: str, given_name_kana: str, date_of_birth: dt.date | None, phones=()
) -> DuplicateCheck:
    """The intake duplicate check, scoped: a match within the user's scope is offered (name, reading,
    birth date); any other becomes a hint naming only its office and that office's supervisors. A match
    by phone alone on a DV-protected person whose contact the user may not see is a hint too, even in
    scope: showing who has that number would confirm a withheld number."""
    candidates = list(
        possible_duplicates(
            family_name_kana=family_name_kana,
            given_name_kana=given_name_kana,
            date_of_birth=date_of_birth,
            phones=phones,
        )
    )
    if not candidates:
        return DuplicateCheck([], [])
    keys = [p.pk for p in candidates]
    in_scope = set(intake_scope_people(user).filter(pk__in=keys).values_list("pk", flat=True))
    contact_open = set(Person.objects.filter(contact_visible(user), pk__in=keys).values_list("pk", flat=True))
    reading = search_key(family_name_kana + given_name_kana)
    matches, hidden = [], []
    for person in candidates:
        by_name = bool(reading and date_of_birth) and (person.reading_key, person.date_of_birth) == (
            reading,
            date_of_birth,
        )
        if person.pk in in_scope and (by_name or person.pk in contact_open):
            matches.append(person)
        else:
            hidden.append(person)
    hinted_people = _hinted_offices(user, hidden)
    open_cases = {}
    if matches:
        rows = Case.objects.filter(person_id__in=[p.pk for p in matches], status__in=OPEN_STATUSES).order_by(
            "intake_date", "id"
        )
        # The latest open case of each, this office's first (as register_intake looks at them).
        for person_id, pk, reference, office_id in rows.values_list(
            "person_id", "pk", "reference", "office_id"
        ):
            if open_cases.get(person_id, (0, "", None))[2] != user.office_id or office_id == user.office_id:
                open_cases[person_id] = (pk, reference, office_id)
    return DuplicateCheck(matches, _hints(user, hinted_people), hinted_people, open_cases, user.office_id)


def _hinted_offices(user, people: list[Person]) -> dict[int | None, list[Person]]:
    """Each hidden match under the office to ask: the user's own office for a protected match in scope,
    else the office of the latest open case, else of the latest case; None for a record without a case."""
    offices: dict[int | None, list[Person]] = {}
    if not people:
        return offices
    best: dict[int, tuple[tuple, int]] = {}
    rows = Case.objects.filter(person_id__in=[p.pk for p in people]).values_list(
        "person_id", "office_id", "status", "intake_date", "pk"
    )
    for person_id, office_id, status, intake_date, pk in rows:
        rank = (office_id == user.office_id, status in OPEN_STATUSES, intake_date, pk)
        if person_id not in best or rank > best[person_id][0]:
            best[person_id] = (rank, office_id)
    for person in people:
        office_id = best[person.pk][1] if person.pk in best else None
        offices.setdefault(office_id, []).append(person)
    return offices


def _hints(user, hinted_people: dict[int | None, list[Person]]) -> list[DuplicateHint]:
    office_ids = [key for key in hinted_people if key is not None]
    names = dict(Office.objects.filter(pk__in=office_ids).values_list("pk", "name"))
    supervisors: dict[int, list[str]] = {}
    for office_id, name in (
        User.objects.filter(office_id__in=office_ids, groups__name=Role.SUPERVISOR, is_active=True)
        .order_by("display_name", "pk")
        .values_list("office_id", "display_name")
    ):
        supervisors.setdefault(office_id, []).append(name)
    return [
        DuplicateHint(
            office_id=office_id,
            office_name=names.get(office_id, "") if office_id is not None else "",
            supervisor_names=tuple(supervisors.get(office_id, ())) if office_id is not None else (),
            is_own_office=office_id == user.office_id,
        )
        for office_id in sorted(hinted_people, key=lambda key: (key is None, key or 0))
    ]


# ---------------------------------------------------------------- transfers and contact confirmations


@dataclass
class TransferDesk:
    """The transfers page: what the user's office must decide, and what the user asked for."""

    incoming: list[TransferRequest]
    outgoing: list[TransferRequest]
    unconfirmed_contact: list[Case]
    decides: bool  # a supervisor: decides transfers and confirms contact access for the office


TRANSFER_LIST_SIZE = 100


def pending_transfers(user) -> QuerySet[TransferRequest]:
    """Requests to take on people of the user's office, for its supervisors."""
    if not user.has_role(Role.SUPERVISOR):
        return TransferRequest.objects.none()
    return TransferRequest.objects.filter(from_office_id=user.office_id, status=TransferStatus.PENDING)


def unconfirmed_contact_cases(user) -> QuerySet[Case]:
    """Open cases of the supervisor's office whose worker waits for access to a protected contact."""
    if not user.has_role(Role.SUPERVISOR):
        return Case.objects.none()
    return Case.objects.filter(
        office_id=user.office_id,
        status__in=OPEN_STATUSES,
        contact_access_confirmed=False,
        person__is_dv_protected=True,
    )


def transfer_desk(user, *, size: int = TRANSFER_LIST_SIZE) -> TransferDesk:
    incoming = (
        pending_transfers(user)
        .select_related("person", "to_office", "requested_by")
        .order_by("requested_at", "id")[:size]
    )
    outgoing = (
        TransferRequest.objects.filter(requested_by=user)
        .select_related("from_office", "decided_by")
        .order_by("-requested_at", "-id")[:size]
    )
    unconfirmed = (
        unconfirmed_contact_cases(user)
        .select_related("person", "worker", "employment_worker")
        .order_by("intake_date", "id")[:size]
    )
    return TransferDesk(list(incoming), list(outgoing), list(unconfirmed), user.has_role(Role.SUPERVISOR))


def get_transfer_to_decide(user, transfer_id: int) -> TransferRequest:
    """A pending request to the user's office, for its supervisor; 404 for anyone else."""
    try:
        return (
            pending_transfers(user).select_related("person", "to_office", "requested_by").get(pk=transfer_id)
        )
    except TransferRequest.DoesNotExist as error:
        raise Http404 from error


def person_for_disclosure(user, person_id: int) -> Person:
    """The person an administrator discloses the record of (the view has checked the permission): any
    person, since the administrator answers every 開示請求; 404 for an id that names no one."""
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise Http404
    return person
