from django.apps import AppConfig
from django.db.backends.signals import connection_created


def register_sqlite_hash(sender, connection, **kwargs) -> None:
    """SQLite has no sha256: the audit chain's head advances with this one (audit/services.ADVANCE_HEAD)."""
    if connection.vendor == "sqlite":
        from tsunagu.audit.chain import sha256_hex

        connection.connection.create_function("tsunagu_sha256_hex", 1, sha256_hex, deterministic=True)


class AuditConfig(AppConfig):
    name = "tsunagu.audit"
    label = "audit"

    def ready(self) -> None:
        from tsunagu.audit import signals  # noqa: F401

        connection_created.connect(register_sqlite_hash, dispatch_uid="tsunagu.audit.sqlite_hash")
