from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest


def require_perm(request: HttpRequest, permission: str, obj=None) -> None:
    """Refuse with 403 unless the user holds the permission (rules decide)."""
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


class KeyFirstPaginator(Paginator):
    """Pages of a large, ordered queryset: first the page's primary keys (an index-only walk past the
    skipped rows), then the page's rows with their joins. A deep page then costs about what page 1
    costs, instead of joining every skipped row."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        keys = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=keys)}
        return self._get_page([rows[key] for key in keys if key in rows], number, self)
