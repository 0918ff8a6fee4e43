"""The audit log finds network' records by the person or case they concern (tsunagu/audit/records.py)."""

from __future__ import annotations

from tsunagu.audit.records import RecordsOf, register_records_of
from tsunagu.network.models import ActionItem, AgendaCase, Decision, Referral, ReferralChange


def register() -> None:
    register_records_of(
        "network",
        [
        *(RecordsOf(model, person="case__person_id", case="case__reference")
          for model in (AgendaCase, Decision, ActionItem, Referral)),
        RecordsOf(ReferralChange, person="referral__case__person_id", case="referral__case__reference"),
        ],
    )  # fmt: skip
