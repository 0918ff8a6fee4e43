from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "tsunagu.organisations"
    label = "organisations"
