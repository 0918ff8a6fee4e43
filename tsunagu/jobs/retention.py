"""jobs' part of the retention job (tsunagu/people/retention.py): the outcomes' employer names and notes, the
retention checks' notes, job-seeker wishes, Hello Work plans, internships' terms and evaluations,
qualifications' names. Kept: kinds, dates, forms of employment, wages, routes and results (the national
figures of people into work and the licence's report count by them). An introduction not yet answered
(紹介, 面接) keeps its person whole."""

from __future__ import annotations

import datetime as dt

from tsunagu.jobs.models import (
    RESULTS,
    HelloWorkReferral,
    Internship,
    Introduction,
    JobSeeker,
    Qualification,
    RetentionCheck,
    WorkOutcome,
)
from tsunagu.people.retention import add_counts, blank_rows, register_anonymise_step, register_retention_hold


def anonymise_jobs(*, people: set[int], cases: set[int], on: dt.date) -> dict[str, int]:
    counts: dict[str, int] = {}
    for model in (WorkOutcome, JobSeeker, HelloWorkReferral, Internship, Qualification):
        add_counts(counts, blank_rows(model, case__in=cases))
    add_counts(counts, blank_rows(RetentionCheck, outcome__case__in=cases))
    add_counts(counts, blank_rows(Introduction, seeker__case__in=cases))
    return counts


def people_with_open_introductions(*, people: set[int]) -> set[int]:
    return set(
        Introduction.objects.filter(seeker__case__person__in=people)
        .exclude(status__in=RESULTS)
        .values_list("seeker__case__person_id", flat=True)
    )


def register() -> None:
    register_anonymise_step(
        anonymise_jobs,
        covers=(
            "jobs.WorkOutcome",
            "jobs.RetentionCheck",
            "jobs.JobSeeker",
            "jobs.Introduction",
            "jobs.HelloWorkReferral",
            "jobs.Internship",
            "jobs.Qualification",
        ),
    )
    register_retention_hold(people_with_open_introductions)
