"""Every read of children's records, scoped (children/scope.py): one child out of scope is a 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from tsunagu.cases.selectors import get_person
from tsunagu.children.models import Child
from tsunagu.children.scope import visible_children
from tsunagu.people.models import Person

CHILD_LIST_SIZE = 200


def child_list(user) -> QuerySet[Child]:
    """The children the user may see, with their guardian: a fixed number of queries."""
    return visible_children(user).select_related("person", "household_member__person")[:CHILD_LIST_SIZE]


def get_child(user, child_id: int) -> Child:
    try:
        return visible_children(user).select_related("person", "household_member__person").get(pk=child_id)
    except Child.DoesNotExist as error:
        raise Http404 from error


def get_guardian(user, person_id: int) -> Person:
    """A person the user sees (through their cases), to add a child to their household; else 404."""
    return get_person(user, person_id)


def children_of(user, guardian: Person) -> list[Child]:
    return list(visible_children(user).filter(household_member__person=guardian).select_related("person"))
