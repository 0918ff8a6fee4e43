"""A background job as its starter sees it: what it is, how far it got, how it ended, and its result."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")
    CANCELLED = "cancelled", _("cancelled")


FINISHED = (JobStatus.DONE, JobStatus.FAILED, JobStatus.CANCELLED)


class BackgroundJob(models.Model):
    """One run of a job kind (registry.py) for the user who started it. The worker runs it (runner.py):
    its own writes in one transaction, so a failed or cancelled job leaves nothing; the live progress of a
    running job is on its board (progress.py), the record keeps the figures it ended with."""

    kind = models.CharField(_("kind"), max_length=60)
    params = models.JSONField(default=dict)  # ids and choices only, never personal data
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), on_delete=models.CASCADE, related_name="+"
    )
    organisation_id = models.PositiveBigIntegerField(db_index=True)  # the starter's, for its administrators
    language = models.CharField(max_length=8, default="ja")  # the starter's, for the job's messages
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    step = models.CharField(max_length=120, blank=True)
    cancel_requested = models.BooleanField(default=False)
    # The name of the running job's board (progress.py): random, so that no two jobs ever share one.
    board = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    task_id = models.CharField(max_length=64, blank=True)  # the queue's task (django_tasks_db)
    # Said to the starter in their language: the outcome, or why it failed (never an exception's text).
    message = models.TextField(blank=True)
    # A link onwards once done (a page of the job's app).
    next_url = models.CharField(max_length=200, blank=True)
    result = models.BinaryField(null=True, blank=True)
    result_name = models.CharField(max_length=120, blank=True)
    result_type = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(_("started at"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("background job")
        indexes = [models.Index(fields=["started_by", "kind", "-created_at"], name="background_job_mine")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    @property
    def has_result(self) -> bool:
        return self.status == JobStatus.DONE and bool(self.result_name) and self.result is not None
