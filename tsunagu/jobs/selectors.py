"""Every read of work outcomes and job placement, scoped to the user. A seeker, an introduction, an
outcome and a retention check follow their case's scope (cases.selectors.visible_cases): one out of scope
is 404. Openings name no one: every casework member of staff reads them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.roles import CASEWORK_ROLES, Role
from tsunagu.cases.models import Case
from tsunagu.cases.selectors import case_ids_in_scope, visible_cases
from tsunagu.cases.timeline import TimelineEntry
from tsunagu.core.dates import fiscal_year_of
from tsunagu.jobs import matching
from tsunagu.jobs.models import (
    HelloWorkReferral,
    HelloWorkResult,
    Internship,
    Introduction,
    JobOpening,
    JobSeeker,
    Licence,
    OutcomeKind,
    Qualification,
    RetentionCheck,
    WorkOutcome,
)
from tsunagu.organisations.models import Area, Contact, Organisation, OrganisationType

LIST_SIZE = 200
CASELOAD_CHECKS = 50
CANDIDATES = 300


def _is_casework(user) -> bool:
    return bool(user.is_authenticated and user.role_codes & CASEWORK_ROLES)


def _cases(user) -> QuerySet[Case]:
    return visible_cases(user) if _is_casework(user) else Case.objects.none()


def visible_seekers(user) -> QuerySet[JobSeeker]:
    return JobSeeker.objects.filter(case__in=_cases(user).values("pk"))


def visible_outcomes(user) -> QuerySet[WorkOutcome]:
    return WorkOutcome.objects.filter(case__in=_cases(user).values("pk"))


def _one(queryset: QuerySet, pk: int):
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist as error:
        raise Http404 from error


def get_seeker(user, seeker_id: int) -> JobSeeker:
    return _one(visible_seekers(user).select_related("case__person", "area", "created_by"), seeker_id)


def get_introduction(user, introduction_id: int) -> Introduction:
    rows = Introduction.objects.filter(seeker__in=visible_seekers(user).values("pk"))
    return _one(rows.select_related("seeker__case__person", "opening__employer"), introduction_id)


def get_retention_check(user, check_id: int) -> RetentionCheck:
    rows = RetentionCheck.objects.filter(outcome__in=visible_outcomes(user).values("pk"))
    return _one(rows.select_related("outcome__case__person"), check_id)


def get_opening(user, opening_id: int) -> JobOpening:
    rows = JobOpening.objects.all() if _is_casework(user) else JobOpening.objects.none()
    return _one(rows.select_related("employer", "contact", "area", "created_by"), opening_id)


def get_referral(user, referral_id: int) -> HelloWorkReferral:
    rows = HelloWorkReferral.objects.filter(case__in=_cases(user).values("pk"))
    return _one(rows.select_related("case__person", "office", "outcome__employer", "created_by"), referral_id)


def get_internship(user, internship_id: int) -> Internship:
    rows = Internship.objects.filter(case__in=_cases(user).values("pk"))
    return _one(rows.select_related("case__person", "host", "outcome", "created_by"), internship_id)


def get_qualification(user, qualification_id: int) -> Qualification:
    rows = Qualification.objects.filter(case__in=_cases(user).values("pk"))
    return _one(rows.select_related("case__person"), qualification_id)


def hosted_internships(user) -> QuerySet[Internship]:
    """Partner staff: the internships their organisation hosts that have not ended (to come or under way).
    The pages show the person's name, the period and the terms, nothing of the case."""
    if not (user.is_authenticated and user.has_role(Role.PARTNER_STAFF) and user.organisation_id):
        return Internship.objects.none()
    return Internship.objects.filter(host_id=user.organisation_id, ended_on__isnull=True)


def host_internships(user) -> list[Internship]:
    """The partner portal's list of interns: one query."""
    rows = hosted_internships(user).select_related("case__person").order_by("starts_on", "id")
    return list(rows[:LIST_SIZE])


def get_hosted_internship(user, internship_id: int) -> Internship:
    return _one(hosted_internships(user).select_related("case__person", "host"), internship_id)


def hello_work_offices() -> QuerySet[Organisation]:
    """The public agencies of the directory (Hello Work offices among them)."""
    return Organisation.objects.filter(is_active=True, type=OrganisationType.PUBLIC_AGENCY).order_by("name")


@dataclass(frozen=True)
class HelloWorkYear:
    """One fiscal year of the Hello Work joint support: referrals, plans made, and each result."""

    year: int
    referred: int = 0
    planned: int = 0
    employed: int = 0
    continuing: int = 0
    stopped: int = 0


def hello_work_counts(user, *, years: int = 2) -> list[HelloWorkYear]:
    """The joint support of the cases the user sees, counted apart, by fiscal year of the referral (the
    current one and the one before): one query."""
    this_year = fiscal_year_of(timezone.localdate())
    since = timezone.localdate().replace(year=this_year - years + 1, month=4, day=1)
    rows = HelloWorkReferral.objects.filter(
        case__in=_cases(user).values("pk"), referred_on__gte=since
    ).values_list("referred_on", "plan_on", "result")
    counts = {year: dict.fromkeys(("referred", "planned", *HelloWorkResult.values), 0)
              for year in range(this_year - years + 1, this_year + 1)}  # fmt: skip
    for referred_on, plan_on, result in rows:
        year = counts.get(fiscal_year_of(referred_on))
        if year is None:
            continue
        year["referred"] += 1
        year["planned"] += plan_on is not None
        if result:
            year[result] += 1
    return [HelloWorkYear(year=year, **values) for year, values in sorted(counts.items(), reverse=True)]


def current_licence() -> Licence | None:
    today = timezone.localdate()
    return Licence.objects.filter(valid_from__lte=today, valid_until__gte=today).first()


def licences() -> list[Licence]:
    return list(Licence.objects.all())


# ---------------------------------------------------------------- choices for the forms


def employers() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_active=True).order_by("name")


def employer_contacts() -> QuerySet[Contact]:
    return Contact.objects.filter(organisation__is_active=True).select_related("organisation")


def areas() -> QuerySet[Area]:
    return Area.objects.filter(is_active=True)


def open_openings(on=None) -> QuerySet[JobOpening]:
    day = on or timezone.localdate()
    return JobOpening.objects.filter(received_on__lte=day, valid_until__gte=day)


# ---------------------------------------------------------------- the job placement home


@dataclass(frozen=True)
class JobsHome:
    openings: list[JobOpening]
    seekers: list[JobSeeker]
    licence: Licence | None

    @property
    def people(self) -> list[int]:
        return [seeker.case.person_id for seeker in self.seekers]


def jobs_home(user, *, include_expired: bool = False) -> JobsHome:
    """Openings and the user's seekers (valid today, or all), each list one query."""
    today = timezone.localdate()
    openings = JobOpening.objects.all() if include_expired else open_openings(today)
    seekers = visible_seekers(user)
    if not include_expired:
        seekers = seekers.filter(received_on__lte=today, valid_until__gte=today)
    return JobsHome(
        openings=list(
            openings.select_related("employer", "area").annotate(introduced=Count("introductions"))[
                :LIST_SIZE
            ]
        ),
        seekers=list(seekers.select_related("case__person", "area")[:LIST_SIZE]),
        licence=current_licence(),
    )


# ---------------------------------------------------------------- one opening, one seeker


@dataclass(frozen=True)
class OpeningPage:
    opening: JobOpening
    introductions: list[Introduction]
    suggestions: list[matching.Match]

    @property
    def people(self) -> list[int]:
        seen = [i.seeker.case.person_id for i in self.introductions]
        return seen + [m.seeker.case.person_id for m in self.suggestions]


def opening_page(user, opening: JobOpening) -> OpeningPage:
    """The opening's introductions of people the user may see, and the seekers of their scope it suits."""
    introductions = list(
        opening.introductions.filter(seeker__in=visible_seekers(user).values("pk")).select_related(
            "seeker__case__person"
        )
    )
    already = {i.seeker_id for i in introductions}
    today = timezone.localdate()
    seekers = (
        visible_seekers(user)
        .filter(received_on__lte=today, valid_until__gte=today)
        .exclude(pk__in=already)
        .select_related("case__person", "area")[:CANDIDATES]
    )
    suggestions = matching.best(matching.match(opening, seeker) for seeker in seekers)
    return OpeningPage(opening=opening, introductions=introductions, suggestions=suggestions)


@dataclass(frozen=True)
class SeekerPage:
    seeker: JobSeeker
    introductions: list[Introduction]
    suggestions: list[matching.Match]
    openings: list[JobOpening]  # every opening valid today (to introduce to one not suggested)


def seeker_page(user, seeker: JobSeeker) -> SeekerPage:
    introductions = list(seeker.introductions.select_related("opening__employer", "outcome"))
    already = {i.opening_id for i in introductions}
    openings = list(open_openings().exclude(pk__in=already).select_related("employer", "area")[:CANDIDATES])
    suggestions = matching.best(matching.match(opening, seeker) for opening in openings)
    return SeekerPage(seeker=seeker, introductions=introductions, suggestions=suggestions, openings=openings)


# ---------------------------------------------------------------- the case page and the caseload


@dataclass(frozen=True)
class CaseWorkRecords:
    outcomes: list[WorkOutcome]
    hello_work_referrals: list[HelloWorkReferral]
    internships: list[Internship]
    qualifications: list[Qualification]


def case_work_records(user, case: Case) -> CaseWorkRecords | None:
    """The case's work outcomes (with their checks), Hello Work referrals, internships and qualifications,
    for casework staff who see the case; None for anyone else. Read once per page and kept on the case:
    the work panel and the timeline both show them (four queries, five with checks)."""
    if not _is_casework(user) or not case_ids_in_scope(user, case):
        return None
    records = case.__dict__.get("_work_records")
    if records is None:
        records = CaseWorkRecords(
            outcomes=list(
                case.work_outcomes.select_related("employer", "recorded_by").prefetch_related(
                    "retention_checks"
                )
            ),
            hello_work_referrals=list(case.hello_work_referrals.select_related("office")),
            internships=list(case.internships.select_related("host")),
            qualifications=list(case.qualifications.all()),
        )
        case._work_records = records
    return records


def case_work_panel(user, case: Case) -> dict:
    """The case's work records (`case_work_records`) and registrations, for casework staff."""
    records = case_work_records(user, case)
    if records is None:
        return {}
    return {
        "work_outcomes": records.outcomes,
        "job_registrations": list(case.job_registrations.all()),
        "hello_work_referrals": records.hello_work_referrals,
        "internships": records.internships,
        "qualifications": records.qualifications,
        "can_record_work": user.has_perm("jobs.work_on_case", case),
        # The day a one-tap retention check records (ISO, as the form reads it).
        "work_day": timezone.localdate().isoformat(),
    }


def retention_checks_due(user) -> list[RetentionCheck]:
    """The next retention check of each start of work on the cases the user is the employment worker of
    (or the worker, when the case has no employment worker): one query."""
    mine = Q(outcome__case__employment_worker=user) | Q(
        outcome__case__employment_worker__isnull=True, outcome__case__worker=user
    )
    rows = (
        RetentionCheck.objects.filter(
            mine, checked_on__isnull=True, outcome__case__in=_cases(user).values("pk")
        )
        .select_related("outcome__case__person", "outcome__employer")
        .order_by("outcome_id", "months")
    )
    first: dict[int, RetentionCheck] = {}
    for check in rows[: CASELOAD_CHECKS * 3]:
        first.setdefault(check.outcome_id, check)
    return sorted(first.values(), key=lambda check: (check.due_on, check.pk))[:CASELOAD_CHECKS]


def case_timeline_entries(*, user, case: Case) -> list[TimelineEntry]:
    """The case's work outcomes, its introductions' steps, its Hello Work referrals, internships and
    qualifications, for casework staff who see the case (one query beyond the work records)."""
    records = case_work_records(user, case)
    if records is None:
        return []
    entries: list[TimelineEntry] = []
    for outcome in records.outcomes:
        if outcome.kind == OutcomeKind.STARTED_WORK:
            body = f"{outcome.employer_label}・{outcome.get_employment_form_display()}・{outcome.get_route_display()}"
        else:
            body = _("Monthly income %(before)s → %(after)s yen") % {
                "before": f"{outcome.income_before:,}", "after": f"{outcome.income_after:,}",
            }  # fmt: skip
        entries.append(
            TimelineEntry(
                day=outcome.on,
                kind="work_outcome",
                title=outcome.get_kind_display(),
                body=body,
                who=str(outcome.recorded_by),
                recorded_at=outcome.created_at,
            )
        )
    entries += _support_entries(records)
    introductions = Introduction.objects.filter(seeker__case=case).select_related("opening__employer")
    for introduction in introductions:
        url = reverse("jobs:seeker_detail", args=[introduction.seeker_id])
        body = str(introduction.opening)
        entries.append(
            TimelineEntry(
                day=introduction.introduced_on,
                kind="job_introduction",
                title=_("Introduced to an opening"),
                body=body,
                url=url,
                recorded_at=introduction.created_at,
            )
        )
        if introduction.has_result:
            entries.append(
                TimelineEntry(
                    day=introduction.result_on,
                    kind="job_introduction",
                    title=introduction.get_status_display(),
                    body=body,
                    url=url,
                )
            )
    return entries


# ---------------------------------------------------------------- the register (求人求職管理簿)


@dataclass(frozen=True)
class Ledger:
    """The openings and the seekers on the register during a period (received by its end, still valid at
    its start), each with its introductions (`shown_introductions`), oldest first."""

    first: dt.date
    last: dt.date
    openings: list[JobOpening]
    seekers: list[JobSeeker]

    @property
    def people(self) -> list[int]:
        named = [seeker.case.person_id for seeker in self.seekers]
        for opening in self.openings:
            named += [i.seeker.case.person_id for i in opening.shown_introductions]
        return named


def ledger(user, *, first: dt.date, last: dt.date) -> Ledger:
    """The 求人求職管理簿 of the period: every opening (an opening names no one), the seekers of the user's
    scope, and the introductions to the seekers of their scope only. Four queries, whatever the size."""
    in_scope = visible_seekers(user)
    on_register = Q(received_on__lte=last, valid_until__gte=first)
    opening_introductions = (
        Introduction.objects.filter(seeker__in=in_scope.values("pk"))
        .select_related("seeker__case__person")
        .order_by("introduced_on", "pk")
    )
    openings = (
        (JobOpening.objects.all() if _is_casework(user) else JobOpening.objects.none())
        .filter(on_register)
        .select_related("employer", "area")
        .prefetch_related(Prefetch("introductions", opening_introductions, to_attr="shown_introductions"))
        .order_by("received_on", "pk")
    )
    seeker_introductions = Introduction.objects.select_related("opening__employer").order_by(
        "introduced_on", "pk"
    )
    seekers = (
        in_scope.filter(on_register)
        .select_related("case__person", "area")
        .prefetch_related(Prefetch("introductions", seeker_introductions, to_attr="shown_introductions"))
        .order_by("received_on", "pk")
    )
    return Ledger(first=first, last=last, openings=list(openings), seekers=list(seekers))


def _support_entries(records: CaseWorkRecords) -> list[TimelineEntry]:
    """The Hello Work referrals, internships and qualifications of the case, each with its steps."""
    entries: list[TimelineEntry] = []
    for referral in records.hello_work_referrals:
        url = reverse("jobs:hello_work_detail", args=[referral.pk])
        entries.append(TimelineEntry(day=referral.referred_on, kind="hello_work", title=_("Referred to Hello Work joint support"), body=referral.office.name, url=url, recorded_at=referral.created_at))  # fmt: skip
        if referral.plan_on:
            entries.append(TimelineEntry(day=referral.plan_on, kind="hello_work", title=_("Hello Work joint support plan"), body=referral.plan, url=url))  # fmt: skip
        if referral.result:
            entries.append(TimelineEntry(day=referral.result_on, kind="hello_work", title=_("Hello Work joint support: %(result)s") % {"result": referral.get_result_display()}, url=url))  # fmt: skip
    for internship in records.internships:
        url = reverse("jobs:internship_detail", args=[internship.pk])
        entries.append(TimelineEntry(day=internship.starts_on, kind="internship", title=_("Internship"), body=internship.host.name, url=url, recorded_at=internship.created_at))  # fmt: skip
        if internship.ended_on:
            title = _("Internship ended: hired by the host") if internship.hired else _("Internship ended")
            entries.append(TimelineEntry(day=internship.ended_on, kind="internship", title=title, body=internship.evaluation, url=url))  # fmt: skip
    for qualification in records.qualifications:
        entries.append(TimelineEntry(day=qualification.starts_on, kind="qualification", title=_("Qualification pursued"), body=f"{qualification.course}・{qualification.get_funding_display()}", recorded_at=qualification.created_at))  # fmt: skip
        if qualification.result:
            entries.append(TimelineEntry(day=qualification.result_on, kind="qualification", title=qualification.get_result_display(), body=qualification.course))  # fmt: skip
    return entries
