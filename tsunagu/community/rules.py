"""Who may do what in the community pages. Issues, resources and projects name no one: the hub's staff,
the city, the statistician and partners read them; casework staff record them. A cafeteria's sessions
are recorded by casework staff or by the staff of the organisation that runs it. Supporter roles belong
to a person: recorded by the staff who may work on the person's record (people.work_on_person).

Counts of people reach roles that may not see people (`community.see_small_counts` false) with the
counts under 5 suppressed (tsunagu/core/suppression.py)."""

import rules

from tsunagu.accounts.rules import is_casework_staff, is_internal_staff, is_partner_staff


@rules.predicate
def runs_resource(user, resource) -> bool:
    return resource is not None and user.organisation_id == resource.owner_id


rules.add_perm("community.view_community", is_internal_staff | is_partner_staff)
rules.add_perm("community.manage_community", is_casework_staff)
rules.add_perm("community.record_sessions", is_casework_staff | (is_partner_staff & runs_resource))
rules.add_perm("community.see_small_counts", is_casework_staff)
# The list of people who moved from being supported to supporting: names, so casework staff only.
rules.add_perm("community.view_supporters", is_casework_staff)
