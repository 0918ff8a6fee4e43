"""Which people a user may see is decided by cases (a person is in scope through their cases), which
sits above people. So the person pages ask a scope provider that cases registers in its
AppConfig.ready(), instead of importing cases.

The provider is cases.selectors itself: it has the four functions of PersonScope.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet, Value

from tsunagu.people.models import Person


class PersonScope(Protocol):
    def get_person(self, user, person_id: int) -> Person:
        """The person if the user may see them, else Http404."""

    def visible_people(self, user) -> QuerySet[Person]: ...

    def visible_cases(self, user) -> QuerySet[Any]:
        """The cases the user may see (the person page lists a person's cases, and finds a person by one)."""

    def can_see_protected_contact(self, user, person: Person) -> bool: ...


_provider: PersonScope | None = None


def register_person_scope(provider: PersonScope) -> None:
    global _provider
    _provider = provider


def person_scope() -> PersonScope:
    if _provider is None:  # without a scope nobody may see anybody: fail loudly rather than show all
        raise RuntimeError("No person scope registered: is tsunagu.cases in INSTALLED_APPS?")
    return _provider


# ---------------------------------------------------------------- people under a stricter scope


class RestrictedPeople(Protocol):
    """People whose record follows a stricter scope than their cases give (children: the children app
    registers it). Each answer is a queryset of person ids (a `person_id` column), or None for "none".
    Lists keep the hidden people out through `not_hidden`, not `exclude(pk__in=...)`."""

    def hidden_from(self, user) -> QuerySet[Any] | None:
        """Ids of the restricted people this user may not see, whatever cases the user sees."""

    def shown_to(self, user) -> QuerySet[Any] | None:
        """Ids of the restricted people this user may see (they may have no case of their own)."""

    def shown_by_name_only(self) -> QuerySet[Any] | None:
        """Ids of the restricted people whom the partners they are placed with see by name and schedule
        only: no emergency contact, no attendance rate, no evaluation."""


class _NoRestrictedPeople:
    def hidden_from(self, user) -> None:
        return None

    def shown_to(self, user) -> None:
        return None

    def shown_by_name_only(self) -> None:
        return None


_restricted: RestrictedPeople = _NoRestrictedPeople()


def register_restricted_people(provider: RestrictedPeople) -> None:
    global _restricted
    _restricted = provider


def restricted_people() -> RestrictedPeople:
    return _restricted


def not_hidden(user, *, person_field: str = "person_id") -> Q:
    """The condition that keeps the restricted people hidden from the user out of a list, the person
    named by `person_field` of the list's rows. A correlated NOT EXISTS, which PostgreSQL plans as an
    anti-join by the table's statistics; a NOT IN of the ids was estimated to halve any list, and turned
    the caseload from the worker's 500 cases into a scan of the office's 56,000 (4 ms to 300 ms at M)."""
    hidden = _restricted.hidden_from(user)
    if hidden is None:
        return Q()
    return Q(~Exists(hidden.filter(person_id=OuterRef(person_field))))


def by_name_only(*, person_field: str = "person_id") -> Exists | Value:
    """An annotation: whether the person named by `person_field` of the row is one whom partners see by
    name and schedule only."""
    names = _restricted.shown_by_name_only()
    if names is None:
        return Value(False, output_field=BooleanField())
    return Exists(names.filter(person_id=OuterRef(person_field)))


def is_shown_by_name_only(person_id: int) -> bool:
    """Whether partners see this person by name and schedule only (a child placed with them)."""
    names = _restricted.shown_by_name_only()
    return names is not None and names.filter(person_id=person_id).exists()
