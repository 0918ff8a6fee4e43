"""Reads of the directory. The directory has no scope: every internal role reads all of it (the views ask
`organisations.view_directory`); these selectors keep each page's queries fixed in number."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from tsunagu.core.japanese import search_key
from tsunagu.core.models import ConfiguredList
from tsunagu.organisations.hsds.export import build_document, organisations_to_export
from tsunagu.organisations.lists import RegisteredList
from tsunagu.organisations.models import (
    STAGE_FIELDS,
    Area,
    Contact,
    Location,
    OpeningTime,
    Organisation,
    Service,
    ServiceType,
)


def _service_filter(*, service_type_id: int | None, stage: str, prefix: str = "") -> Q:
    condition = Q()
    if service_type_id:
        condition &= Q(**{f"{prefix}service_type_id": service_type_id})
    if stage:
        condition &= Q(**{f"{prefix}{STAGE_FIELDS[stage]}": True})
    return condition


def list_organisations(
    *,
    query: str = "",
    type: str = "",
    area_id: int | None = None,
    service_type_id: int | None = None,
    stage: str = "",
) -> QuerySet[Organisation]:
    """The directory, searched by name or reading (kana and width ignored), type, area (the
    organisation's or one of its locations'), and by what its services offer: a service type and a stage
    of the ladder. Each organisation brings the services that matched, in one more query."""
    organisations = Organisation.objects.select_related("area", "parent").annotate(
        office_count=Count("offices", distinct=True)
    )
    if query and (key := search_key(query)):
        organisations = organisations.filter(
            Q(search_text__contains=key)
            | Q(name__icontains=query.strip())
            | Q(services__name__icontains=query.strip())
        )
    if type:
        organisations = organisations.filter(type=type)
    if area_id:
        organisations = organisations.filter(Q(area_id=area_id) | Q(locations__area_id=area_id))
    wanted = _service_filter(service_type_id=service_type_id, stage=stage)
    if service_type_id or stage:
        organisations = organisations.filter(
            _service_filter(service_type_id=service_type_id, stage=stage, prefix="services__")
        )
    matching = Service.objects.filter(wanted).select_related("service_type").order_by("name")
    return (
        organisations.prefetch_related(Prefetch("services", matching, to_attr="listed_services"))
        .distinct()
        .order_by("type", "name")
    )


def organisation_detail(*, organisation_id: int) -> Organisation:
    """One organisation with its units, locations and their hours, services and their hours, contacts."""
    return (
        Organisation.objects.select_related("area", "parent")
        .prefetch_related(
            "offices",
            Prefetch("contacts", Contact.objects.order_by("name")),
            Prefetch("units", Organisation.objects.order_by("name")),
            Prefetch(
                "locations",
                Location.objects.select_related("area").prefetch_related(
                    Prefetch("opening_times", OpeningTime.objects.order_by("weekday", "opens"))
                ),
            ),
            Prefetch(
                "services",
                Service.objects.select_related("service_type").prefetch_related(
                    "locations", Prefetch("opening_times", OpeningTime.objects.order_by("weekday", "opens"))
                ),
            ),
        )
        .get(pk=organisation_id)
    )


def get_service(*, service_id: int) -> Service:
    service = Service.objects.select_related("organisation", "service_type").filter(pk=service_id).first()
    if service is None:
        raise Http404
    return service


def get_opening_time(*, opening_time_id: int) -> OpeningTime:
    opening = OpeningTime.objects.select_related("location", "service").filter(pk=opening_time_id).first()
    if opening is None:
        raise Http404
    return opening


def organisation_locations(*, organisation: Organisation) -> QuerySet[Location]:
    return Location.objects.filter(organisation=organisation).order_by("name")


def organisation_services(*, organisation: Organisation) -> QuerySet[Service]:
    return Service.objects.filter(organisation=organisation).order_by("name")


def areas() -> QuerySet[Area]:
    """Every area, for the directory's filter (an inactive area still names organisations in it)."""
    return Area.objects.all()


def service_types() -> QuerySet[ServiceType]:
    return ServiceType.objects.all()


def hsds_document() -> list[dict]:
    """The whole directory as an HSDS document (the export)."""
    return build_document(organisations_to_export())


# ---------------------------------------------------------------- the configurable lists (lists.py)


def list_entries(configured: RegisteredList) -> QuerySet[ConfiguredList]:
    """Every entry of the list, retired ones too (they may be brought back), in the order forms offer them."""
    return configured.model._default_manager.order_by("-is_active", "sort_order", "name")


def list_sizes(lists: list[RegisteredList]) -> dict[str, tuple[int, int]]:
    """Per list, (entries in use, entries in all): one query a list, and the lists are few."""
    sizes = {}
    for configured in lists:
        counts = configured.model._default_manager.aggregate(
            active=Count("pk", filter=Q(is_active=True)), total=Count("pk")
        )
        sizes[configured.key] = (counts["active"], counts["total"])
    return sizes


def get_list_entry(configured: RegisteredList, entry_id: int) -> ConfiguredList:
    entry = configured.model._default_manager.filter(pk=entry_id).first()
    if entry is None:
        raise Http404
    return entry
