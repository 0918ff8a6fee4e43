from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tsunagu.core"
    label = "core"

    def ready(self) -> None:
        from tsunagu.core import lookups  # noqa: F401  (registers the `prefix` lookup)
