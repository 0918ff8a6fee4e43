"""Who may do what to a case. Object checks take a Case (or the record named); visibility of lists lives
in selectors."""

import rules

from tsunagu.accounts.rules import (
    is_administrator,
    is_casework_staff,
    is_city_caseworker,
    is_statistician,
    is_supervisor,
)
from tsunagu.cases.models import PlanStatus


@rules.predicate
def in_case_office(user, case) -> bool:
    return case is not None and case.office_id == user.office_id


@rules.predicate
def referred_by_user(user, case) -> bool:
    return case is not None and case.referring_caseworker_id == user.pk


@rules.predicate
def is_assigned(user, case) -> bool:
    return case is not None and user.pk in (case.worker_id, case.employment_worker_id)


@rules.predicate
def case_is_open(user, case) -> bool:
    return case is not None and case.is_open


@rules.predicate
def plan_in_preparation(user, plan) -> bool:
    return plan is not None and plan.status in (PlanStatus.DRAFT, PlanStatus.SUBMITTED)


@rules.predicate
def may_work_on_plans_case(user, plan) -> bool:
    return plan is not None and user.has_perm("cases.work_on_case", plan.case)


@rules.predicate
def transfer_from_own_office(user, transfer) -> bool:
    return transfer is not None and transfer.from_office_id == user.office_id


can_view_case = (is_casework_staff & in_case_office) | (is_city_caseworker & referred_by_user)
can_work_on_case = is_casework_staff & in_case_office & case_is_open
can_supervise_case = is_supervisor & in_case_office
# A case that has ended takes a note only as a deliberate follow-up (services.add_note, after_closure).
can_follow_up_case = is_casework_staff & in_case_office & ~case_is_open

rules.add_perm("cases.view_case", can_view_case)
# The retention job (cases/retention.py): the administrator runs it, as they run the backups.
rules.add_perm("cases.anonymise_closed_cases", is_administrator)
rules.add_perm("cases.work_on_case", can_work_on_case)
rules.add_perm("cases.supervise_case", can_supervise_case)
rules.add_perm("cases.follow_up_case", can_follow_up_case)
# A note: the case's workers while it is open, its office's supervisor at any time, and once the case has
# ended its office's casework staff as a follow-up said to be one (services.add_note, after_closure).
rules.add_perm("cases.add_note", can_work_on_case | can_supervise_case | can_follow_up_case)
rules.add_perm("cases.edit_plan", plan_in_preparation & may_work_on_plans_case)
rules.add_perm("cases.decide_transfer", is_supervisor & transfer_from_own_office)
rules.add_perm("cases.open_case", is_casework_staff)
rules.add_perm("cases.view_case_list", is_casework_staff | is_city_caseworker)
rules.add_perm("cases.approve", is_supervisor)
# The report of continuing cases to the municipality: casework staff and city case workers see the cases
# of their scope, the statistician counts only (municipal_report.sees_names).
rules.add_perm("cases.view_municipal_report", is_casework_staff | is_city_caseworker | is_statistician)
