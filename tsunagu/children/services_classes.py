"""Writes of the learning support classes (まじくる): enrolment as a placement through programs' placement
service (so the stages and the overview stay one system), notes on a child, contact with the guardian, and
the tutors of a class. The roll-call is programs' own (record_roll_call)."""

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
from tsunagu.children.models import Child, ChildNote, GuardianContact, Tutor, TutorKind
from tsunagu.children.tutors import tutor_candidates
from tsunagu.core.contract import authorise, refuse_unknown_fields
from tsunagu.organisations.models import Contact
from tsunagu.programs import services as programs
from tsunagu.programs.models import Placement, ProgramCategory, ProgramHost

NOTE_FIELDS = ("date", "kind", "text")
GUARDIAN_CONTACT_FIELDS = ("date", "method", "note")
TUTOR_FIELDS = ("kind", "user", "contact", "person", "name")
WORK_ON_CHILD = "children.work_on_child"
MANAGE_CLASSES = "children.manage_classes"


def _is_class(host: ProgramHost) -> bool:
    """A learning support class: a host of a children's program."""
    return host.program.category == ProgramCategory.CHILDREN


@transaction.atomic
def enrol_child(*, actor: User, child: Child, host: ProgramHost, status: str, on: dt.date) -> Placement:
    """The child joins a class as a placement (見学, 体験, 参加 or the waiting list); programs' service
    checks the scope, the capacity and the dates, takes the step and records the event."""
    authorise(actor, WORK_ON_CHILD, child)
    if not _is_class(host):
        raise ValidationError({"host": _("Choose a children's program.")})
    return programs.place_person(actor=actor, person=child.person, host=host, status=status, on=on)


def _check_date(day: Any, field: str) -> None:
    if not isinstance(day, dt.date) or day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


def _check_text(fields: dict[str, Any], name: str, label: str) -> str:
    text = str(fields.get(name) or "").strip()
    if not text:
        raise ValidationError({name: _("Write the %(label)s.") % {"label": label}})
    if len(text) > 2000:
        raise ValidationError({name: _("Keep it to %(n)s characters.") % {"n": 2000}})
    return text


@transaction.atomic
def add_note(*, actor: User, child: Child, fields: dict[str, Any]) -> ChildNote:
    """A learning (学習) or daily-life (生活) note on the child."""
    authorise(actor, WORK_ON_CHILD, child)
    refuse_unknown_fields(fields, NOTE_FIELDS, service="add_note")
    _check_date(fields.get("date"), "date")
    text = _check_text(fields, "text", _("note"))
    note = ChildNote(
        child=child, date=fields["date"], kind=fields.get("kind", ""), text=text, written_by=actor
    )
    note.full_clean()
    note.save()
    record_event(action=AuditAction.CREATE, actor=actor, target=note, detail={"child": child.pk})
    return note


@transaction.atomic
def record_guardian_contact(*, actor: User, child: Child, fields: dict[str, Any]) -> GuardianContact:
    """Contact with the child's guardian: the date, how (phone, visit ...) and what was said."""
    authorise(actor, WORK_ON_CHILD, child)
    refuse_unknown_fields(fields, GUARDIAN_CONTACT_FIELDS, service="record_guardian_contact")
    _check_date(fields.get("date"), "date")
    note = _check_text(fields, "note", _("note"))
    contact = GuardianContact(
        child=child, date=fields["date"], method=fields.get("method", ""), note=note, recorded_by=actor
    )
    contact.full_clean()
    contact.save()
    record_event(action=AuditAction.CREATE, actor=actor, target=contact, detail={"child": child.pk})
    return contact


@transaction.atomic
def add_tutor(*, actor: User, host: ProgramHost, fields: dict[str, Any]) -> Tutor:
    """A tutor of the class: a hub staff user, or a volunteer who is a contact, a supporter whom the
    community work names (children/tutors.py, in the actor's scope) or only a name."""
    authorise(actor, MANAGE_CLASSES)
    refuse_unknown_fields(fields, TUTOR_FIELDS, service="add_tutor")
    if not _is_class(host):
        raise ValidationError({"kind": _("Tutors are for children's programs.")})
    kind, user, contact = fields.get("kind"), fields.get("user"), fields.get("contact")
    person = fields.get("person")
    name = str(fields.get("name") or "").strip()
    if kind == TutorKind.STAFF:
        if not isinstance(user, User) or not user.is_active or contact or person or name:
            raise ValidationError({"user": _("Choose the staff member (and no contact or name).")})
    elif kind == TutorKind.VOLUNTEER:
        if user is not None or sum(1 for given in (contact, person, name) if given) != 1:
            raise ValidationError(
                {
                    "name": _(
                        "Choose a contact or a supporter, or give a name for the volunteer (one of them)."
                    )
                }
            )
        if contact and not isinstance(contact, Contact):
            raise ValidationError({"contact": _("Choose a contact from the list.")})
        if person and not tutor_candidates(actor).filter(pk=getattr(person, "pk", None)).exists():
            raise ValidationError({"person": _("Choose a supporter from the list.")})
    else:
        raise ValidationError({"kind": _("Choose staff or volunteer.")})
    if Tutor.objects.filter(host=host, user=user, contact=contact, person=person, name=name).exists():
        raise ValidationError({"name": _("This tutor is already on the class.")})
    tutor = Tutor(host=host, kind=kind, user=user, contact=contact, person=person, name=name)
    tutor.full_clean()
    tutor.save()
    record_event(action=AuditAction.CREATE, actor=actor, target=tutor, detail={"host": host.pk})
    return tutor
