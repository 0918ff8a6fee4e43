from django.apps import AppConfig


class BackgroundConfig(AppConfig):
    """Background jobs (long imports and exports) run by a worker beside the server, with their progress,
    cancellation and result kept for download; see docs/background-jobs.md."""

    name = "tsunagu.background"
    label = "background"
