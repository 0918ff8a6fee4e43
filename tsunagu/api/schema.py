"""The token in the OpenAPI schema: a bearer token (drf-spectacular's extension for our authentication)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "tsunagu.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token made on the API tokens page (/api/tokens/): Authorization: Bearer tsu_…",
        }
