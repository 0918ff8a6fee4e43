"""Imports of a hub's existing ledgers: the column mapping remembered per source, the upload kept only
while its preview needs it, and the record of each import run."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tsunagu.imports.kinds import KIND_CHOICES
from tsunagu.organisations.models import Office


class ImportSource(models.Model):
    """A named source of files (the hub's old Excel ledger): how its columns map to Tsunagu's fields."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("source"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES)
    # header text (as in the file) → field key
    mapping = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("import source")
        constraints = [
            models.UniqueConstraint(fields=["office", "name", "kind"], name="import_source_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class ImportUpload(models.Model):
    """An uploaded file awaiting its import: personal data, kept in the database only until it is
    imported or a day has passed (services._forget_stale_uploads), never written to a log or a URL."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    source = models.ForeignKey(ImportSource, on_delete=models.CASCADE, related_name="uploads")
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    file_name = models.CharField(max_length=200)
    file_hash = models.CharField(max_length=64)
    encoding = models.CharField(max_length=16)
    content = models.BinaryField()
    uploaded_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.file_name


class ImportRun(models.Model):
    """Who imported what: the file (name and SHA-256, never its content), its rows and the records made."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    source = models.ForeignKey(
        ImportSource, verbose_name=_("source"), on_delete=models.PROTECT, related_name="runs"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES)
    file_name = models.CharField(_("file name"), max_length=200)
    file_hash = models.CharField(_("file hash (SHA-256)"), max_length=64, db_index=True)
    rows = models.PositiveIntegerField(_("rows"))
    skipped = models.PositiveIntegerField(_("rows already on record"), default=0)
    # {"people": [ids], "cases": [ids]}, or {kind: [ids]} for the other kinds
    created_ids = models.JSONField(default=dict)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("imported by"), on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return self.file_name

    @property
    def created_count(self) -> int:
        """The people made (a people import, which also makes their cases), or the records of the kind."""
        return len(self.created_ids.get("people", self.created_ids.get(self.kind, [])))
