"""Who may do what with the hub network's meetings. Lists are scoped in selectors; these answer for one
meeting (or none: the role alone)."""

import rules

from tsunagu.accounts.rules import is_casework_staff, is_partner_staff, is_statistician, is_supervisor
from tsunagu.cases.rules import in_case_office


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


# ---------------------------------------------------------------- referrals (つなぎ)


@rules.predicate
def receives_referral(user, referral) -> bool:
    return referral is not None and referral.receiver_id == user.organisation_id


@rules.predicate
def sent_referral(user, referral) -> bool:
    return referral is not None and referral.sender_id == user.organisation_id


@rules.predicate
def receiver_without_staff(user, referral) -> bool:
    """The receiving organisation has no partner staff in Tsunagu (Hello Work, a court ...): the sender
    records its answer as told. The selectors annotate it; else one query."""
    if referral is None:
        return False
    known = getattr(referral, "receiver_staff_count", None)
    if known is not None:
        return known == 0
    from tsunagu.network.selectors_referrals import receiving_staff_count

    return receiving_staff_count(referral.receiver_id) == 0


# The referral lists (sent, overdue, inbox): hub casework staff and partner staff.
rules.add_perm("network.view_referrals", is_casework_staff | is_partner_staff)
# Referring a case: hub casework staff, of the case's office (a case handed over or ended too: a
# follow-up referral).
rules.add_perm("network.refer_cases", is_casework_staff)
rules.add_perm("network.refer_case", is_casework_staff & in_case_office)
# One referral, once a selector found it in scope: hub staff, or partner staff receiving or sending it.
rules.add_perm(
    "network.view_referral", is_casework_staff | (is_partner_staff & (receives_referral | sent_referral))
)
# Accepting, declining, starting and completing: the receiver's own staff; the sender only for a receiver
# with no staff in Tsunagu.
rules.add_perm(
    "network.answer_referral",
    (is_partner_staff & receives_referral)
    | ((is_casework_staff | is_partner_staff) & sent_referral & receiver_without_staff),
)
# Passing a referral on to another organisation: the receiver's own staff (a partner refers the person it
# works with; the hub refers from the case's page).
rules.add_perm("network.forward_referral", is_partner_staff & receives_referral)
# Withdrawing: the sender.
rules.add_perm("network.withdraw_referral", (is_casework_staff | is_partner_staff) & sent_referral)
# The inbox in the navigation: partner staff (hub staff reach referrals from their cases and lists).
rules.add_perm("network.use_referral_inbox", is_partner_staff)
# The network view: counts only, no person.
rules.add_perm("network.view_network", is_casework_staff | is_statistician)
