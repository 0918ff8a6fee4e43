"""Scoped reads of imports: an upload is its uploader's alone (someone else's is 404, as one that does not
exist); runs and sources are the office's."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from tsunagu.imports.models import ImportRun, ImportSource, ImportUpload


def get_upload(user, upload_id: int) -> ImportUpload:
    try:
        return ImportUpload.objects.select_related("source").get(
            pk=upload_id, uploaded_by=user, office_id=user.office_id
        )
    except ImportUpload.DoesNotExist as error:
        raise Http404 from error


def office_runs(user, *, limit: int = 20) -> list[ImportRun]:
    runs = ImportRun.objects.filter(office_id=user.office_id).select_related("source", "imported_by")
    return list(runs[:limit])


def office_sources(user) -> QuerySet[ImportSource]:
    return ImportSource.objects.filter(office_id=user.office_id)


def runs_of_file(user, file_hash: str) -> list[ImportRun]:
    """Earlier imports of the very same file in the office (the preview says so)."""
    runs = ImportRun.objects.filter(office_id=user.office_id, file_hash=file_hash).select_related(
        "imported_by"
    )
    return list(runs[:5])


def area_names() -> list[str]:
    from tsunagu.organisations.models import Area

    names = list(Area.objects.filter(is_active=True).values_list("name", flat=True)[:30])
    return names or [""]
