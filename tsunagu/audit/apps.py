from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tsunagu.audit"
    label = "audit"

    def ready(self) -> None:
        from tsunagu.audit import signals  # noqa: F401
