"""Every write to the organisation directory: keyword-only, for an administrator, one transaction, one
audit event."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.core.contract import Actor, authorise, refuse_unknown_fields
from tsunagu.core.editing import claim_edit
from tsunagu.organisations.hsds.importer import Importer
from tsunagu.organisations.hsds.validation import schema_problems
from tsunagu.organisations.models import (
    Contact,
    Location,
    Office,
    OpeningTime,
    Organisation,
    Service,
)
from tsunagu.organisations.signals import organisation_renamed

ORGANISATION_FIELDS = (
    "name",
    "parent",
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
    _refuse_parent_cycle(organisation)
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


SERVICE_FIELDS = (
    "name",
    "service_type",
    "description",
    "suits_daily_life",
    "suits_social_life",
    "suits_employment",
    "eligibility",
    "fees",
    "status",
    "url",
    "email",
    "phone",
    "locations",
)
LOCATION_FIELDS = (
    "name",
    "postal_code",
    "prefecture",
    "city",
    "address_line",
    "area",
    "phone",
    "description",
)
OPENING_TIME_FIELDS = ("weekday", "opens", "closes")


def _refuse_parent_cycle(organisation: Organisation) -> None:
    """A unit's parent may not be the unit itself nor one of its own units (the tree stays a tree)."""
    seen, parent = {organisation.pk}, organisation.parent
    while parent is not None:
        if parent.pk in seen:
            raise ValidationError(
                {"parent": _("An organisation cannot be part of itself or of its own units.")}
            )
        seen.add(parent.pk)
        parent = parent.parent


def _refuse_other_organisations_locations(organisation: Organisation, locations: Any) -> None:
    if any(location.organisation_id != organisation.pk for location in locations or ()):
        raise ValidationError({"locations": _("Choose locations of this organisation.")})


def _save_service(service: Service, fields: dict[str, Any]) -> None:
    locations = fields.pop("locations", None)
    _refuse_other_organisations_locations(service.organisation, locations)
    for name, value in fields.items():
        setattr(service, name, value)
    service.full_clean()
    service.save()
    if locations is not None:
        service.locations.set(locations)


@transaction.atomic
def add_service(*, organisation: Organisation, actor: Actor, **fields: Any) -> Service:
    """A service the organisation offers, with the stages of the ladder it suits."""
    authorise(actor, MANAGE)
    refuse_unknown_fields(fields, SERVICE_FIELDS, service="add_service")
    service = Service(organisation=organisation)
    _save_service(service, dict(fields))
    record_event(action=AuditAction.CREATE, actor=actor, target=service)
    return service


@transaction.atomic
def update_service(*, service: Service, actor: Actor, edit_version: int, **fields: Any) -> Service:
    authorise(actor, MANAGE)
    refuse_unknown_fields(fields, SERVICE_FIELDS, service="update_service")
    claim_edit(service, edit_version)
    _save_service(service, dict(fields))
    record_event(action=AuditAction.UPDATE, actor=actor, target=service, detail={"fields": sorted(fields)})
    return service


@transaction.atomic
def add_location(*, organisation: Organisation, actor: Actor, **fields: Any) -> Location:
    """A place where the organisation receives people."""
    authorise(actor, MANAGE)
    refuse_unknown_fields(fields, LOCATION_FIELDS, service="add_location")
    location = Location(organisation=organisation, **fields)
    location.full_clean()
    location.save()
    record_event(action=AuditAction.CREATE, actor=actor, target=location)
    return location


@transaction.atomic
def update_location(*, location: Location, actor: Actor, **fields: Any) -> Location:
    authorise(actor, MANAGE)
    refuse_unknown_fields(fields, LOCATION_FIELDS, service="update_location")
    for name, value in fields.items():
        setattr(location, name, value)
    location.full_clean()
    location.save()
    record_event(action=AuditAction.UPDATE, actor=actor, target=location, detail={"fields": sorted(fields)})
    return location


@transaction.atomic
def add_opening_time(
    *, actor: Actor, location: Location | None = None, service: Service | None = None, **fields: Any
) -> OpeningTime:
    """One weekday's hours of a location or of a service (exactly one of them)."""
    authorise(actor, MANAGE)
    refuse_unknown_fields(fields, OPENING_TIME_FIELDS, service="add_opening_time")
    if (location is None) == (service is None):
        raise ValidationError({"target": _("Choose a location or a service.")})
    opening = OpeningTime(location=location, service=service, **fields)
    if opening.opens is not None and opening.closes is not None and opening.opens >= opening.closes:
        raise ValidationError({"closes": _("The closing time must be after the opening time.")})
    opening.full_clean()
    opening.save()
    record_event(action=AuditAction.CREATE, actor=actor, target=opening)
    return opening


@transaction.atomic
def remove_opening_time(*, opening_time: OpeningTime, actor: Actor) -> None:
    authorise(actor, MANAGE)
    record_event(action=AuditAction.DELETE, actor=actor, target=opening_time)
    opening_time.delete()


@transaction.atomic
def import_directory(*, actor: Actor, document: Any) -> dict[str, int]:
    """An HSDS document into the directory: checked against the official schema first, then each object
    created or updated by its id. Any problem refuses the whole file, each problem naming its object and
    field; nothing is saved."""
    authorise(actor, MANAGE)
    problems = schema_problems(document)
    if problems:
        raise ValidationError(problems)
    importer = Importer(document)
    problems = importer.run()
    if problems:
        raise ValidationError(problems)  # raised inside the transaction: everything above is undone
    record_event(
        action=AuditAction.UPDATE,
        actor=actor,
        object_type="organisations.directory",
        detail={"import": "hsds", **importer.counts},
    )
    return dict(importer.counts)
