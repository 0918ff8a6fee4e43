"""The audit log finds the community's records by the person they concern (tsunagu/audit/records.py)."""

from __future__ import annotations

from tsunagu.audit.records import RecordsOf, register_records_of
from tsunagu.community.models import SupporterRole


def register() -> None:
    register_records_of("community", [RecordsOf(SupporterRole, person="person_id")])
