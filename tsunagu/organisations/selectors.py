from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from tsunagu.organisations.models import Area, Organisation


def list_organisations(
    *, query: str = "", type: str = "", area_id: int | None = None
) -> QuerySet[Organisation]:
    organisations = Organisation.objects.select_related("area").annotate(office_count=Count("offices"))
    if query:
        organisations = organisations.filter(Q(name__icontains=query) | Q(reading__icontains=query))
    if type:
        organisations = organisations.filter(type=type)
    if area_id:
        organisations = organisations.filter(area_id=area_id)
    return organisations.order_by("type", "name")


def organisation_detail(*, organisation_id: int) -> Organisation:
    return (
        Organisation.objects.select_related("area")
        .prefetch_related("offices", "contacts")
        .get(pk=organisation_id)
    )


def areas() -> QuerySet[Area]:
    """Every area, for the directory's filter (an inactive area still names organisations in it)."""
    return Area.objects.all()
