"""Every write to the organisation directory: keyword-only, for an administrator, one transaction, one
audit event."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.core.contract import Actor, authorise, refuse_unknown_fields
from tsunagu.core.editing import claim_edit
from tsunagu.core.models import ConfiguredList
from tsunagu.organisations.hsds.importer import Importer
from tsunagu.organisations.hsds.validation import schema_problems
from tsunagu.organisations.lists import RegisteredList, configured_list
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


# ---------------------------------------------------------------- the configurable lists (lists.py)

ORDER_STEP = 10
MAX_SORT_ORDER = 100_000


def _list_entry_values(configured: RegisteredList, entry: ConfiguredList, fields: dict[str, Any]) -> None:
    """Apply the fields to the entry, refusing a name (or code) the list already has, next to its field."""
    model = configured.model
    others = model._default_manager.exclude(pk=entry.pk)
    if "name" in fields:
        entry.name = (fields["name"] or "").strip()
        if entry.name and others.filter(name__iexact=entry.name).exists():
            raise ValidationError(
                {"name": _("%(list)s already has an entry of this name.") % {"list": configured.label}}
            )
    if "code" in fields:
        entry.code = (fields["code"] or "").strip() or _free_code(configured, entry.name)
        if others.filter(code=entry.code).exists():
            raise ValidationError(
                {"code": _("%(list)s already has an entry of this code.") % {"list": configured.label}}
            )
    order = fields.get("sort_order")
    if order is not None:
        if isinstance(order, bool) or not isinstance(order, int) or not 0 <= order <= MAX_SORT_ORDER:
            raise ValidationError(
                {"sort_order": _("Enter a number from 0 to %(most)s.") % {"most": f"{MAX_SORT_ORDER:,}"}}
            )
        entry.sort_order = order
    elif entry.pk is None:  # a new entry without an order goes last
        last = model._default_manager.aggregate(last=Max("sort_order"))["last"]
        entry.sort_order = min((last or 0) + ORDER_STEP, MAX_SORT_ORDER)
    for name in ("is_active", *configured.extra_fields):
        if name in fields:
            setattr(entry, name, bool(fields[name]))


def _free_code(configured: RegisteredList, name: str) -> str:
    """A code made from the name (a Japanese name gives none: then the list's own word and a number)."""
    base = slugify(name)[:30] or configured.model._meta.model_name
    taken = set(configured.model._default_manager.values_list("code", flat=True))
    code, number = base, 1
    while code in taken:
        number += 1
        code = f"{base}-{number}"
    return code


@transaction.atomic
def add_list_entry(*, actor: Actor, list_key: str, fields: dict[str, Any]) -> ConfiguredList:
    """A new entry of a configurable list (a service type, a theme, a kind of resource), offered in forms
    at once; without a code one is made from the name, without an order it goes last."""
    configured = configured_list(list_key)
    authorise(actor, configured.permission)
    refuse_unknown_fields(fields, configured.fields, service="add_list_entry")
    entry = configured.model(is_active=True)
    _list_entry_values(configured, entry, {"code": "", **fields})
    entry.full_clean(validate_unique=False)  # the unique fields were checked above, each with its message
    entry.save()
    record_event(action=AuditAction.CREATE, actor=actor, target=entry, detail={"list": list_key})
    return entry


@transaction.atomic
def update_list_entry(
    *, actor: Actor, list_key: str, entry: ConfiguredList, edit_version: int, **fields: Any
) -> ConfiguredList:
    """Rename, reorder, retire (not in use) or bring back an entry. A retired entry stays on the records
    that have it and is no longer offered in their forms. The code does not change."""
    configured = configured_list(list_key)
    if not isinstance(entry, configured.model):
        raise TypeError(f"update_list_entry(): a {type(entry).__name__} is no entry of {list_key}")
    authorise(actor, configured.permission)
    refuse_unknown_fields(fields, configured.editable_fields, service="update_list_entry")
    claim_edit(entry, edit_version)
    _list_entry_values(configured, entry, fields)
    entry.full_clean(validate_unique=False)
    entry.save()
    record_event(
        action=AuditAction.UPDATE,
        actor=actor,
        target=entry,
        detail={"list": list_key, "fields": sorted(fields)},
    )
    return entry
