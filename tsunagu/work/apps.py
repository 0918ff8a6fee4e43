from django.apps import AppConfig


class WorkConfig(AppConfig):
    """Intermediate employment (中間的就労): work types, skill levels, work logs, pay and the income ladder."""

    name = "tsunagu.work"
    label = "work"

    def ready(self) -> None:
        from tsunagu.work import audit_records, retention

        retention.register()  # the retention job blanks this app's personal text (people/retention.py)
        audit_records.register()  # the audit log finds the records of a person or a case
        from tsunagu.people.merging import register_merge_step
        from tsunagu.work.services import move_work_on_merge

        register_merge_step(
            move_work_on_merge,
            moves=(
                "work.WorkLog.person",
                "work.SkillAssessment.person",
                "work.PayStatement.person",
                "work.PayAdjustment.person",
            ),
        )
        from tsunagu.programs.attendance_checks import register_attendance_check
        from tsunagu.work.attendance import refuse_attendance_changes

        # The roll-call asks before it changes attendance that a work log or a closed month rests on.
        register_attendance_check("work", refuse_attendance_changes)
        from tsunagu.people.panels import register_person_panel

        register_person_panel(template="work/ladder/_person_panel.html", context=_work_panel)


def _work_panel(*, user, person) -> dict:
    """The person page's link to their work page: for who may see it, when the person has work logs."""
    from tsunagu.work.selectors_skills import has_work

    return {"work_page": user.has_perm("work.view_work") and has_work(person)}
