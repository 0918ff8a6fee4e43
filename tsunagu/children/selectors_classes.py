"""Reads of the learning support classes (まじくる), scoped: the children in them are only those the user
may see (children/scope.py); a class is a host of a children's program (the catalog has no scope)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from tsunagu.children.models import Child, ChildNote, GuardianContact, Tutor
from tsunagu.children.scope import visible_children
from tsunagu.children.tutors import tutor_candidates
from tsunagu.organisations.models import Contact
from tsunagu.people.models import Person
from tsunagu.people.scope import person_scope
from tsunagu.programs.models import (
    OPEN_PLACEMENT_STATUSES,
    Placement,
    ProgramCategory,
    ProgramHost,
    Session,
)

NOTE_LIST_SIZE = 50
SESSION_LIST_SIZE = 12


def classes() -> QuerySet[ProgramHost]:
    """The hosts of the children's programs on offer."""
    today = timezone.localdate()
    return (
        ProgramHost.objects.filter(
            program__category=ProgramCategory.CHILDREN, program__active_from__lte=today
        )
        .exclude(program__active_until__lt=today)
        .select_related("program", "organisation")
    )


def get_class(class_id: int) -> ProgramHost:
    try:
        return classes().get(pk=class_id)
    except ProgramHost.DoesNotExist as error:
        raise Http404 from error


def class_children(user, host: ProgramHost) -> list[Placement]:
    """The open placements in the class of the children the user may see, with each child's guardian, in
    あいうえお order."""
    people = visible_children(user).values("person_id")
    return list(
        Placement.objects.filter(host=host, status__in=OPEN_PLACEMENT_STATUSES, person_id__in=people)
        .select_related("person__child_record__household_member__person")
        .order_by("person__reading_key", "pk")
    )


def tutors(user, host: ProgramHost) -> list[Tutor]:
    """The class's tutors. A tutor who is a person on record (a supporter) is named only to a user who may
    see that person (`shown`); to anyone else the tutor is a supporter without a name."""
    rows = list(host.tutors.select_related("user", "contact", "person"))
    people = {tutor.person_id for tutor in rows if tutor.person_id}
    seen = set()
    if people:
        seen = set(person_scope().visible_people(user).filter(pk__in=people).values_list("pk", flat=True))
    for tutor in rows:
        tutor.shown = tutor.person_id is None or tutor.person_id in seen
    return rows


def tutor_supporters(user) -> QuerySet[Person]:
    """The supporters the user may choose as a volunteer tutor (children/tutors.py)."""
    return tutor_candidates(user)


def class_sessions(host: ProgramHost, today: dt.date | None = None) -> list[Session]:
    """The class's sessions around today (the last ones and the next ones), for their roll-calls."""
    today = today or timezone.localdate()
    recent = host.sessions.filter(date__lte=today).order_by("-date", "-start_time")[:SESSION_LIST_SIZE]
    coming = host.sessions.filter(date__gt=today).order_by("date", "start_time")[:3]
    return [*reversed(list(recent)), *coming]


def child_placements(child: Child) -> list[Placement]:
    """The child's placements in children's programs (the child is already in the user's scope)."""
    return list(
        Placement.objects.filter(person_id=child.person_id, host__program__category=ProgramCategory.CHILDREN)
        .select_related("host__program", "host__organisation")
        .order_by("-created_at")
    )


def child_notes(child: Child) -> list[ChildNote]:
    return list(child.notes.select_related("written_by")[:NOTE_LIST_SIZE])


def guardian_contacts(child: Child) -> list[GuardianContact]:
    return list(child.guardian_contacts.select_related("recorded_by")[:NOTE_LIST_SIZE])


def tutor_staff(user) -> QuerySet:
    """Staff who may tutor: the active users of the user's own office."""
    from tsunagu.accounts.models import User

    return User.objects.filter(is_active=True, office_id=user.office_id).order_by("pk")


def tutor_contacts() -> QuerySet[Contact]:
    """Volunteers on record: the contacts of the organisations (supporters from the community work)."""
    return Contact.objects.select_related("organisation").order_by("name", "pk")
