from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    """Children of the households in hardship: their records (a stricter scope), まじくる and the
    high-school entrance support."""

    name = "tsunagu.children"
    label = "children"

    def ready(self) -> None:
        from tsunagu.children import audit_records, retention

        retention.register()  # the retention job blanks this app's personal text (people/retention.py)
        audit_records.register()  # the audit log finds the records of a person or a case
        from tsunagu.children import rules, scope  # noqa: F401  (the permissions register on import)
        from tsunagu.children.services import move_child_records_on_merge
        from tsunagu.people.merging import register_merge_step
        from tsunagu.people.scope import register_restricted_people

        register_restricted_people(
            scope
        )  # a child is seen only by children's staff and the guardian's workers
        register_merge_step(
            move_child_records_on_merge, moves=("children.Child.person", "children.Tutor.person")
        )
