"""The stricter scope of children's records, registered with people/scope.py (RestrictedPeople): the
lower apps' lists (person search, case list, roll-calls, the overview's drill-down) ask it, so that no
child shows up there for anyone who may not see the child."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from tsunagu.accounts.roles import CASEWORK_ROLES
from tsunagu.cases.models import OPEN_STATUSES, Case
from tsunagu.children.models import CHILDREN_SUPPORT_GROUP, Child


def is_children_support(user) -> bool:
    """Children's-support staff: hub casework staff in the group children_support."""
    codes = user.role_codes if user and user.is_authenticated else frozenset()
    return bool(codes & CASEWORK_ROLES) and CHILDREN_SUPPORT_GROUP in codes


def guardian_cases(user) -> QuerySet[Case]:
    """The open cases the user works on as the assigned worker (相談支援員 or 就労支援員)."""
    return Case.objects.filter(
        Q(worker_id=user.pk) | Q(employment_worker_id=user.pk), status__in=OPEN_STATUSES
    )


def visible_children(user) -> QuerySet[Child]:
    if not (user and user.is_authenticated and user.role_codes & CASEWORK_ROLES):
        return Child.objects.none()
    if is_children_support(user):
        return Child.objects.all()
    return Child.objects.filter(household_member__person__in=guardian_cases(user).values("person_id"))


def hidden_from(user) -> QuerySet | None:
    if is_children_support(user):
        return None
    children = Child.objects.all()
    if user and user.is_authenticated and user.role_codes & CASEWORK_ROLES:
        children = children.exclude(pk__in=visible_children(user).values("pk"))
    return children.values("person_id")


def shown_to(user) -> QuerySet | None:
    if not (user and user.is_authenticated and user.role_codes & CASEWORK_ROLES):
        return None
    return visible_children(user).values("person_id")


def shown_by_name_only() -> QuerySet:
    """Every child: the partner whose class a child is in sees the name and the schedule, nothing else."""
    return Child.objects.values("person_id")
