from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The read-only REST API (/api/v1/): the same scoped reads as the pages, for a hub's or the city's own
    systems, with a token per user that expires."""

    name = "tsunagu.api"
    label = "api"

    def ready(self) -> None:
        from tsunagu.api import schema  # noqa: F401  (the token's OpenAPI security scheme)
