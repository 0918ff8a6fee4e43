"""Scoped reads of background jobs: a job is its starter's and their organisation's administrators' (404
for anyone else, as for a job that does not exist)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from tsunagu.accounts.models import User
from tsunagu.accounts.roles import Role
from tsunagu.background.models import BackgroundJob

RECENT = dt.timedelta(hours=12)  # a page shows its kind's job of the last hours


def _visible(user: User) -> Q:
    mine = Q(started_by=user)
    if user.has_role(Role.ADMINISTRATOR):
        return mine | Q(organisation_id=user.organisation_id)
    return mine


def get_job(*, user: User, job_id: int) -> BackgroundJob:
    try:
        return BackgroundJob.objects.select_related("started_by").get(_visible(user), pk=job_id)
    except BackgroundJob.DoesNotExist as error:
        raise Http404 from error


def jobs_of(*, user: User, limit: int = 50) -> QuerySet[BackgroundJob]:
    """The user's jobs, newest first (an administrator's list holds their organisation's too)."""
    return BackgroundJob.objects.filter(_visible(user)).select_related("started_by").defer("result")[:limit]


def latest_job(*, user: User, kind: str) -> BackgroundJob | None:
    """The user's own last job of the kind, if started in the last hours (the page that starts it shows it)."""
    since = timezone.now() - RECENT
    jobs = BackgroundJob.objects.filter(started_by=user, kind=kind, created_at__gte=since).defer("result")
    return jobs.order_by("-created_at", "-id").first()


def recent_jobs(*, user: User, kind: str, limit: int = 4) -> list[BackgroundJob]:
    """The user's own jobs of the kind started in the last hours, newest first (the page that starts them
    shows them)."""
    since = timezone.now() - RECENT
    jobs = BackgroundJob.objects.filter(started_by=user, kind=kind, created_at__gte=since).defer("result")
    return list(jobs.order_by("-created_at", "-id")[:limit])
