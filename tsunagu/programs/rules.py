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


@rules.predicate
def hosted_by_own_organisation(user, host) -> bool:
    return host is not None and host.organisation_id == user.organisation_id


# One host's sessions, roll-calls and evaluations: hub casework staff, or partner staff of the host itself.
rules.add_perm(
    "programs.run_host_sessions", is_casework_staff | (is_partner_staff & hosted_by_own_organisation)
)
rules.add_perm("programs.use_partner_portal", is_partner_staff)
rules.add_perm(
    "programs.view_overview", is_casework_staff | is_city_caseworker | is_statistician | is_administrator
)
