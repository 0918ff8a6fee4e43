"""Every write to people: keyword-only, for casework staff with the person in their scope, one
transaction, one audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.core.contract import authorise, refuse_unknown_fields
from tsunagu.core.editing import claim_edit
from tsunagu.organisations.models import Organisation
from tsunagu.people.merging import merge_steps
from tsunagu.people.models import Consent, HouseholdMember, Person, Stage, StageChange
from tsunagu.people.signals import ladder_changed

PERSON_FIELDS = (
    "family_name", "given_name", "family_name_kana", "given_name_kana", "date_of_birth", "sex", "area",
    "postal_code", "address", "phone", "mobile_phone", "email", "emergency_contact", "is_dv_protected",
)  # fmt: skip
WORK_ON_PERSON = "people.work_on_person"


def validate_birth_date(date_of_birth: dt.date | None) -> None:
    if date_of_birth and date_of_birth > timezone.localdate():
        raise ValidationError({"date_of_birth": _("The date of birth cannot be in the future.")})
    if date_of_birth and date_of_birth.year < 1900:
        raise ValidationError({"date_of_birth": _("Check the date of birth: it is before 1900.")})


def build_person(**fields: Any) -> Person:
    """An unsaved, validated person (the intake service saves it with the case)."""
    refuse_unknown_fields(fields, PERSON_FIELDS, service="build_person")
    person = Person(**fields)
    validate_birth_date(person.date_of_birth)
    person.refresh_search_keys()
    person.full_clean(exclude=["current_stage"])
    return person


@transaction.atomic
def update_person(*, person: Person, actor: User, edit_version: int, **fields: Any) -> Person:
    """Save the edit form of a person opened at `edit_version`; a save based on an older version is
    refused (EditConflict naming what changed among the fields this user edits), never merged over."""
    authorise(actor, WORK_ON_PERSON, person)
    refuse_unknown_fields(fields, PERSON_FIELDS, service="update_person")
    validate_birth_date(fields.get("date_of_birth", person.date_of_birth))
    claim_edit(person, edit_version, fields=[name for name in PERSON_FIELDS if name in fields])
    changed = sorted(k for k, v in fields.items() if getattr(person, k) != v)
    for name in changed:
        setattr(person, name, fields[name])
    person.full_clean()
    person._change_reason = "update"
    person._history_user = actor
    person.save()
    record_event(action=AuditAction.UPDATE, actor=actor, target=person, detail={"fields": changed})
    return person


@transaction.atomic
def add_household_member(
    *, person: Person, actor: User, name: str, relation: str, age: int | None = None,
    is_also_supported: bool = False, note: str = "",
) -> HouseholdMember:  # fmt: skip
    authorise(actor, WORK_ON_PERSON, person)
    member = HouseholdMember(
        person=person, name=name, relation=relation, age=age, is_also_supported=is_also_supported, note=note
    )
    member.full_clean()
    member.save()
    record_event(action=AuditAction.UPDATE, actor=actor, target=person, detail={"household": "add"})
    return member


HOUSEHOLD_MEMBER_FIELDS = ("name", "relation", "age", "is_also_supported", "note")


@transaction.atomic
def add_household_members(
    *, person: Person, actor: User, members: Sequence[dict[str, Any]]
) -> list[HouseholdMember]:
    """Several members at once (an import's household columns): one scope check, one audit event."""
    authorise(actor, WORK_ON_PERSON, person)
    rows = []
    for fields in members:
        refuse_unknown_fields(fields, HOUSEHOLD_MEMBER_FIELDS, service="add_household_members")
        member = HouseholdMember(person=person, **fields)
        member.full_clean()
        rows.append(member)
    HouseholdMember.objects.bulk_create(rows)
    record_event(
        action=AuditAction.UPDATE, actor=actor, target=person, detail={"household": "add", "count": len(rows)}
    )
    return rows


@transaction.atomic
def remove_household_member(*, member: HouseholdMember, actor: User, edit_version: int) -> None:
    """Remove a member as the worker saw them: refused when someone else removed or changed them first."""
    person = member.person
    authorise(actor, WORK_ON_PERSON, person)
    if member.member_person_id:  # a child's record hangs on the row: it leaves through that record
        raise ValidationError(_("This member has a record of their own: it cannot be removed here."))
    claim_edit(member, edit_version)
    member.delete()
    record_event(action=AuditAction.UPDATE, actor=actor, target=person, detail={"household": "remove"})


def _validate_consent_dates(signed_on: dt.date, withdrawn_on: dt.date | None) -> None:
    today = timezone.localdate()
    if signed_on > today:
        raise ValidationError({"signed_on": _("A consent cannot be signed in the future.")})
    if withdrawn_on is not None:
        if withdrawn_on < signed_on:
            raise ValidationError({"withdrawn_on": _("A consent cannot be withdrawn before it was given.")})
        if withdrawn_on > today:
            raise ValidationError({"withdrawn_on": _("A withdrawal cannot be dated in the future.")})


@transaction.atomic
def record_consent(
    *, person: Person, actor: User, scope: str, signed_on: dt.date, shared_with: Iterable[Organisation] = (),
    note: str = "",
) -> Consent:  # fmt: skip
    authorise(actor, WORK_ON_PERSON, person)
    _validate_consent_dates(signed_on, None)
    consent = Consent(person=person, scope=scope, signed_on=signed_on, note=note, recorded_by=actor)
    consent.full_clean()
    consent.save()
    consent.shared_with.set(shared_with)
    record_event(action=AuditAction.CREATE, actor=actor, target=consent)
    return consent


@transaction.atomic
def withdraw_consent(*, consent: Consent, actor: User, withdrawn_on: dt.date, edit_version: int) -> Consent:
    authorise(actor, WORK_ON_PERSON, consent.person)
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent was already withdrawn."))
    # A withdrawal recorded by someone else since this page was opened makes the version stale.
    claim_edit(consent, edit_version)
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent was already withdrawn."))
    _validate_consent_dates(consent.signed_on, withdrawn_on)
    consent.withdrawn_on = withdrawn_on
    consent.save(update_fields=["withdrawn_on", "edit_version"])
    record_event(action=AuditAction.UPDATE, actor=actor, target=consent, detail={"withdrawn": True})
    return consent


@transaction.atomic
def change_stage(
    *, person: Person, actor: User, stage: str, changed_on: dt.date, reason: str
) -> StageChange | None:
    """Move the person on the ladder; nothing is written when the stage stays the same."""
    authorise(actor, WORK_ON_PERSON, person)
    # Read the record as stored now, its row locked: of two changes at once the second then starts from
    # the first one's stage, and the history row copies the stored fields, not a page's older ones.
    list(Person.objects.select_for_update().filter(pk=person.pk).values_list("pk"))
    person.refresh_from_db()
    if stage == person.current_stage:
        return None
    if stage not in Stage.values:
        raise ValidationError({"stage": _("Choose a stage of the ladder.")})
    if not reason.strip():
        raise ValidationError({"stage_reason": _("Give the reason for the change of stage.")})
    if changed_on > timezone.localdate():
        raise ValidationError({"changed_on": _("A change of stage cannot be dated in the future.")})
    change = StageChange.objects.create(
        person=person,
        stage=stage,
        previous_stage=person.current_stage,
        changed_on=changed_on,
        reason=reason.strip(),
        recorded_by=actor,
    )
    person.current_stage = stage
    person._history_user = actor
    person.save(update_fields=["current_stage", "updated_at"])
    record_event(action=AuditAction.UPDATE, actor=actor, target=person, detail={"stage": stage})
    _announce_ladder_change()
    return change


def _announce_ladder_change() -> None:
    """Tell the layers above, once committed (a rolled-back change tells no one), that stages or placements
    moved: the overview counts from them. Robust: a cache that is down must not turn a saved change into an
    error page."""
    transaction.on_commit(lambda: ladder_changed.send(sender=Person), robust=True)


def move_people_rows_on_merge(*, keep: Person, duplicate: Person) -> dict[str, Any]:
    """people's merge step: household members, consents and stage changes go to the record kept, and a
    household row that names the duplicate as its member names the record kept."""
    HouseholdMember.objects.filter(person=duplicate).update(person=keep)
    HouseholdMember.objects.filter(member_person=duplicate).update(member_person=keep)
    Consent.objects.filter(person=duplicate).update(person=keep)
    StageChange.objects.filter(person=duplicate).update(person=keep)
    return {}


@transaction.atomic
def merge_people(*, keep: Person, duplicate: Person, actor: User) -> Person:
    """Fold a duplicate record into the one kept: every row pointing at the duplicate moves over
    (each app moves its own, see people/merging.py), blank fields are filled from the duplicate, and the
    duplicate stays (marked merged) so that nothing is lost and the audit trail still resolves."""
    authorise(actor, "people.merge_people")
    if keep.pk == duplicate.pk:
        raise ValidationError(_("Choose two different records to merge."))
    # Read from the database, both rows locked: a screen opened before an earlier merge must not merge again.
    merged_into = Person.objects.select_for_update().filter(pk__in=[keep.pk, duplicate.pk])
    if any(merged_into.values_list("merged_into_id", flat=True)):
        raise ValidationError(_("One of these records was already merged."))
    # Both in the supervisor's scope, asked once the rows are locked (a record merged away has no case left,
    # so is in no one's scope: the check above names that refusal).
    authorise(actor, "people.merge_person", keep)
    authorise(actor, "people.merge_person", duplicate)
    # Merge what is stored now (locked), and make edit forms opened before the merge stale.
    keep.refresh_from_db()
    duplicate.refresh_from_db()
    keep.edit_version += 1
    duplicate.edit_version += 1
    filled = []
    for name in PERSON_FIELDS:
        if getattr(keep, name) in ("", None) and getattr(duplicate, name) not in ("", None):
            setattr(keep, name, getattr(duplicate, name))
            filled.append(name)
    keep.is_dv_protected = keep.is_dv_protected or duplicate.is_dv_protected
    # Each app moves its own rows (people's below, cases' and programs' registered in their ready()).
    moved: dict[str, Any] = {}
    for step in merge_steps():
        moved.update(step(keep=keep, duplicate=duplicate))
    latest = StageChange.objects.filter(person=keep).order_by("-changed_on", "-id").first()
    keep.current_stage = latest.stage if latest else keep.current_stage
    keep._change_reason = f"merged #{duplicate.pk}"
    keep._history_user = actor
    keep.save()
    duplicate.merged_into = keep
    duplicate._change_reason = f"merged into #{keep.pk}"
    duplicate._history_user = actor
    duplicate.save()
    record_event(
        action=AuditAction.UPDATE,
        actor=actor,
        target=keep,
        detail={"merged": duplicate.pk, **moved, "filled": filled},
    )
    _announce_ladder_change()  # stage changes and placements moved by .update(), which no model signal sees
    return keep
