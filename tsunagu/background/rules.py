"""Who may see a background job: the user who started it, and the administrators of their organisation."""

import rules

from tsunagu.accounts.rules import is_administrator


@rules.predicate
def started_the_job(user, job) -> bool:
    return job is not None and job.started_by_id == user.pk


@rules.predicate
def administers_the_starters_organisation(user, job) -> bool:
    return job is not None and job.organisation_id == user.organisation_id


@rules.predicate
def may_start_a_job(user) -> bool:
    """Holds the permission of some kind of job (registry.py): the navigation shows them their jobs."""
    from tsunagu.background.registry import registered_kinds

    return any(user.has_perm(kind.permission) for kind in registered_kinds().values())


SEE_JOBS = "background.see_jobs"
START_JOBS = "background.start_jobs"
SEE_JOB = "background.see_job"
CANCEL_JOB = "background.cancel_job"

rules.add_perm(SEE_JOBS, rules.is_authenticated)
rules.add_perm(START_JOBS, rules.is_authenticated & may_start_a_job)
rules.add_perm(SEE_JOB, started_the_job | (is_administrator & administers_the_starters_organisation))
rules.add_perm(CANCEL_JOB, started_the_job | (is_administrator & administers_the_starters_organisation))
