"""Every write to the organisation directory: keyword-only, for an administrator, one transaction, one
audit event."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.core.contract import Actor, authorise, refuse_unknown_fields
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
MANAGE = "organisations.manage_organisations"


@transaction.atomic
def create_organisation(*, actor: Actor, main_office_name: str = "", **fields: Any) -> Organisation:
    """A new organisation with its main office (every user needs an office to belong to)."""
    authorise(actor, MANAGE)
    refuse_unknown_fields(fields, ORGANISATION_FIELDS, service="create_organisation")
    organisation = Organisation(**fields)
    organisation.full_clean()
    organisation.save()
    Office.objects.create(
        organisation=organisation,
        name=main_office_name or _("Main office"),
        address=organisation.address,
        phone=organisation.phone,
    )
    record_event(action=AuditAction.CREATE, actor=actor, target=organisation)
    return organisation


@transaction.atomic
def update_organisation(
    *, organisation: Organisation, actor: Actor, edit_version: int, **fields: Any
) -> Organisation:
    """Save the edit form opened at `edit_version`; someone else's newer save is never overwritten."""
    authorise(actor, MANAGE)
    refuse_unknown_fields(fields, ORGANISATION_FIELDS, service="update_organisation")
    claim_edit(organisation, edit_version)
    old_name = organisation.name
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    record_event(
        action=AuditAction.UPDATE,
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
    *, organisation: Organisation, actor: Actor, name: str, address: str = "", phone: str = ""
) -> Office:
    authorise(actor, MANAGE)
    office = Office(organisation=organisation, name=name, address=address, phone=phone)
    office.full_clean()
    office.save()
    record_event(action=AuditAction.CREATE, actor=actor, target=office)
    return office


@transaction.atomic
def add_contact(
    *,
    organisation: Organisation,
    actor: Actor,
    name: str,
    department: str = "",
    phone: str = "",
    email: str = "",
) -> Contact:
    authorise(actor, MANAGE)
    contact = Contact(organisation=organisation, name=name, department=department, phone=phone, email=email)
    contact.full_clean()
    contact.save()
    record_event(action=AuditAction.CREATE, actor=actor, target=contact)
    return contact
