from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils.functional import cached_property


def require_perm(request: HttpRequest, permission: str, obj=None) -> None:
    """Refuse with 403 unless the user holds the permission (rules decide)."""
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


class KeyFirstPaginator(Paginator):
    """Pages of a large, ordered queryset: first the page's primary keys (an index-only walk past the
    skipped rows), then the page's rows with their joins. A deep page then costs about what page 1
    costs, instead of joining every skipped row."""

    # Counting stops here: past it the list says "more than 10,000", and counting a city's caseload
    # would otherwise cost more than showing the page.
    max_count = 10_000

    @cached_property
    def count(self) -> int:
        return self.object_list.values("pk")[: self.max_count + 1].count()

    @property
    def count_is_capped(self) -> bool:
        return self.count > self.max_count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        keys = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=keys)}
        return self._get_page([rows[key] for key in keys if key in rows], number, self)
