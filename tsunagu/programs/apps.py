from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "tsunagu.programs"
    label = "programs"

    def ready(self) -> None:
        from tsunagu.people.disclosure import register_disclosure_section
        from tsunagu.programs import audit_records, retention
        from tsunagu.programs.disclosure import placement_records

        register_disclosure_section("programs", "プログラムへの参加", placement_records, order=40)
        retention.register()  # the retention job blanks this app's personal text (people/retention.py)
        audit_records.register()  # the audit log finds the records of a person or a case
        from tsunagu.cases.panels import register_case_panel
        from tsunagu.cases.timeline import register_timeline_source
        from tsunagu.organisations.signals import organisation_renamed
        from tsunagu.people.merging import register_merge_step
        from tsunagu.people.signals import ladder_changed
        from tsunagu.programs.selectors import forget_overview_counts
        from tsunagu.programs.services import move_placements_on_merge

        register_merge_step(move_placements_on_merge, moves=("programs.Placement.person",))
        register_case_panel(template="programs/_case_placements_panel.html", context=_placements_panel)
        register_timeline_source("programs", _timeline_entries)
        from tsunagu.accounts.partners import register_partner_organisations

        register_partner_organisations("programs", _hosts_programs)

        def forget(sender, **kwargs) -> None:
            forget_overview_counts()

        # The lower layers' services announce, once committed, the changes the overview counts or shows;
        # programs' own services bump on commit themselves (forget_overview_counts_on_commit). Not model
        # signals: they fire before the commit, and not at all for .update() or bulk writes.
        ladder_changed.connect(forget, dispatch_uid="overview-ladder-changed", weak=False)
        organisation_renamed.connect(forget, dispatch_uid="overview-organisation-renamed", weak=False)


def _hosts_programs(organisation) -> bool:
    """A host of the catalog's programs has partner staff (its roll-calls, the partner portal)."""
    from tsunagu.programs.models import ProgramHost

    return ProgramHost.objects.filter(organisation=organisation).exists()


def _placements_panel(*, user, case) -> dict:
    """The case page's placements panel: the person's placements, for casework roles."""
    from tsunagu.programs.selectors import placements_on_case_page

    return {"placements": placements_on_case_page(user, case.person)}


def _timeline_entries(*, user, case) -> list:
    """The case timeline's placement steps and host evaluations (see programs/timeline.py)."""
    from tsunagu.programs.timeline import case_timeline_entries

    return case_timeline_entries(user=user, case=case)
