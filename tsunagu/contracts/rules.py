"""Who may do what with the contracts. Supervisors and administrators keep the contracts; the 沿革 and the
reports (counts, no one named) are theirs and the statistician's, who sees counts under 5 suppressed.
Assigning a case or a placement to a contract is casework on the case (cases.work_on_case)."""

import rules

from tsunagu.accounts.rules import is_administrator, is_casework_staff, is_statistician, is_supervisor


@rules.predicate
def may_work_on_the_case(user, case) -> bool:
    return case is not None and user.has_perm("cases.work_on_case", case)


rules.add_perm("contracts.view_contracts", is_supervisor | is_statistician | is_administrator)
rules.add_perm("contracts.manage_contracts", is_supervisor | is_administrator)
# The assignment pages (the role), then a case in the user's scope (the case).
rules.add_perm("contracts.assign_cases", is_casework_staff)
rules.add_perm("contracts.assign", is_casework_staff & may_work_on_the_case)
