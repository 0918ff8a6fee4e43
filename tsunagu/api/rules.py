"""Who may hold an API token, and who may revoke others'.

Tokens are for the roles that have a business with the data the API reads: casework staff (their office's
cases), city case workers (the cases they referred), partner staff (the people placed with and referred to
their organisation) and the statistician (the national figures, counts only). Administrators manage users
and see no person's record: they hold no token, but may revoke any token of their organisation."""

import rules

from tsunagu.accounts.rules import (
    is_administrator,
    is_casework_staff,
    is_city_caseworker,
    is_partner_staff,
    is_statistician,
)

HOLD_TOKEN = "api.hold_token"
REVOKE_ANY_TOKEN = "api.revoke_any_token"


@rules.predicate
def is_token_owner(user, token) -> bool:
    return token is not None and token.user_id == user.pk


@rules.predicate
def is_administrator_of_token_owner(user, token) -> bool:
    return token is not None and token.user.organisation_id == user.organisation_id


rules.add_perm(HOLD_TOKEN, is_casework_staff | is_city_caseworker | is_partner_staff | is_statistician)
rules.add_perm(REVOKE_ANY_TOKEN, is_administrator)
# The tokens page: those who hold tokens, and the administrators who revoke them.
OPEN_TOKEN_PAGE = "api.open_token_page"
rules.add_perm(
    OPEN_TOKEN_PAGE,
    is_casework_staff | is_city_caseworker | is_partner_staff | is_statistician | is_administrator,
)
rules.add_perm("api.revoke_token", is_token_owner | (is_administrator & is_administrator_of_token_owner))

# What each endpoint reads, by role (the scope inside is the owning app's selector). The people, cases,
# notes and plans of the person and case pages: casework staff and city case workers. Placements,
# attendance and work logs of the programs: casework staff and the host's partner staff. Referrals:
# casework staff and the receiving (or sending) partner. The national figures: as the statistician's page.
READ_PEOPLE = "api.read_people"
READ_PROGRAMS = "api.read_programs"
READ_REFERRALS = "api.read_referrals"
READ_STATISTICS = "statistics.view_statistics"

rules.add_perm(READ_PEOPLE, is_casework_staff | is_city_caseworker)
rules.add_perm(READ_PROGRAMS, is_casework_staff | is_partner_staff)
rules.add_perm(READ_REFERRALS, is_casework_staff | is_partner_staff)
