from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "tsunagu.programs"
    label = "programs"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from tsunagu.people.models import StageChange
        from tsunagu.programs.models import Placement, Program, ProgramHost
        from tsunagu.programs.selectors import forget_overview_counts

        def forget(sender, **kwargs) -> None:
            forget_overview_counts()

        # Any change to what the overview counts makes this worker count afresh.
        for model in (Placement, Program, ProgramHost, StageChange):
            post_save.connect(
                forget, sender=model, dispatch_uid=f"overview-{model.__name__}-save", weak=False
            )
            post_delete.connect(
                forget, sender=model, dispatch_uid=f"overview-{model.__name__}-delete", weak=False
            )
