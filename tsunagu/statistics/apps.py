from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    """The national monthly statistics (生活困窮者自立支援統計システム): counts only, never a person."""

    name = "tsunagu.statistics"
    label = "statistics"
