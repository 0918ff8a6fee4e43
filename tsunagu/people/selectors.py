from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from tsunagu.core.japanese import search_key
from tsunagu.people.models import Consent, ConsentScope, HouseholdMember, Person, normalise_phone
from tsunagu.people.scope import person_scope, restricted_people


def possible_duplicates(
    *, family_name_kana: str, given_name_kana: str, date_of_birth: dt.date | None, phones: Iterable[str] = ()
) -> QuerySet[Person]:
    """People already on record with the same reading and birth date, or the same phone number.

    Not scoped: the intake screen reads it through cases.selectors.duplicate_check, which offers only
    the matches in the user's scope and turns the others into hints naming just an office.
    """
    conditions = Q(pk__in=[])
    reading = search_key(family_name_kana + given_name_kana)
    if reading and date_of_birth:
        conditions |= Q(reading_key=reading, date_of_birth=date_of_birth)
    for phone in phones:
        digits = normalise_phone(phone)
        if len(digits) >= 10:  # a full number, not a fragment that many people share
            conditions |= Q(phone_key=digits) | Q(mobile_key=digits)
    return Person.objects.filter(conditions, merged_into__isnull=True).order_by("id")[:5]


def has_active_consent(person: Person, scope: str = ConsentScope.APPLICATION) -> bool:
    return person.consents.filter(scope=scope, withdrawn_on__isnull=True).exists()


def active_consent_exists(scope: str = ConsentScope.APPLICATION) -> Exists:
    """For annotating a queryset of cases or people: does an unwithdrawn consent of this scope exist?"""
    return Exists(Consent.objects.filter(person=OuterRef("person"), scope=scope, withdrawn_on__isnull=True))


def get_household_member(user, member_id: int) -> HouseholdMember:
    """A household member of a person the user sees, with the person; else 404."""
    return _of_visible_person(HouseholdMember, user, member_id)


def get_consent(user, consent_id: int) -> Consent:
    """A consent of a person the user sees, with the person; else 404."""
    return _of_visible_person(Consent, user, consent_id)


def _of_visible_person(model: type[HouseholdMember] | type[Consent], user, pk: int):
    try:
        return model.objects.select_related("person").get(
            pk=pk, person__in=person_scope().visible_people(user)
        )
    except model.DoesNotExist as error:
        raise Http404 from error


def hidden_household_members(user, person: Person) -> set[int]:
    """The person's household rows that link to a record of a stricter scope (a child) the user may not
    see: the page shows that a member is there, not who."""
    hidden = restricted_people().hidden_from(user)
    if hidden is None:
        return set()
    rows = HouseholdMember.objects.filter(person=person, member_person__in=hidden)
    return set(rows.values_list("pk", flat=True))
