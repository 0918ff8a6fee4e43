from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tsunagu.accounts"
    label = "accounts"

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from tsunagu.accounts.lockout import record_lockout

        user_locked_out.connect(record_lockout, dispatch_uid="tsunagu-record-lockout")
