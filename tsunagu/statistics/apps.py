from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    """The national monthly statistics (生活困窮者自立支援統計システム): counts only, never a person."""

    name = "tsunagu.statistics"
    label = "statistics"

    def ready(self) -> None:
        from tsunagu.statistics import jobs

        jobs.register()  # the exports as background jobs (tsunagu/background/registry.py)
