from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "tsunagu.cases"
    label = "cases"

    def ready(self) -> None:
        from tsunagu.cases.services import move_cases_on_merge
        from tsunagu.people.merging import register_merge_step

        register_merge_step(move_cases_on_merge, moves=("cases.Case.person", "cases.TransferRequest.person"))
