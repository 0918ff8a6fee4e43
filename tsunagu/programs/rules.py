"""Who may do what on the program ladder."""

import rules

from tsunagu.accounts.rules import (
    is_administrator,
    is_casework_staff,
    is_city_caseworker,
    is_partner_staff,
    is_statistician,
)

rules.add_perm(
    "programs.view_catalog", is_casework_staff | is_city_caseworker | is_statistician | is_administrator
)
rules.add_perm("programs.manage_catalog", is_administrator)
rules.add_perm("programs.place_people", is_casework_staff)
rules.add_perm("programs.run_sessions", is_casework_staff | is_partner_staff)
rules.add_perm("programs.use_partner_portal", is_partner_staff)
rules.add_perm(
    "programs.view_overview", is_casework_staff | is_city_caseworker | is_statistician | is_administrator
)
