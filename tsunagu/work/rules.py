"""Who may do what with intermediate employment's work and pay."""

import rules

from tsunagu.accounts.rules import (
    is_administrator,
    is_casework_staff,
    is_city_caseworker,
    is_partner_staff,
    is_statistician,
    is_supervisor,
)
from tsunagu.programs.rules import hosted_by_own_organisation

# Work types, skill levels, pay rates, the minimum-wage table and customer orders.
rules.add_perm("work.manage_work_types", is_supervisor | is_administrator)
# The pages of work and pay (sites, a person's ladder, production): hub casework staff.
rules.add_perm("work.view_work", is_casework_staff)
# One host's day sheet: hub casework staff, or partner staff of the host itself (like its roll-call).
rules.add_perm("work.keep_day_sheet", is_casework_staff | (is_partner_staff & hosted_by_own_organisation))
rules.add_perm("work.use_partner_day_sheet", is_partner_staff)
# A level proposed by the rule (or set by hand) is confirmed by a supervisor; so is closing a month.
rules.add_perm("work.confirm_skill_levels", is_supervisor)
rules.add_perm("work.close_pay_months", is_supervisor)
# The monthly earned income for the 収入申告: casework staff, and the city case worker who referred the
# person (the selectors limit them to the people of the cases they referred).
rules.add_perm("work.view_earned_income", is_casework_staff | is_city_caseworker)
# The work catalog's pages (work sites, work types with their levels and rates, the minimum wage,
# customer orders, production totals): casework staff, and administrators, who keep the catalog with
# supervisors. No person is shown on them.
# The totals of intermediate employment (counts and sums, no one named): supervisors and the statistician.
rules.add_perm("work.view_totals", is_supervisor | is_statistician | is_administrator)
rules.add_perm("work.view_work_catalog", is_casework_staff | is_administrator)
