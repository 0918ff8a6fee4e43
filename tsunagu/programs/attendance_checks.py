"""Rules that higher apps set on changing attendance, so that programs never imports them.

Attendance is programs' own record, but a higher app may rest something on it: work keeps a day's work
log on the person's attendance of that day, and locks the attendance of a month whose pay is closed. Such
an app registers a check in its AppConfig.ready(); the roll-call service asks every check before it
writes, and refuses (nothing saved) the changes any of them names, next to the person's line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class AttendanceChange:
    """What a roll-call would change for one person at one session."""

    placement_id: int
    person_id: int
    host_id: int
    date: dt.date
    was: str | None  # the status recorded before; None when the person had none at this session
    status: str  # the status the roll-call records


AttendanceCheck = Callable[[Sequence[AttendanceChange]], dict[int, str]]
"""Called with a session's changes (all of one host and day): {placement id: why its change is refused}
for the ones refused; a check answers in a fixed number of queries, whatever the number of people."""

_checks: dict[str, AttendanceCheck] = {}


def register_attendance_check(name: str, check: AttendanceCheck) -> None:
    """Add a check (registering the same name again replaces it)."""
    _checks[name] = check


def attendance_refusals(changes: Sequence[AttendanceChange]) -> dict[int, list[str]]:
    """{placement id: the reasons its change is refused}, from every registered check."""
    if not changes:
        return {}
    refusals: dict[int, list[str]] = {}
    for check in _checks.values():
        for placement_id, reason in check(changes).items():
            refusals.setdefault(placement_id, []).append(reason)
    return refusals
