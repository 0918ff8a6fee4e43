"""community's part of the retention job (tsunagu/people/retention.py): supporter roles' notes. A person
who supports others now (a role without an end, or ending later) keeps their record whole."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from tsunagu.community.models import SupporterRole
from tsunagu.people.retention import add_counts, blank_rows, register_anonymise_step, register_retention_hold


def anonymise_supporter_roles(*, people: set[int], cases: set[int], on: dt.date) -> dict[str, int]:
    return add_counts({}, blank_rows(SupporterRole, person__in=people))


def people_supporting_now(*, people: set[int]) -> set[int]:
    today = timezone.localdate()
    return set(
        SupporterRole.objects.filter(person__in=people)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .values_list("person_id", flat=True)
    )


def register() -> None:
    register_anonymise_step(anonymise_supporter_roles, covers=("community.SupporterRole",))
    register_retention_hold(people_supporting_now)
