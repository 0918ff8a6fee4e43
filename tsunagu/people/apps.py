from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "tsunagu.people"
    label = "people"

    def ready(self) -> None:
        from tsunagu.people import audit_records
        from tsunagu.people.merging import register_merge_step
        from tsunagu.people.services import move_people_rows_on_merge

        register_merge_step(
            move_people_rows_on_merge,
            moves=(
                "people.HouseholdMember.person",
                "people.HouseholdMember.member_person",
                "people.Consent.person",
                "people.StageChange.person",
            ),
        )
        audit_records.register()  # the audit log finds a person's own records

        from tsunagu.people.retention import anonymise_people_rows, register_anonymise_step

        register_anonymise_step(
            anonymise_people_rows,
            covers=("people.Person", "people.HouseholdMember", "people.Consent", "people.StageChange"),
        )

        from tsunagu.people import disclosure

        disclosure.register_disclosure_section("person", "ご本人の情報", disclosure.person_records, order=10)
        disclosure.register_disclosure_section("household", "世帯", disclosure.household_records, order=20)
        disclosure.register_disclosure_section("audit", "記録の閲覧履歴", disclosure.audit_records, order=90)
