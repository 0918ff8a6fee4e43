"""Role predicates. Later features combine these; templates never re-decide visibility."""

import rules

from tsunagu.accounts.roles import CASEWORK_ROLES, Role


def _role_predicate(role: Role) -> rules.Predicate:
    @rules.predicate(name=f"is_{role.value}")
    def has_role(user) -> bool:
        return bool(user and user.is_authenticated and user.has_role(role))

    return has_role


is_consultation_worker = _role_predicate(Role.CONSULTATION_WORKER)
is_employment_worker = _role_predicate(Role.EMPLOYMENT_WORKER)
is_supervisor = _role_predicate(Role.SUPERVISOR)
is_city_caseworker = _role_predicate(Role.CITY_CASEWORKER)
is_partner_staff = _role_predicate(Role.PARTNER_STAFF)
is_statistician = _role_predicate(Role.STATISTICIAN)
is_administrator = _role_predicate(Role.ADMINISTRATOR)


@rules.predicate
def is_casework_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.role_codes & CASEWORK_ROLES)


is_internal_staff = is_casework_staff | is_city_caseworker | is_statistician | is_administrator

rules.add_perm("accounts.manage_users", is_administrator)
rules.add_perm("organisations.manage_organisations", is_administrator)
rules.add_perm("organisations.view_directory", is_internal_staff)
rules.add_perm("audit.view_events", is_administrator)
rules.add_perm("core.view_backup_status", is_administrator)
