"""Who may do what with the hub network's meetings. Lists are scoped in selectors; these answer for one
meeting (or none: the role alone)."""

import rules

from tsunagu.accounts.rules import is_casework_staff, is_supervisor


@rules.predicate
def in_meeting_office(user, meeting) -> bool:
    return meeting is not None and meeting.office_id == user.office_id


@rules.predicate
def attends(user, meeting) -> bool:
    """The user is on the meeting's attendance (the selectors prefetch it; else one query)."""
    if meeting is None:
        return False
    cached = getattr(meeting, "_prefetched_objects_cache", {}).get("attendees")
    if cached is not None:
        return any(attendee.user_id == user.pk for attendee in cached)
    return meeting.attendees.filter(user=user).exists()


@rules.predicate
def is_support_council(user, meeting) -> bool:
    return meeting is not None and meeting.is_support_council


@rules.predicate
def organises(user, meeting) -> bool:
    return meeting is not None and meeting.organiser_id == user.pk


# The meetings pages: hub casework staff, who create and see the meetings of their office.
rules.add_perm("network.view_meetings", is_casework_staff)
rules.add_perm("network.create_meeting", is_casework_staff)
# One meeting: casework staff of its office; a 支援会議 (its minutes and case list) only its attendees and
# the office's supervisors.
can_view_meeting = is_casework_staff & in_meeting_office & (~is_support_council | attends | is_supervisor)
rules.add_perm("network.view_meeting", can_view_meeting)
# Changing a meeting (attendance, agenda, minutes, actions): its organiser, its attendees, a supervisor.
rules.add_perm("network.edit_meeting", can_view_meeting & (organises | attends | is_supervisor))
# The standing bodies (部会) and their members.
rules.add_perm("network.manage_bodies", is_supervisor)
