from django.apps import AppConfig


class WorkConfig(AppConfig):
    """Intermediate employment (中間的就労): work types, skill levels, work logs, pay and the income ladder."""

    name = "tsunagu.work"
    label = "work"

    def ready(self) -> None:
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
