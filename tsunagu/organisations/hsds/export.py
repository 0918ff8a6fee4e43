"""The directory as an HSDS 3.0 document: a list of organizations, each with its phones, contacts,
locations (with addresses and schedules) and services (with schedules and service_at_locations), as the
official schema `organization_package.json` defines them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import translation

from tsunagu.organisations.hsds import terms as t
from tsunagu.organisations.models import (
    Contact,
    Location,
    OpeningTime,
    Organisation,
    OrganisationType,
    Service,
    ServiceStage,
)

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
Document = list[dict[str, Any]]


def organisations_to_export() -> QuerySet[Organisation]:
    """Every organisation with all it exports, in a fixed number of queries."""
    return (
        Organisation.objects.select_related("area", "parent")
        .prefetch_related(
            Prefetch("contacts", Contact.objects.order_by("name", "uuid")),
            Prefetch(
                "locations",
                Location.objects.select_related("area").prefetch_related(
                    Prefetch("opening_times", OpeningTime.objects.order_by("weekday", "opens", "uuid"))
                ),
            ),
            Prefetch(
                "services",
                Service.objects.select_related("service_type").prefetch_related(
                    Prefetch("locations", Location.objects.order_by("name")),
                    Prefetch("opening_times", OpeningTime.objects.order_by("weekday", "opens", "uuid")),
                ),
            ),
        )
        .order_by("name")
    )


def build_document(organisations: Iterable[Organisation]) -> Document:
    # Term names in Japanese whatever the user's language: the same directory gives the same document.
    with translation.override("ja"):
        return [_organization(organisation) for organisation in organisations]


def _compact(obj: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty optional values (an empty e-mail is no e-mail: the schema's format refuses "")."""
    return {key: value for key, value in obj.items() if value not in ("", None, [])}


def _term(code: str, name: str, description: str = "") -> dict[str, Any]:
    return {
        "id": t.derived_id("term", code),
        "code": code,
        "name": name,
        "description": description,
        "taxonomy": t.TAXONOMY,
        "language": "ja",
    }


def _attribute(link_id: str, entity: str, term: dict[str, Any], value: str = "") -> dict[str, Any]:
    return _compact(
        {
            "id": t.derived_id("attribute", link_id, term["code"]),
            "link_id": link_id,
            "taxonomy_term_id": term["id"],
            "link_type": t.TAXONOMY,
            "link_entity": entity,
            "value": value,
            "taxonomy_term": term,
        }
    )


def _phone(owner_id: str, number: str, **link: str) -> list[dict[str, Any]]:
    return [{"id": t.derived_id("phone", owner_id), **link, "number": number}] if number else []


def _area_term(area) -> dict[str, Any]:
    return _term(t.term_code(t.AREA, area.name), area.name, area.municipality)


def _organization(organisation: Organisation) -> dict[str, Any]:
    org_id = str(organisation.uuid)
    type_code = t.term_code(t.ORGANISATION_TYPE, organisation.type)
    attributes = [
        _attribute(org_id, "organization", _term(type_code, str(OrganisationType(organisation.type).label)))
    ]
    for kind, value in (
        (t.READING, organisation.reading),
        (t.POSTAL_CODE, organisation.postal_code),
        (t.ADDRESS, organisation.address),
    ):
        if value:
            attributes.append(_attribute(org_id, "organization", _term(kind, kind), value))
    if organisation.area:
        attributes.append(_attribute(org_id, "organization", _area_term(organisation.area)))
    if not organisation.is_active:
        attributes.append(_attribute(org_id, "organization", _term(t.INACTIVE, t.INACTIVE)))
    return _compact(
        {
            "id": org_id,
            "name": organisation.name,
            "description": organisation.description,
            "email": organisation.email,
            "website": organisation.website,
            "parent_organization_id": str(organisation.parent.uuid) if organisation.parent else "",
            "phones": _phone(org_id, organisation.phone, organization_id=org_id),
            "contacts": [_contact(contact, org_id) for contact in organisation.contacts.all()],
            "locations": [_location(location, org_id) for location in organisation.locations.all()],
            "services": [_service(service, org_id) for service in organisation.services.all()],
            "attributes": attributes,
        }
    ) | {"description": organisation.description}  # required, even when empty


def _contact(contact: Contact, org_id: str) -> dict[str, Any]:
    contact_id = str(contact.uuid)
    return _compact(
        {
            "id": contact_id,
            "organization_id": org_id,
            "name": contact.name,
            "department": contact.department,
            "email": contact.email,
            "phones": _phone(contact_id, contact.phone, contact_id=contact_id),
        }
    )


def _schedule(opening: OpeningTime, **link: str) -> dict[str, Any]:
    return {
        "id": str(opening.uuid),
        **link,
        "freq": "WEEKLY",
        "byday": WEEKDAYS[opening.weekday],
        "opens_at": f"{opening.opens:%H:%M}",
        "closes_at": f"{opening.closes:%H:%M}",
    }


def _location(location: Location, org_id: str) -> dict[str, Any]:
    location_id = str(location.uuid)
    address = {
        "id": t.derived_id("address", location_id),
        "location_id": location_id,
        "address_1": location.address_line,
        "city": location.city,
        "state_province": location.prefecture,
        "postal_code": location.postal_code,
        "country": "JP",
        "address_type": "physical",
    }
    attributes = [_attribute(location_id, "location", _area_term(location.area))] if location.area else []
    return _compact(
        {
            "id": location_id,
            "location_type": "physical",
            "organization_id": org_id,
            "name": location.name,
            "description": location.description,
            "addresses": [address],
            "phones": _phone(location_id, location.phone, location_id=location_id),
            "schedules": [_schedule(o, location_id=location_id) for o in location.opening_times.all()],
            "attributes": attributes,
        }
    )


def _service(service: Service, org_id: str) -> dict[str, Any]:
    service_id = str(service.uuid)
    type_code = t.term_code(t.SERVICE_TYPE, service.service_type.code)
    attributes = [_attribute(service_id, "service", _term(type_code, service.service_type.name))]
    for stage in service.stages:
        term = _term(t.term_code(t.STAGE, stage), str(ServiceStage(stage).label))
        attributes.append(_attribute(service_id, "service", term))
    at_locations = [
        {
            "id": t.derived_id("service_at_location", service_id, location.uuid),
            "service_id": service_id,
            "location_id": str(location.uuid),
        }
        for location in service.locations.all()
    ]
    return _compact(
        {
            "id": service_id,
            "organization_id": org_id,
            "name": service.name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "fees_description": service.fees,
            "eligibility_description": service.eligibility,
            "phones": _phone(service_id, service.phone, service_id=service_id),
            "schedules": [_schedule(o, service_id=service_id) for o in service.opening_times.all()],
            "service_at_locations": at_locations,
            "attributes": attributes,
        }
    )
