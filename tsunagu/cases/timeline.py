"""The case timeline: everything that happened to a case, newest first, in one order.

Each entry has its day, and the moment it happened when the record keeps one (a support note, a closure
request or decision, a plan drafted or sent). Within a day, entries go by that moment; a record that keeps
only a date (an assessment, a monitoring, an approval, a placement step) goes by the time it was entered
when it was entered that day, else before the day's timed entries; ties go by the order of the process
(intake first). Higher apps add their entries through a registry, as they add panels to the case page
(panels.py): programs registers the placement steps and the hosts' evaluations in its AppConfig.ready(),
so that cases never imports them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import timezone

# Ties within a moment go by the process: intake, assessment, plan, ..., closure.
PROCESS_ORDER = (
    "intake", "assessment", "stage", "plan", "submission", "approval", "placement", "note", "monitoring",
    "host_evaluation", "evaluation", "closure_request", "closure_decision",
)  # fmt: skip
KIND_ORDER = {kind: rank for rank, kind in enumerate(PROCESS_ORDER)}


@dataclass(frozen=True)
class TimelineEntry:
    day: dt.date
    kind: str
    title: str
    body: str = ""
    who: str = ""
    at: dt.datetime | None = None  # the moment it happened, when the record keeps one (shown with its time)
    recorded_at: dt.datetime | None = None  # when a dated record was entered (orders it within its day)
    url: str = ""
    obj: object = None

    @property
    def when(self) -> dt.date | dt.datetime:
        return self.at or self.day

    @property
    def sort_key(self) -> tuple[dt.date, dt.datetime, int]:
        if self.at is not None:
            moment = _local(self.at)
        elif self.recorded_at is not None and _local(self.recorded_at).date() == self.day:
            moment = _local(self.recorded_at)
        else:
            moment = dt.datetime.combine(self.day, dt.time.min)
        return self.day, moment, KIND_ORDER.get(self.kind, len(KIND_ORDER))


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment).replace(tzinfo=None) if timezone.is_aware(moment) else moment


def moment_entry(at: dt.datetime, **fields) -> TimelineEntry:
    """An entry for something that happened at a known moment (its day is the local day of it)."""
    return TimelineEntry(
        day=timezone.localtime(at).date() if timezone.is_aware(at) else at.date(), at=at, **fields
    )


def in_order(entries: Iterable[TimelineEntry]) -> list[TimelineEntry]:
    """Newest first."""
    return sorted(entries, key=lambda entry: entry.sort_key, reverse=True)


TimelineSource = Callable[..., Iterable[TimelineEntry]]
"""Called as source(user=…, case=…): the entries the user may see of that case, in any order."""

_sources: dict[str, TimelineSource] = {}


def register_timeline_source(name: str, source: TimelineSource) -> None:
    """Add entries to every case's timeline (registering the same name again replaces it)."""
    _sources[name] = source


def timeline_sources() -> list[TimelineSource]:
    return list(_sources.values())
