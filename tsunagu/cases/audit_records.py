"""How the audit log names cases' records and finds those of a case or a person (registered with
tsunagu/audit/records.py in CasesConfig.ready()): a case by its reference, its records by their case's."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from tsunagu.cases.models import (
    Assessment,
    Case,
    CaseConcern,
    Closure,
    EmergencySupport,
    Evaluation,
    Monitoring,
    Note,
    Plan,
    TransferRequest,
)

CASE_RECORDS = {
    "cases.assessment": Assessment,
    "cases.note": Note,
    "cases.monitoring": Monitoring,
    "cases.evaluation": Evaluation,
    "cases.closure": Closure,
}


def _keys(ids: Iterable[str]) -> list[int]:
    return [int(pk) for pk in ids if pk.isdigit()]


def case_names(ids: list[str]) -> dict[str, str]:
    return {
        str(pk): reference
        for pk, reference in Case.objects.filter(pk__in=_keys(ids)).values_list("pk", "reference")
    }


def plan_names(ids: list[str]) -> dict[str, str]:
    rows = Plan.objects.filter(pk__in=_keys(ids)).values_list("pk", "case__reference", "version")
    return {
        str(pk): _("%(reference)s v%(version)s") % {"reference": ref, "version": v} for pk, ref, v in rows
    }


def names_by_case(model):
    """A record of a case is known by its case's reference."""

    def names(ids: list[str]) -> dict[str, str]:
        rows = model.objects.filter(pk__in=_keys(ids)).values_list("pk", "case__reference")
        return {str(pk): reference for pk, reference in rows}

    return names


def register() -> None:
    from tsunagu.audit.records import RecordsOf, register_record_names, register_records_of

    register_record_names("cases.case", case_names)
    register_record_names("cases.plan", plan_names)
    for object_type, model in CASE_RECORDS.items():
        register_record_names(object_type, names_by_case(model))
    of_case = [Plan, CaseConcern, EmergencySupport, *CASE_RECORDS.values()]
    register_records_of(
        "cases",
        [
            RecordsOf(Case, person="person_id", case="reference"),
            *(RecordsOf(model, person="case__person_id", case="case__reference") for model in of_case),
            RecordsOf(TransferRequest, person="person_id"),
        ],
    )
