"""Work's rule on the roll-call (registered with programs' attendance checks in WorkConfig.ready()):
attendance that work rests on does not change under it.

- A day with a work log: the person came and worked, so the ordinary roll-call may not mark them absent.
  The log is removed first on the day sheet (which can also record the absence in the same save).
- A month whose pay is closed at the host: its attendance is locked with its logs and statements; a
  correction of pay is an adjustment in a later month."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from tsunagu.programs.attendance_checks import AttendanceChange
from tsunagu.programs.models import ATTENDED_STATUSES
from tsunagu.work import months
from tsunagu.work.models import WorkLog


def refuse_attendance_changes(changes: Sequence[AttendanceChange]) -> dict[int, str]:
    """{placement id: why} for the changes work refuses; all the changes are of one host and day."""
    host_id, day = changes[0].host_id, changes[0].date
    if months.is_closed(host_id=host_id, day=day):
        closed = _(
            "The pay of %(month)s is closed at this site: its attendance cannot change. A correction of pay is "
            "an adjustment in a later month."
        ) % {"month": f"{day:%Y-%m}"}
        return {change.placement_id: closed for change in changes}
    leaving = [change.placement_id for change in changes if change.status not in ATTENDED_STATUSES]
    if not leaving:
        return {}
    logged = set(
        WorkLog.objects.filter(placement_id__in=leaving, date=day)
        .order_by()
        .values_list("placement_id", flat=True)
    )
    refusal = _("Work is logged for this person on this day: remove the work log first on the day sheet.")
    return {placement_id: refusal for placement_id in leaving if placement_id in logged}
