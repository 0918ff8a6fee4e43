"""The configurable lists (`core.models.ConfiguredList`: service types, themes of local issues, kinds of
resource …) and the one set of screens that edits them all: add an entry, rename or reorder it, retire it.

Each app registers its lists in its `AppConfig.ready()` with `register_configured_list`, naming who may
change the list (a permission of some app's `rules.py`, asked by the views and again by the services in
`organisations/services.py`). organisations sits low in the layers, so it never imports the apps whose
lists it shows: they come to it. The addresses are one pair per list (`organisations/urls.py`), so that the
URL matrix states each list's permission; a list registered without its entries there fails that test.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from tsunagu.core.models import ConfiguredList

# The fields of every list; a list may add its own (a kind of resource: whether it holds sessions).
ENTRY_FIELDS = ("name", "code", "sort_order", "is_active")


@dataclass(frozen=True)
class RegisteredList:
    key: str  # in the address: /organisations/lists/<key>/
    model: type[ConfiguredList]
    label: Any  # a lazy translation: 「サービス種別」
    permission: str  # who may add, rename, reorder and retire its entries
    extra_fields: tuple[str, ...] = ()

    @property
    def fields(self) -> tuple[str, ...]:
        """What a new entry is given."""
        return (*ENTRY_FIELDS, *self.extra_fields)

    @property
    def editable_fields(self) -> tuple[str, ...]:
        """What an entry's edit changes: all but the code, which code and imports may rely on."""
        return tuple(name for name in self.fields if name != "code")

    @property
    def url_name(self) -> str:
        return f"organisations:list_{self.key}"

    @property
    def id_kwarg(self) -> str:
        """The entry's id in its address, named by its model (theme_id), so each list's rows are told apart."""
        return f"{self.model._meta.model_name}_id"

    def url(self) -> str:
        return reverse(self.url_name)

    def entry_url(self, entry: ConfiguredList) -> str:
        return reverse(f"{self.url_name}_edit", kwargs={self.id_kwarg: entry.pk})


_LISTS: dict[str, RegisteredList] = {}


def register_configured_list(
    key: str,
    model: type[ConfiguredList],
    *,
    label: Any,
    permission: str,
    extra_fields: tuple[str, ...] = (),
) -> None:
    """Offer the list on the lists' screens, editable by users with `permission` (called from ready())."""
    if not issubclass(model, ConfiguredList):
        raise ImproperlyConfigured(f"{model.__name__} is no ConfiguredList")
    registered = RegisteredList(key, model, label, permission, tuple(extra_fields))
    if _LISTS.get(key, registered) != registered:
        raise ImproperlyConfigured(f"The list {key!r} is registered twice")
    _LISTS[key] = registered


def configured_lists() -> Iterator[RegisteredList]:
    """Every registered list, in the order the apps registered them (the apps' order in the settings)."""
    return iter(list(_LISTS.values()))


def configured_list(key: str) -> RegisteredList:
    """The list of that key (LookupError for none: an address names only registered lists)."""
    try:
        return _LISTS[key]
    except KeyError as error:
        raise LookupError(f"No configured list {key!r}") from error
