"""Every write to children's records: keyword-only, a typed actor, authorised, atomic, one audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.children.models import Child, Tutor
from tsunagu.core.contract import authorise, refuse_unknown_fields
from tsunagu.core.dates import fiscal_year_of
from tsunagu.core.editing import claim_edit
from tsunagu.people.models import HouseholdMember, Person
from tsunagu.people.services import build_person

CHILD_PERSON_FIELDS = (
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "date_of_birth",
    "sex",
)
CHILD_FIELDS = ("school", "recorded_grade", "household_situation")
ADD_CHILD = "children.add_child"
WORK_ON_CHILD = "children.work_on_child"


def _check_grade(fields: dict[str, Any], date_of_birth: dt.date | None) -> None:
    grade = fields.get("recorded_grade")
    if grade is not None and not 1 <= grade <= 12:
        raise ValidationError({"recorded_grade": _("Choose a grade from 小1 to 高3.")})
    if grade is None and date_of_birth is None:
        raise ValidationError({"recorded_grade": _("Give the grade, or the child's date of birth.")})


@transaction.atomic
def add_child(
    *, actor: User, guardian: Person, relation: str, person_fields: dict[str, Any], fields: dict[str, Any]
) -> Child:
    """A child joins the guardian's household: the child's own person record, the household row that
    links to it, and the child's record (school, grade, the household's situation)."""
    authorise(actor, ADD_CHILD, guardian)
    refuse_unknown_fields(person_fields, CHILD_PERSON_FIELDS, service="add_child")
    refuse_unknown_fields(fields, CHILD_FIELDS, service="add_child")
    if not relation.strip():
        raise ValidationError({"relation": _("Give the child's relation to the guardian.")})
    person = build_person(**person_fields)
    _check_grade(fields, person.date_of_birth)
    person.save()
    today = timezone.localdate()
    member = HouseholdMember(
        person=guardian, member_person=person, name=person.full_name, relation=relation.strip(),
        age=_age(person.date_of_birth, today), is_also_supported=True,
    )  # fmt: skip
    member.full_clean()
    member.save()
    child = Child(person=person, household_member=member, **fields)
    if child.recorded_grade is not None:
        child.recorded_grade_year = fiscal_year_of(today)
    child.full_clean()
    child.save()
    record_event(
        action=AuditAction.CREATE, actor=actor, target=child,
        detail={"person": person.pk, "guardian": guardian.pk, "household_member": member.pk},
    )  # fmt: skip
    return child


@transaction.atomic
def link_household_child(
    *, actor: User, member: HouseholdMember, person_fields: dict[str, Any], fields: dict[str, Any]
) -> Child:
    """A child already written as a row of the guardian's household (a name, a relation, an age) becomes
    a person with a child's record, linked from that row (no second row for the same child)."""
    authorise(actor, ADD_CHILD, member.person)
    refuse_unknown_fields(person_fields, CHILD_PERSON_FIELDS, service="link_household_child")
    refuse_unknown_fields(fields, CHILD_FIELDS, service="link_household_child")
    member = HouseholdMember.objects.select_for_update().get(pk=member.pk)
    if member.member_person_id is not None:
        raise ValidationError(_("This household row is already linked to a person."))
    person = build_person(**person_fields)
    _check_grade(fields, person.date_of_birth)
    person.save()
    member.member_person = person
    member.name = person.full_name
    member.is_also_supported = True
    member.full_clean()
    member.save()
    child = Child(person=person, household_member=member, **fields)
    if child.recorded_grade is not None:
        child.recorded_grade_year = fiscal_year_of(timezone.localdate())
    child.full_clean()
    child.save()
    record_event(
        action=AuditAction.CREATE, actor=actor, target=child,
        detail={"person": person.pk, "guardian": member.person_id, "household_member": member.pk},
    )  # fmt: skip
    return child


@transaction.atomic
def update_child(*, actor: User, child: Child, edit_version: int, fields: dict[str, Any]) -> Child:
    """School, grade and the household's situation, as the worker saw them (`edit_version`)."""
    authorise(actor, WORK_ON_CHILD, child)
    refuse_unknown_fields(fields, CHILD_FIELDS, service="update_child")
    _check_grade(fields, child.person.date_of_birth)
    claim_edit(child, edit_version, fields=[name for name in CHILD_FIELDS if name in fields])
    changed = sorted(name for name, value in fields.items() if getattr(child, name) != value)
    for name in changed:
        setattr(child, name, fields[name])
    if "recorded_grade" in changed:
        child.recorded_grade_year = fiscal_year_of(timezone.localdate()) if child.recorded_grade else None
    child.full_clean()
    child.save()
    record_event(action=AuditAction.UPDATE, actor=actor, target=child, detail={"fields": changed})
    return child


def _age(date_of_birth: dt.date | None, today: dt.date) -> int | None:
    if date_of_birth is None:
        return None
    return (
        today.year
        - date_of_birth.year
        - ((today.month, today.day) < (date_of_birth.month, date_of_birth.day))
    )


def move_child_records_on_merge(*, keep: Person, duplicate: Person) -> dict[str, Any]:
    """children's merge step: the duplicate's child record goes to the record kept; two child records
    for one child are refused (an administrator folds them by hand first). The duplicate's tutoring at a
    class (a supporter as a tutor) goes to the record kept."""
    tutors = Tutor.objects.filter(person=duplicate).update(person=keep)
    moved = {"tutors": tutors} if tutors else {}
    record = Child.objects.filter(person=duplicate).first()
    if record is None:
        return moved
    if Child.objects.filter(person=keep).exists():
        raise ValidationError(_("Both records have a child's record: merge those first."))
    record.person = keep
    record.save(update_fields=["person"])
    return {**moved, "child": record.pk}
