"""The kinds of background job. An app above this one registers each of its kinds in its
`AppConfig.ready()` (statistics: the exports; imports: the import), so that the worker finds the code to
run and the pages a label for it, without this app importing them.

A kind's `run(job)` does the work inside the job's one transaction, calls `progress.report_progress` as it
goes (which raises `Cancelled` once cancellation was asked), and returns an `Outcome`: a message for the
starter, a file kept for download, a page to go on to. A `ValidationError` it raises is shown to the
starter as its message; any other error is logged (without its text) and shown as a general failure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tsunagu.background.models import BackgroundJob


@dataclass(frozen=True)
class ResultFile:
    name: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class Outcome:
    message: str = ""
    file: ResultFile | None = None
    next_url: str = ""


@dataclass(frozen=True)
class JobKind:
    key: str  # "<app>.<what>", stored on the job
    label: Any  # a lazy translation
    permission: str  # who may start one (asked again by start_job)
    run: Callable[[BackgroundJob], Outcome]


_KINDS: dict[str, JobKind] = {}


def register_job_kind(kind: JobKind) -> None:
    _KINDS[kind.key] = kind


def job_kind(key: str) -> JobKind | None:
    return _KINDS.get(key)


def registered_kinds() -> dict[str, JobKind]:
    return dict(_KINDS)
