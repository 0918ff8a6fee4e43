from collections.abc import Callable, Iterable

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils.functional import cached_property

from tsunagu.core.contract import authorise


def require_perm(request: HttpRequest, permission: str, obj=None) -> None:
    """The one guard of a view: 403 unless the user holds the permission (the rules of the apps'
    `rules.py` decide, the same check the services make with `core.contract.authorise`). A record out of
    the user's scope is a selector's 404 before this is asked."""
    authorise(request.user, permission, obj)


class KeyFirstPaginator(Paginator):
    """Pages of a large, ordered queryset: first the page's primary keys (an index-only walk past the
    skipped rows), then the page's rows with their joins, fetched by key alone. A deep page then costs
    about what page 1 costs, instead of joining every skipped row, and the row query does not repeat the
    filters (the keys already passed them)."""

    # Counting stops here: past it the list says "more than 10,000", and counting a city's caseload
    # would otherwise cost more than showing the page.
    max_count = 10_000

    def __init__(
        self,
        object_list,
        per_page,
        *,
        rows: Callable[[list], Iterable] | None = None,
        max_count: int | None = None,
        **kwargs,
    ):
        super().__init__(object_list, per_page, **kwargs)
        self._first_keys: list | None = None  # page 1's keys, when get_page had to read them already
        if max_count is not None:
            self.max_count = max_count
        # keys -> the rows to show; by default the queryset's own model, by key.
        self.rows = rows or (lambda keys: object_list.model._default_manager.filter(pk__in=keys))

    @cached_property
    def count(self) -> int:
        # Unordered: how many rows there are does not depend on their order, and sorting every match
        # before counting them was most of a broad search's cost.
        return self.object_list.order_by().values("pk")[: self.max_count + 1].count()

    @property
    def count_is_capped(self) -> bool:
        return self.count > self.max_count

    def get_page(self, number):
        if str(number) in ("1", "None", "") and self._first_page_is_whole_list():
            return self.page(1)
        return super().get_page(number)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if bottom == 0 and self._first_keys is not None:
            keys = self._first_keys
        else:
            keys = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        rows = {row.pk: row for row in self.rows(keys)}
        return self._get_page([rows[key] for key in keys if key in rows], number, self)

    def _first_page_is_whole_list(self) -> bool:
        """A first page shorter than a page is the whole list, so it needs no count query: a narrow
        search, the usual one, costs a query less."""
        keys = self._first_keys = list(self.object_list.values_list("pk", flat=True)[: self.per_page])
        if len(keys) < self.per_page:
            self.__dict__["count"] = len(keys)  # fills the cached property
            return True
        return False
