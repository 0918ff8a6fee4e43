"""Who may tutor at a class besides staff and the directory's contacts: the people that higher apps name.
The community work knows who supports others (community.SupporterRole), but children sits below
community: so community registers its source here in its AppConfig.ready(), as a function of the user
giving the people it names in that user's scope, instead of children importing community."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet

from tsunagu.people.models import Person
from tsunagu.people.scope import person_scope

TutorCandidates = Callable[[Any], QuerySet[Person]]

_sources: list[TutorCandidates] = []


def register_tutor_candidates(source: TutorCandidates) -> None:
    """Add a source of candidates: `source(user)` gives the people it names for that user."""
    if source not in _sources:
        _sources.append(source)


def tutor_candidates(user) -> QuerySet[Person]:
    """The people the sources name for the user, only those the user may see (whatever a source gives),
    children never, in あいうえお order."""
    if not _sources:
        return Person.objects.none()
    named = Q(pk__in=[])
    for source in _sources:
        named |= Q(pk__in=source(user).values("pk"))
    return (
        person_scope()
        .visible_people(user)
        .filter(named, merged_into__isnull=True, child_record__isnull=True)
        .order_by("reading_key", "pk")
    )
