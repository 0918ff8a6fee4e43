"""Every write to the organisation directory."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.core.editing import claim_edit
from tsunagu.organisations.models import Contact, Office, Organisation
from tsunagu.organisations.signals import organisation_renamed

ORGANISATION_FIELDS = (
    "name",
    "reading",
    "type",
    "area",
    "postal_code",
    "address",
    "phone",
    "email",
    "website",
    "description",
    "is_active",
)


@transaction.atomic
def create_organisation(
    *, actor=None, request=None, main_office_name: str = "", **fields: Any
) -> Organisation:
    """A new organisation with its main office (every user needs an office to belong to)."""
    organisation = Organisation(**{k: v for k, v in fields.items() if k in ORGANISATION_FIELDS})
    organisation.full_clean()
    organisation.save()
    Office.objects.create(
        organisation=organisation,
        name=main_office_name or _("Main office"),
        address=organisation.address,
        phone=organisation.phone,
    )
    record_event(action=AuditAction.CREATE, request=request, actor=actor, target=organisation)
    return organisation


@transaction.atomic
def update_organisation(
    *, organisation: Organisation, actor, edit_version: int, request=None, **fields: Any
) -> Organisation:
    """Save the edit form opened at `edit_version`; someone else's newer save is never overwritten."""
    claim_edit(organisation, edit_version)
    old_name = organisation.name
    for name, value in fields.items():
        if name in ORGANISATION_FIELDS:
            setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    record_event(
        action=AuditAction.UPDATE,
        request=request,
        actor=actor,
        target=organisation,
        detail={"fields": sorted(fields)},
    )
    if organisation.name != old_name:
        # Once committed, for the layers above that show organisations by name (the overview's hosts).
        renamed = organisation.pk
        transaction.on_commit(
            lambda: organisation_renamed.send(sender=Organisation, organisation_id=renamed), robust=True
        )
    return organisation


@transaction.atomic
def add_office(
    *, organisation: Organisation, name: str, address: str = "", phone: str = "", actor=None, request=None
) -> Office:
    office = Office(organisation=organisation, name=name, address=address, phone=phone)
    office.full_clean()
    office.save()
    record_event(action=AuditAction.CREATE, request=request, actor=actor, target=office)
    return office


@transaction.atomic
def add_contact(
    *,
    organisation: Organisation,
    name: str,
    department: str = "",
    phone: str = "",
    email: str = "",
    actor=None,
    request=None,
) -> Contact:
    contact = Contact(organisation=organisation, name=name, department=department, phone=phone, email=email)
    contact.full_clean()
    contact.save()
    record_event(action=AuditAction.CREATE, request=request, actor=actor, target=contact)
    return contact
