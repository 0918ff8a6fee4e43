from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "tsunagu.programs"
    label = "programs"
