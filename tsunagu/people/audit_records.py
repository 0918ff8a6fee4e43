"""The audit log's view of a person's own records (registered with tsunagu/audit/records.py in
PeopleConfig.ready()). People are named by id only: the log's readers see no case content."""

from __future__ import annotations

from tsunagu.people.models import Consent, HouseholdMember, Person, StageChange


def register() -> None:
    from tsunagu.audit.records import RecordsOf, register_records_of

    register_records_of(
        "people",
        [
            RecordsOf(Person, person="pk"),
            *(RecordsOf(model, person="person_id") for model in (HouseholdMember, Consent, StageChange)),
        ],
    )
