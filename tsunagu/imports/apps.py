from django.apps import AppConfig


class ImportsConfig(AppConfig):
    """Moving in: a hub's existing ledgers (Excel, CSV) imported through a mapping and a preview."""

    name = "tsunagu.imports"
    label = "imports"

    def ready(self) -> None:
        from tsunagu.imports import jobs

        jobs.register()  # the import as a background job (tsunagu/background/registry.py)
