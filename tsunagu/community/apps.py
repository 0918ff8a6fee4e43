from django.apps import AppConfig
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    """The community: local issues and resources, cafeterias, supporters, the area view, projects."""

    name = "tsunagu.community"
    label = "community"

    def ready(self) -> None:
        from tsunagu.community import audit_records, retention

        retention.register()  # the retention job blanks this app's personal text (people/retention.py)
        audit_records.register()  # the audit log finds the records of a person
        from tsunagu.community import rules  # noqa: F401 - the permissions
        from tsunagu.community.merging import move_supporter_roles_on_merge
        from tsunagu.people.merging import register_merge_step
        from tsunagu.people.panels import register_person_panel

        register_merge_step(move_supporter_roles_on_merge, moves=("community.SupporterRole.person",))
        from tsunagu.children.tutors import register_tutor_candidates
        from tsunagu.community.selectors import current_supporters

        register_tutor_candidates(current_supporters)  # a supporter may tutor at まじくる
        register_person_panel(template="community/_person_supporter_panel.html", context=_supporter_panel)
        from tsunagu.accounts.partners import register_partner_organisations

        register_partner_organisations("community", _runs_resource)
        from tsunagu.community.models import ResourceKind, Theme
        from tsunagu.organisations.lists import register_configured_list

        # Kept by those who record the issues and resources that use them (community.manage_community).
        register_configured_list(
            "themes", Theme, label=_("Themes of local issues"), permission="community.manage_community"
        )
        register_configured_list(
            "resource_kinds", ResourceKind, label=_("Kinds of resource"), permission="community.manage_community",
            extra_fields=("holds_sessions",),
        )  # fmt: skip


def _runs_resource(organisation) -> bool:
    """An organisation running a resource (a cafeteria ...) records its sessions."""
    from tsunagu.community.models import Resource

    return Resource.objects.filter(owner=organisation).exists()


def _supporter_panel(*, user, person) -> dict:
    """The person page's panel: the person's supporter roles (the page is already scoped and audited)."""
    from tsunagu.community.selectors import first_supported_on, person_supporter_roles

    roles = person_supporter_roles(person)
    today = timezone.localdate()
    return {
        "supporter_roles": roles,
        # A role not yet ended (or ending later) may be ended now.
        "current_role_ids": {role.pk for role in roles if role.ended_on is None or role.ended_on > today},
        "supported_since": first_supported_on(person) if roles else None,
        "can_add_supporter_role": user.has_perm("people.work_on_person", person),
    }
