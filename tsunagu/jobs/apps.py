from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Into work: work outcomes of a case and the council's free job placement (無料職業紹介)."""

    name = "tsunagu.jobs"
    label = "jobs"

    def ready(self) -> None:
        from tsunagu.jobs import audit_records, retention

        retention.register()  # the retention job blanks this app's personal text (people/retention.py)
        audit_records.register()  # the audit log finds the records of a person or a case
        from tsunagu.cases.panels import register_case_panel, register_caseload_panel
        from tsunagu.cases.timeline import register_timeline_source

        register_case_panel(template="jobs/_case_work_panel.html", context=_case_work_panel)
        register_caseload_panel(template="jobs/_caseload_retention.html", context=_retention_panel)
        register_timeline_source("jobs", _timeline_entries)
        from tsunagu.accounts.partners import register_partner_organisations

        register_partner_organisations("jobs", _hosts_internships)


def _hosts_internships(organisation) -> bool:
    """An employer has no partner login, unless it hosts internships (its staff see their interns)."""
    from tsunagu.jobs.models import Internship

    return Internship.objects.filter(host=organisation).exists()


def _case_work_panel(*, user, case) -> dict:
    """The case page's work panel: the case's work outcomes and job-seeker registrations."""
    from tsunagu.jobs.selectors import case_work_panel

    return case_work_panel(user, case)


def _retention_panel(*, user):
    """The caseload's retention checks to make, for the cases the user is the employment worker of."""
    from tsunagu.cases.panels import CaseloadPanelData
    from tsunagu.jobs.selectors import retention_checks_due

    checks = retention_checks_due(user)
    return CaseloadPanelData(
        context={"retention_checks": checks}, people=[check.outcome.case.person_id for check in checks]
    )


def _timeline_entries(*, user, case) -> list:
    from tsunagu.jobs.selectors import case_timeline_entries

    return case_timeline_entries(user=user, case=case)
