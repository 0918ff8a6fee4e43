from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def require_perm(request: HttpRequest, permission: str, obj=None) -> None:
    """Refuse with 403 unless the user holds the permission (rules decide)."""
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied
