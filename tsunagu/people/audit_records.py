"""The audit log's view of a person's own records (registered with tsunagu/audit/records.py in
PeopleConfig.ready()). People are named by id only: the log's readers see no case content."""

from __future__ import annotations

from tsunagu.people.models import Consent, HouseholdMember, Person, StageChange


def related_records(*, person_id: int | None = None, case_reference: str = "") -> dict[str, list[int]]:
    if not person_id:
        return {}
    found = {"people.person": list(Person.objects.filter(pk=person_id).values_list("pk", flat=True))}
    for object_type, model in (
        ("people.householdmember", HouseholdMember),
        ("people.consent", Consent),
        ("people.stagechange", StageChange),
    ):
        found[object_type] = list(model.objects.filter(person_id=person_id).values_list("pk", flat=True))
    return found


def register() -> None:
    from tsunagu.audit.records import register_related_records

    register_related_records("people", related_records)
