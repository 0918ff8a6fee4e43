from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "tsunagu.cases"
    label = "cases"

    def ready(self) -> None:
        from tsunagu.cases import audit_records, selectors
        from tsunagu.cases.services import move_cases_on_merge
        from tsunagu.people.merging import register_merge_step
        from tsunagu.people.scope import register_person_scope

        register_person_scope(selectors)  # the person pages' scope: a person is seen through their cases
        audit_records.register()  # the audit log names cases' records and finds a case's or person's

        register_merge_step(move_cases_on_merge, moves=("cases.Case.person", "cases.TransferRequest.person"))

        from tsunagu.cases.retention import CASES_COVERED, anonymise_case_rows
        from tsunagu.people.retention import register_anonymise_step

        register_anonymise_step(anonymise_case_rows, covers=CASES_COVERED)

        from tsunagu.cases.disclosure import case_records
        from tsunagu.people.disclosure import register_disclosure_section

        register_disclosure_section("cases", "相談・支援の記録", case_records, order=30)
