"""Every read of the community pages. Issues, resources, sessions and projects name no one, so every
role allowed in (community.view_community) reads them; whatever names a person (the people referred to a
resource, its supporters, a project's participants, who moved to supporting) is read through the case
and placement scopes of the apps below, and only casework staff get it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from tsunagu.cases.models import Case
from tsunagu.cases.selectors import visible_cases, visible_people
from tsunagu.community.models import (
    BodyArea,
    Issue,
    IssueMatch,
    IssueStatus,
    Project,
    Resource,
    ResourceKind,
    ResourceSession,
    SupporterRole,
    Theme,
)
from tsunagu.network.models import Body, Meeting, MeetingKind, Referral
from tsunagu.network.selectors_referrals import visible_referrals
from tsunagu.organisations.models import Area, Organisation, Service
from tsunagu.people.models import Person
from tsunagu.programs.models import Placement, ProgramHost
from tsunagu.programs.selectors import visible_placements

LIST_SIZE = 200
SUGGESTIONS = 10
PEOPLE_ROWS = 100


def sees_people(user) -> bool:
    return user.has_perm("community.see_small_counts")


def _one(queryset: QuerySet, pk: int):
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist as error:
        raise Http404 from error


# ---------------------------------------------------------------- lists for forms


def themes() -> QuerySet[Theme]:
    return Theme.objects.filter(is_active=True)


def resource_kinds() -> QuerySet[ResourceKind]:
    return ResourceKind.objects.filter(is_active=True)


def areas() -> QuerySet[Area]:
    return Area.objects.filter(is_active=True)


def themes_for(issue: Issue) -> QuerySet[Theme]:
    """The themes an issue's edit offers: those in use, and the issue's own even if retired."""
    return Theme.objects.filter(Q(is_active=True) | Q(pk=issue.theme_id))


def areas_for(issue: Issue) -> QuerySet[Area]:
    return Area.objects.filter(Q(is_active=True) | Q(pk=issue.area_id))


def organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_active=True)


def services() -> QuerySet[Service]:
    return Service.objects.select_related("organisation")


def body_meetings() -> QuerySet[Meeting]:
    """The sub-committee meetings an issue may have been raised in (the last two years)."""
    since = timezone.localdate() - dt.timedelta(days=731)
    return Meeting.objects.filter(kind=MeetingKind.BODY, held_on__gte=since).select_related("body")


def bodies() -> QuerySet[Body]:
    return Body.objects.filter(is_active=True)


def program_hosts() -> QuerySet[ProgramHost]:
    return ProgramHost.objects.select_related("program", "organisation")


def resources() -> QuerySet[Resource]:
    return Resource.objects.select_related("kind", "area", "owner")


# ---------------------------------------------------------------- issues


def get_issue(issue_id: int) -> Issue:
    return _one(Issue.objects.select_related("area", "theme", "meeting", "body", "raised_by"), issue_id)


def issue_list(*, area: Area | None = None, status: str = "", body: Body | None = None) -> QuerySet[Issue]:
    issues = Issue.objects.select_related("area", "theme", "body").annotate(match_count=Count("matches"))
    if area is not None:
        issues = issues.filter(area=area)
    if status:
        issues = issues.filter(status=status)
    if body is not None:
        issues = issues.filter(body=body)
    return issues[:LIST_SIZE]


@dataclass(frozen=True)
class UnmatchedArea:
    area: Area
    issues: int
    people_touched: int


def unmatched_by_area() -> list[UnmatchedArea]:
    """Per area, the open issues no resource answers yet (most first)."""
    rows = (
        Issue.objects.filter(status=IssueStatus.OPEN)
        .values("area")
        .annotate(n=Count("id"), people=Sum("people_touched"))
        .order_by("-n")
    )
    names = Area.objects.in_bulk([row["area"] for row in rows])
    return [UnmatchedArea(names[row["area"]], row["n"], row["people"] or 0) for row in rows]


@dataclass(frozen=True)
class Suggestion:
    resource: Resource
    same_area: bool
    same_theme: bool


def suggestions(issue: Issue, *, size: int = SUGGESTIONS) -> list[Suggestion]:
    """Resources open today in the issue's area or answering its theme, those with both first. Only a
    proposal: a person confirms the match (services.match_issue)."""
    today = timezone.localdate()
    matched = issue.matches.values("resource")
    candidates = (
        Resource.objects.filter(Q(area=issue.area) | Q(themes=issue.theme))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .exclude(pk__in=matched)
        .annotate(
            theme_hit=Exists(
                Theme.resources.through.objects.filter(resource=OuterRef("pk"), theme=issue.theme)
            )
        )
        .select_related("kind", "area", "owner")
        .distinct()
    )
    found = [Suggestion(r, r.area_id == issue.area_id, r.theme_hit) for r in candidates]
    found.sort(key=lambda s: (-(s.same_area + s.same_theme), s.resource.name))
    return found[:size]


def issue_matches(issue: Issue) -> QuerySet[IssueMatch]:
    return issue.matches.select_related("resource", "resource__kind", "confirmed_by")


# ---------------------------------------------------------------- resources


def get_resource(resource_id: int) -> Resource:
    return _one(resources().select_related("service"), resource_id)


def get_resource_session(session_id: int) -> ResourceSession:
    """A session of a resource (sessions name no one: every role allowed in reads them)."""
    return _one(ResourceSession.objects.select_related("resource", "resource__kind"), session_id)


def resource_list(*, kind: ResourceKind | None = None, area: Area | None = None) -> QuerySet[Resource]:
    found = resources().annotate(session_count=Count("sessions"))
    if kind is not None:
        found = found.filter(kind=kind)
    if area is not None:
        found = found.filter(area=area)
    return found[:LIST_SIZE]


@dataclass
class ResourcePage:
    sessions: list[ResourceSession]
    totals: dict
    matched_issues: list[IssueMatch]
    referrals: list[Referral] = field(default_factory=list)
    supporters: list[SupporterRole] = field(default_factory=list)
    people: list[int] = field(default_factory=list)


def referrals_to(user, resource: Resource) -> QuerySet[Referral]:
    """The people referred there from casework: the network's referrals to the resource's service (to its
    owner, when it has no service in the directory), as far as the user's scope reaches."""
    condition = Q(receiver_id=resource.owner_id)
    condition &= Q(service_id=resource.service_id) if resource.service_id else Q()
    referrals = visible_referrals(user).filter(condition)
    return referrals.filter(case__in=visible_cases(user).values("pk")).select_related("case__person")


def resource_page(user, resource: Resource) -> ResourcePage:
    """The resource's sessions of the last twelve months (all of them, so that the totals shown are the sum
    of the rows shown), the issues it answers, and, to casework staff, who was referred there and who
    supports there."""
    since = timezone.localdate() - dt.timedelta(days=365)
    sessions = list(resource.sessions.filter(held_on__gt=since))
    totals = {"count": len(sessions)}
    matched = list(resource.matches.select_related("issue", "issue__area", "issue__theme"))
    page = ResourcePage(sessions=sessions, totals=totals, matched_issues=matched)
    if sees_people(user):
        page.referrals = list(referrals_to(user, resource)[:PEOPLE_ROWS])
        page.supporters = list(
            resource.supporters.filter(person__in=visible_people(user).values("pk")).select_related("person")[
                :PEOPLE_ROWS
            ]
        )
        page.people = sorted(
            {r.case.person_id for r in page.referrals} | {s.person_id for s in page.supporters}
        )
    return page


def cafeteria_totals(*, start: dt.date, end: dt.date) -> list[dict]:
    """Per resource that holds sessions: sessions, meals, children and adults in the period."""
    return list(
        ResourceSession.objects.filter(held_on__range=(start, end))
        .values("resource__id", "resource__name")
        .annotate(
            count=Count("id"),
            meals=Sum("meals"),
            children=Sum("children"),
            adults=Sum("adults"),
            volunteers=Sum("volunteers"),
        )
        .order_by("resource__name")
    )


# ---------------------------------------------------------------- supporters


def get_supporter_role(user, role_id: int) -> SupporterRole:
    """A supporter role of a person the user sees (404 otherwise: the role follows its person's scope)."""
    roles = SupporterRole.objects.select_related("person", "resource", "host__program", "host__organisation")
    return _one(roles.filter(person__in=visible_people(user).values("pk")), role_id)


def person_supporter_roles(person: Person) -> list[SupporterRole]:
    """The person's supporter roles (the person page is already scoped to the user)."""
    return list(person.supporter_roles.select_related("resource", "host__program", "host__organisation"))


def first_supported_on(person: Person) -> dt.date | None:
    """The intake date of the person's first case: when the hub began supporting them."""
    return (
        Case.objects.filter(person=person)
        .order_by("intake_date")
        .values_list("intake_date", flat=True)
        .first()
    )


def _once_supported() -> Exists:
    """The person had a case opened before the supporter role began."""
    return Exists(Case.objects.filter(person=OuterRef("person"), intake_date__lt=OuterRef("started_on")))


def supported_to_supporting(user) -> QuerySet[SupporterRole]:
    """Supporter roles of people once supported (a case opened before the role), in the user's scope."""
    roles = SupporterRole.objects.filter(_once_supported())
    if not user.has_perm("community.view_supporters"):
        return roles.none()
    return roles.filter(person__in=visible_people(user).values("pk")).select_related(
        "person", "resource", "host__program"
    )[:PEOPLE_ROWS]


def current_supporters(user) -> QuerySet[Person]:
    """The people holding a supporter role today, in the user's scope: the volunteers a children's class
    may take as tutors (registered with children/tutors.py)."""
    today = timezone.localdate()
    current = SupporterRole.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today), started_on__lte=today
    )
    return visible_people(user).filter(pk__in=current.values("person_id"))


def supporter_counts() -> dict[str, int]:
    """How many people hold a supporter role now, and how many of them were once supported: counts."""
    today = timezone.localdate()
    current = SupporterRole.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today), started_on__lte=today
    )
    return {
        "supporters": current.values("person").distinct().count(),
        "once_supported": current.filter(_once_supported()).values("person").distinct().count(),
    }


# ---------------------------------------------------------------- sub-committees


def get_body(body_id: int) -> Body:
    return _one(Body.objects.all(), body_id)


def body_area(body: Body) -> Area | None:
    row = BodyArea.objects.filter(body=body).select_related("area").first()
    return row.area if row else None


def body_meetings_of(body: Body) -> QuerySet[Meeting]:
    return body.meetings.order_by("-held_on")[:LIST_SIZE]


# ---------------------------------------------------------------- community projects


def get_project(project_id: int) -> Project:
    return _one(
        Project.objects.select_related("area", "resource", "host__program", "host__organisation"), project_id
    )


def project_list() -> QuerySet[Project]:
    return Project.objects.select_related("area").annotate(partner_count=Count("partners", distinct=True))


@dataclass
class ProjectPage:
    partners: list
    flows: list
    work_days: list
    totals: dict
    participant_count: int
    participants: list[Placement] = field(default_factory=list)
    people: list[int] = field(default_factory=list)


def project_page(user, project: Project) -> ProjectPage:
    days = project.work_days.all()
    totals = days.aggregate(days=Count("id"), kg=Sum("output_kg"), hours=Sum("hours"), workers=Sum("workers"))
    placements = Placement.objects.filter(host=project.host) if project.host_id else Placement.objects.none()
    taking_part = placements.filter(started_on__isnull=False)
    page = ProjectPage(
        partners=list(project.partners.select_related("organisation")),
        flows=list(project.flows.select_related("source", "target")),
        work_days=list(days[:60]),
        totals=totals,
        participant_count=taking_part.values("person").distinct().count(),
    )
    if sees_people(user):
        page.participants = list(
            taking_part.filter(pk__in=visible_placements(user).values("pk")).select_related("person")[
                :PEOPLE_ROWS
            ]
        )
        page.people = sorted({p.person_id for p in page.participants})
    return page
