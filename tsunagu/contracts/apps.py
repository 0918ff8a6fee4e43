from django.apps import AppConfig


class ContractsConfig(AppConfig):
    """The council's contracts (受託事業), the cases and placements they carry, the 沿革 and the reports."""

    name = "tsunagu.contracts"
    label = "contracts"

    def ready(self) -> None:
        from tsunagu.contracts import audit_records, retention

        retention.register()  # the retention job blanks this app's personal text (people/retention.py)
        audit_records.register()  # the audit log finds the records of a person or a case
        from tsunagu.cases.panels import register_case_panel

        register_case_panel(template="contracts/_case_contracts_panel.html", context=_case_panel)


def _case_panel(*, user, case) -> dict:
    """The case page's panel: the contracts carrying the case and its placements, and the forms to assign."""
    from tsunagu.contracts.selectors import case_panel

    return case_panel(user=user, case=case)
