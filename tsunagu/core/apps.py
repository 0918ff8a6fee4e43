from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tsunagu.core"
    label = "core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from tsunagu.core import lookups  # noqa: F401  (registers the `prefix` lookup)
        from tsunagu.core.middleware import mark_seen_at_login

        user_logged_in.connect(mark_seen_at_login, dispatch_uid="tsunagu-mark-seen-at-login")
