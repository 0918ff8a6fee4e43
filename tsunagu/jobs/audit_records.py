"""The audit log finds the jobs' records by the person or case they concern (tsunagu/audit/records.py)."""

from __future__ import annotations

from tsunagu.audit.records import RecordsOf, register_records_of
from tsunagu.jobs.models import (
    HelloWorkReferral,
    Internship,
    Introduction,
    JobSeeker,
    Qualification,
    RetentionCheck,
    WorkOutcome,
)


def register() -> None:
    register_records_of(
        "jobs",
        [
        *(RecordsOf(model, person="case__person_id", case="case__reference")
          for model in (WorkOutcome, JobSeeker, HelloWorkReferral, Internship, Qualification)),
        RecordsOf(RetentionCheck, person="outcome__case__person_id", case="outcome__case__reference"),
        RecordsOf(Introduction, person="seeker__case__person_id", case="seeker__case__reference"),
        ],
    )  # fmt: skip
