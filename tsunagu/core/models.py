from django.db import models
from django.utils.translation import gettext_lazy as _


class ConfiguredList(models.Model):
    """A list the hub keeps as rows so it can add its own entries (service types, local issue themes,
    kinds of resource): a stable code, a name, an order, and whether it is still offered. A retired entry
    (not in use) stays on the records that have it but is no longer offered in forms. The screens that edit
    every such list are one (tsunagu/organisations/lists.py, where each list is registered)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    sort_order = models.PositiveIntegerField(_("display order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)
    # Two people may rename or retire an entry at once (tsunagu/core/editing.py).
    edit_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class FormSubmission(models.Model):
    """A create form that was sent (tsunagu.core.submissions): its one-time token, who sent it and where
    the first save led, so that sending it again shows that result instead of saving twice. The token is
    random; the addresses hold ids only. Rows older than a day are deleted as new ones come."""

    token = models.CharField(max_length=64, unique=True)
    # The user's id, not a foreign key: core sits below accounts (docs/architecture.md).
    user_id = models.BigIntegerField()
    path = models.CharField(max_length=255)
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.path} ({self.created_at:%Y-%m-%d %H:%M})"


class BackupRun(models.Model):
    """A successful `tsunagu backup` (core/backups.py): when, which file. Kept in the database rather than
    in a file beside the backups, so the administrator's home shows it whichever machine serves the page
    (with PostgreSQL the backups may be made elsewhere); a restored database holds the runs before its
    own backup, never a newer one."""

    finished_at = models.DateTimeField(db_index=True)
    file_name = models.CharField(max_length=200)
    size_bytes = models.BigIntegerField()
    vendor = models.CharField(max_length=20)

    def __str__(self) -> str:
        return f"{self.file_name} ({self.finished_at:%Y-%m-%d %H:%M})"
