"""Who may do what in job placement and with work outcomes. Employment workers lead; the office's
consultation workers and supervisors work alongside them (the casework roles). What concerns a person
(an outcome, a registration, an introduction, a retention check) follows the case: the case's workers
while it is open (cases.work_on_case). Lists are scoped in selectors."""

import rules

from tsunagu.accounts.rules import is_casework_staff, is_partner_staff, is_supervisor


def _case_of(record):
    """The case a record of this app belongs to."""
    for path in ("case", "seeker.case", "outcome.case"):
        obj = record
        for name in path.split("."):
            obj = getattr(obj, name, None)
        if obj is not None:
            return obj
    return None


@rules.predicate
def may_work_on_its_case(user, record) -> bool:
    case = record if record is not None and hasattr(record, "intake_date") else _case_of(record)
    return case is not None and user.has_perm("cases.work_on_case", case)


@rules.predicate
def hosts_the_internship(user, internship) -> bool:
    return internship is not None and internship.host_id == user.organisation_id


# The job placement pages (openings, seekers of the user's scope, the licence's register).
rules.add_perm("jobs.view_jobs", is_casework_staff)
rules.add_perm("jobs.manage_openings", is_casework_staff)
rules.add_perm("jobs.manage_licence", is_supervisor)
# A case (its outcomes, a registration), a registration (its introductions), an introduction, a check.
rules.add_perm("jobs.work_on_case", is_casework_staff & may_work_on_its_case)
# The partner portal's interns: the host's own staff, of the internships their organisation hosts (the
# person's name, the period and the terms; nothing of the case).
rules.add_perm("jobs.view_host_internships", is_partner_staff)
rules.add_perm("jobs.view_hosted_internship", is_partner_staff & hosts_the_internship)
