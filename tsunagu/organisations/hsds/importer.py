"""An HSDS document, once valid against the schema, into the directory: each object created, or updated
when its id is known. Problems are collected, each placed by object and field; the caller (the service
`import_directory`, one transaction) saves nothing when there is any."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from tsunagu.organisations.hsds import terms as t
from tsunagu.organisations.hsds.export import WEEKDAYS
from tsunagu.organisations.hsds.validation import place_problem
from tsunagu.organisations.models import (
    STAGE_FIELDS,
    Area,
    Contact,
    Location,
    OpeningTime,
    Organisation,
    OrganisationType,
    Service,
    ServiceStage,
    ServiceType,
)

OTHER_SERVICE_TYPE = "other"


class Importer:
    def __init__(self, document: list[dict[str, Any]]) -> None:
        self.document = document
        self.problems: list[str] = []
        self.organisations: dict[str, Organisation] = {}
        self.locations: dict[str, Location] = {}
        self.counts: Counter[str] = Counter()

    def problem(self, path: list[Any], field: str, message: str) -> None:
        self.problems.append(place_problem(self.document, path, field, message))

    def run(self) -> list[str]:
        self._refuse_repeated_ids()
        if self.problems:
            return self.problems
        for index, org in enumerate(self.document):
            self._organisation([index], org)
        for index, org in enumerate(self.document):
            self._parent([index], org)
        for index, org in enumerate(self.document):
            organisation = self.organisations.get(org["id"])
            if organisation is None:
                continue
            for i, contact in enumerate(org.get("contacts", [])):
                self._contact([index, "contacts", i], contact, organisation)
            for i, location in enumerate(org.get("locations", [])):
                self._location([index, "locations", i], location, organisation)
            for i, service in enumerate(org.get("services", [])):
                self._service([index, "services", i], service, organisation)
        return self.problems

    # ------------------------------------------------------------ helpers

    def _refuse_repeated_ids(self) -> None:
        seen: dict[str, str] = {}
        for index, org in enumerate(self.document):
            for path, obj in _objects_with_ids([index], org):
                kind = path[-2] if len(path) > 1 else "organization"
                key = f"{kind}:{obj['id']}"
                if key in seen:
                    self.problem(path, "id", _("is used twice in the file"))
                seen[key] = obj["id"]

    def _save(self, path: list[Any], record: models.Model, exclude: tuple[str, ...] = ()) -> bool:
        try:
            record.full_clean(exclude=list(exclude))
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.problem(path, "" if field == "__all__" else field, message)
            return False
        record.save()
        return True

    @staticmethod
    def _find(model: type[models.Model], object_id: str) -> Any:
        return model.objects.filter(uuid=uuid.UUID(object_id)).first() or model(uuid=uuid.UUID(object_id))

    @staticmethod
    def _values(obj: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
        """The obj's Tsunagu attributes: term kind → (value, term); for the kinds a record has several of
        (stages), the last wins here and `_codes` lists them all."""
        found = {}
        for attribute in obj.get("attributes", []):
            term = attribute.get("taxonomy_term") or {}
            if term.get("taxonomy") == t.TAXONOMY and term.get("code"):
                kind, code_value = t.split_code(term["code"])
                found[kind] = (attribute.get("value", "") or code_value, term)
        return found

    @staticmethod
    def _codes(obj: dict[str, Any], kind: str) -> list[str]:
        codes = []
        for attribute in obj.get("attributes", []):
            term = attribute.get("taxonomy_term") or {}
            if term.get("taxonomy") == t.TAXONOMY and t.split_code(term.get("code", ""))[0] == kind:
                codes.append(t.split_code(term["code"])[1])
        return codes

    def _area(self, path: list[Any], attributes: dict[str, tuple[str, dict[str, Any]]]) -> Area | None:
        if t.AREA not in attributes:
            return None
        name, term = attributes[t.AREA]
        area = Area.objects.filter(name=name).first()
        if area is None:
            area = Area(name=name, municipality=term.get("description") or name)
            if not self._save([*path, "attributes"], area):
                return None
        return area

    @staticmethod
    def _first_phone(obj: dict[str, Any]) -> str:
        phones = obj.get("phones") or []
        return phones[0]["number"] if phones else ""

    # ------------------------------------------------------------ objects

    def _organisation(self, path: list[Any], org: dict[str, Any]) -> None:
        attributes = self._values(org)
        organisation = self._find(Organisation, org["id"])
        type_code = attributes.get(t.ORGANISATION_TYPE, (OrganisationType.OTHER, {}))[0]
        if type_code not in OrganisationType.values:
            self.problem(path, "attributes", _("unknown organisation type %(code)s") % {"code": type_code})
            return
        organisation.name = org["name"]
        organisation.description = org.get("description", "")
        organisation.email = org.get("email", "")
        organisation.website = org.get("website", "")
        organisation.phone = self._first_phone(org)
        organisation.type = type_code
        organisation.reading = attributes.get(t.READING, ("", {}))[0]
        organisation.postal_code = attributes.get(t.POSTAL_CODE, ("", {}))[0]
        organisation.address = attributes.get(t.ADDRESS, ("", {}))[0]
        organisation.is_active = t.INACTIVE not in attributes
        organisation.area = self._area(path, attributes)
        if self._save(path, organisation, exclude=("parent",)):
            self.organisations[org["id"]] = organisation
            self.counts["organisations"] += 1

    def _parent(self, path: list[Any], org: dict[str, Any]) -> None:
        organisation = self.organisations.get(org["id"])
        parent_id = org.get("parent_organization_id")
        if organisation is None:
            return
        parent = None
        if parent_id:
            parent = self.organisations.get(parent_id) or Organisation.objects.filter(uuid=parent_id).first()
            if parent is None or parent.pk == organisation.pk:
                self.problem(path, "parent_organization_id", _("names no organisation of the directory"))
                return
        if organisation.parent_id != (parent.pk if parent else None):
            organisation.parent = parent
            organisation.save(update_fields=["parent"])

    def _contact(self, path: list[Any], obj: dict[str, Any], organisation: Organisation) -> None:
        contact = self._find(Contact, obj["id"])
        contact.organisation = organisation
        contact.name = obj.get("name", "")
        contact.department = obj.get("department", "")
        contact.email = obj.get("email", "")
        contact.phone = self._first_phone(obj)
        if self._save(path, contact):
            self.counts["contacts"] += 1

    def _location(self, path: list[Any], obj: dict[str, Any], organisation: Organisation) -> None:
        location = self._find(Location, obj["id"])
        address = (obj.get("addresses") or [{}])[0]
        location.organisation = organisation
        location.name = obj.get("name", "")
        location.description = obj.get("description", "")
        location.postal_code = address.get("postal_code", "")
        location.prefecture = address.get("state_province", "")
        location.city = address.get("city", "")
        location.address_line = address.get("address_1", "")
        location.phone = self._first_phone(obj)
        location.area = self._area(path, self._values(obj))
        if not self._save(path, location):
            return
        self.locations[obj["id"]] = location
        self.counts["locations"] += 1
        for i, schedule in enumerate(obj.get("schedules", [])):
            self._schedules([*path, "schedules", i], schedule, location=location)

    def _service_type(self, path: list[Any], obj: dict[str, Any]) -> ServiceType | None:
        code, term = self._values(obj).get(t.SERVICE_TYPE, (OTHER_SERVICE_TYPE, {"name": _("Other")}))
        service_type = ServiceType.objects.filter(code=code).first()
        if service_type is None:
            service_type = ServiceType(code=code, name=term.get("name") or code, sort_order=1000)
            if not self._save([*path, "attributes"], service_type):
                return None
        return service_type

    def _service(self, path: list[Any], obj: dict[str, Any], organisation: Organisation) -> None:
        service_type = self._service_type(path, obj)
        stages = self._codes(obj, t.STAGE)
        unknown = [stage for stage in stages if stage not in ServiceStage.values]
        if unknown:
            self.problem(path, "attributes", _("unknown stage %(code)s") % {"code": ", ".join(unknown)})
        if service_type is None or unknown:
            return
        service = self._find(Service, obj["id"])
        service.organisation = organisation
        service.service_type = service_type
        service.name = obj["name"]
        service.description = obj.get("description", "")
        service.status = obj["status"]
        service.url = obj.get("url", "")
        service.email = obj.get("email", "")
        service.fees = obj.get("fees_description", "")
        service.eligibility = obj.get("eligibility_description", "")
        service.phone = self._first_phone(obj)
        for stage, field in STAGE_FIELDS.items():
            setattr(service, field, stage in stages)
        if not self._save(path, service):
            return
        self.counts["services"] += 1
        locations = []
        for i, at_location in enumerate(obj.get("service_at_locations", [])):
            location = self.locations.get(at_location.get("location_id", ""))
            if location is None or location.organisation_id != organisation.pk:
                self.problem(
                    [*path, "service_at_locations", i],
                    "location_id",
                    _("names no location of this organisation"),
                )
                continue
            locations.append(location)
        service.locations.set(locations)
        for i, schedule in enumerate(obj.get("schedules", [])):
            self._schedules([*path, "schedules", i], schedule, service=service)

    def _schedules(self, path: list[Any], obj: dict[str, Any], **owner: Any) -> None:
        """An HSDS weekly schedule as one opening time per weekday it names."""
        days = [day.strip() for day in (obj.get("byday") or "").split(",") if day.strip()]
        opens, closes = _time(obj.get("opens_at")), _time(obj.get("closes_at"))
        if obj.get("freq", "WEEKLY") != "WEEKLY" or not days or any(day not in WEEKDAYS for day in days):
            self.problem(path, "byday", _("only weekly hours on named weekdays (MO … SU) can be read"))
            return
        if opens is None or closes is None or opens >= closes:
            self.problem(path, "opens_at", _("give the hours as HH:MM, opening before closing"))
            return
        for n, day in enumerate(days):
            opening_id = obj["id"] if n == 0 else t.derived_id("schedule", obj["id"], day)
            opening = self._find(OpeningTime, opening_id)
            opening.location, opening.service = owner.get("location"), owner.get("service")
            opening.weekday, opening.opens, opening.closes = WEEKDAYS.index(day), opens, closes
            if self._save(path, opening):
                self.counts["opening_times"] += 1


def _time(text: Any) -> dt.time | None:
    try:
        return dt.time.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _objects_with_ids(path: list[Any], obj: dict[str, Any]):
    """(path, object) of the object and of every object nested in it that has an id."""
    yield path, obj
    for key, value in obj.items():
        if key in ("attributes", "taxonomy_term") or not isinstance(value, list):
            continue
        for i, item in enumerate(value):
            if isinstance(item, dict) and "id" in item:
                yield from _objects_with_ids([*path, key, i], item)
