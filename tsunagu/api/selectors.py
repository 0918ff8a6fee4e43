"""Every read of the API, scoped exactly as the pages: each list is the owning app's selector (the people of
people/scope.py, the cases of cases/selectors.py, the placements of programs, the referrals of network),
with only what the API adds (its order for paging, the related rows its answers name). Asked for one
record outside the user's scope, a detail answers 404 as the pages do."""

from __future__ import annotations

from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet, When
from django.db.models import Case as When_
from django.http import Http404

from tsunagu.accounts.models import User
from tsunagu.accounts.roles import CASEWORK_ROLES, Role
from tsunagu.api.models import ApiToken
from tsunagu.cases import selectors as cases
from tsunagu.cases.models import Case, Note, Plan
from tsunagu.network.models import Referral
from tsunagu.network.selectors_referrals import visible_referrals
from tsunagu.people.models import Consent, ConsentScope, Person
from tsunagu.people.scope import person_scope
from tsunagu.programs import selectors as programs
from tsunagu.programs.models import Attendance, Placement
from tsunagu.work.models import WorkLog


def people(user) -> QuerySet[Person]:
    """The people the person pages show the user, each with whether their contact is shown (DV)."""
    shown = When_(When(cases.contact_visible(user), then=True), default=False, output_field=BooleanField())
    return person_scope().visible_people(user).select_related("area").annotate(contact_shown=shown)


def cases_of(user) -> QuerySet[Case]:
    return cases.visible_cases(user).select_related("office", "worker", "employment_worker", "person")


def notes(user) -> QuerySet[Note]:
    """The notes the case page shows (cases.selectors.can_read_notes, as a query): casework staff those of
    their office's cases; a city case worker those of the cases they referred, while the person's consent to
    share with the city stands."""
    visible = cases.visible_cases(user)
    condition = Q(pk__in=[])
    if user.role_codes & CASEWORK_ROLES:
        condition |= Q(office_id=user.office_id)
    if user.has_role(Role.CITY_CASEWORKER):
        consented = Consent.objects.filter(
            person=OuterRef("person"), scope=ConsentScope.SHARE_CITY, withdrawn_on__isnull=True
        )
        condition |= Q(referring_caseworker_id=user.pk) & Q(Exists(consented))
    readable = visible.filter(condition)
    return Note.objects.filter(case__in=readable.values("pk")).select_related("case", "worker")


def plans(user) -> QuerySet[Plan]:
    return Plan.objects.filter(case__in=cases.visible_cases(user).values("pk")).select_related("case")


def placements(user) -> QuerySet[Placement]:
    return programs.visible_placements(user).select_related("person", "host__program", "host__organisation")


def attendance(user) -> QuerySet[Attendance]:
    """The attendance of the placements the user sees; the hub's reasons for an absence only for hub
    casework staff (programs.selectors.sees_absence_reasons), as on the roll-call."""
    return Attendance.objects.filter(
        placement__in=programs.visible_placements(user).values("pk")
    ).select_related("session", "placement")


def sees_absence_reasons(user) -> bool:
    return programs.sees_absence_reasons(user)


def referrals(user) -> QuerySet[Referral]:
    return visible_referrals(user).select_related("case__person", "sender", "receiver", "service")


def sees_referral_case(user) -> bool:
    """Hub casework staff see a referral's case; a receiver sees the referral's minimum."""
    return bool(user.role_codes & CASEWORK_ROLES)


def work_logs(user) -> QuerySet[WorkLog]:
    """The work logs of the placements the user sees (the day sheet's people: hub staff their office's,
    partner staff those placed with their organisation)."""
    return WorkLog.objects.filter(
        placement__in=programs.visible_placements(user).values("pk")
    ).select_related("work_type")


def one(queryset: QuerySet, pk: int):
    """One record of a scoped list, or 404 (out of scope and missing alike)."""
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist as error:
        raise Http404 from error


# ---------------------------------------------------------------- tokens


def own_tokens(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


def organisation_tokens(user: User) -> QuerySet[ApiToken]:
    """For an administrator: every token of the users of their organisation."""
    return (
        ApiToken.objects.filter(user__organisation_id=user.organisation_id)
        .select_related("user")
        .order_by("-created_at", "-id")
    )


def token_to_revoke(user: User, token_id: int) -> ApiToken:
    """The user's own token, or (an administrator) one of their organisation's; else 404."""
    tokens = ApiToken.objects.select_related("user")
    condition = Q(user=user)
    if user.has_perm("api.revoke_any_token"):
        condition |= Q(user__organisation_id=user.organisation_id)
    try:
        return tokens.filter(condition).get(pk=token_id)
    except ApiToken.DoesNotExist as error:
        raise Http404 from error
