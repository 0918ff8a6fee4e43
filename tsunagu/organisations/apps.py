from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "tsunagu.organisations"
    label = "organisations"

    def ready(self) -> None:
        from tsunagu.organisations.lists import register_configured_list
        from tsunagu.organisations.models import ServiceType

        # The directory's managers keep the kinds of service it is searched by.
        register_configured_list(
            "service_types",
            ServiceType,
            label=_("Service types"),
            permission="organisations.manage_organisations",
        )
