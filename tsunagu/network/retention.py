"""network's part of the retention job (tsunagu/people/retention.py): referrals' needs and messages, their
changes' notes, the decisions and actions about the cases, and the minutes of a meeting whose every case
on the agenda is anonymised. A referral still running (sent, accepted, in progress) keeps its person whole."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef

from tsunagu.network.models import (
    ActionItem,
    AgendaCase,
    Decision,
    Meeting,
    Referral,
    ReferralChange,
    ReferralStatus,
)
from tsunagu.people.retention import add_counts, blank_rows, register_anonymise_step, register_retention_hold

RUNNING = (ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS)
# A meeting's place is a room, not a person's text; its minutes go only with its last case (below).
MEETING_KEPT = ("place",)


def anonymise_network(*, people: set[int], cases: set[int], on: dt.date) -> dict[str, int]:
    counts: dict[str, int] = {}
    add_counts(counts, blank_rows(Referral, case__in=cases))
    add_counts(counts, blank_rows(ReferralChange, referral__case__in=cases))
    add_counts(counts, blank_rows(Decision, case__in=cases))
    add_counts(counts, blank_rows(ActionItem, case__in=cases))
    # Minutes name the people discussed: they go once no case on the agenda is a person's record still kept.
    agenda = AgendaCase.objects.filter(meeting=OuterRef("pk"))
    kept_case = agenda.exclude(case__in=cases).filter(case__person__anonymised_on__isnull=True)
    meetings = Meeting.objects.filter(Exists(agenda.filter(case__in=cases))).exclude(Exists(kept_case))
    add_counts(
        counts, blank_rows(Meeting, keep=MEETING_KEPT, pk__in=list(meetings.values_list("pk", flat=True)))
    )
    return counts


def people_with_running_referrals(*, people: set[int]) -> set[int]:
    return set(
        Referral.objects.filter(case__person__in=people, status__in=RUNNING).values_list(
            "case__person_id", flat=True
        )
    )


def register() -> None:
    register_anonymise_step(
        anonymise_network,
        covers=(
            "network.Referral",
            "network.ReferralChange",
            "network.Decision",
            "network.ActionItem",
            "network.AgendaCase",
            "network.Meeting",
        ),
    )
    register_retention_hold(people_with_running_referrals)
