"""The service contract's helpers (docs/architecture.md, Services): who acts, may they, and which fields.

A service is a keyword-only function in an app's `services.py` that takes the user it acts for as
`actor`, checks that the actor may act (`authorise`, the same rules the views ask through
`core.http.require_perm`), refuses field names it does not know (`refuse_unknown_fields`), runs in one
transaction and writes one audit event. `tests/test_contract.py` checks the shape of every service.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from django.core.exceptions import PermissionDenied


class Actor(Protocol):
    """The user a service acts for, as the apps below accounts see it: they may not import
    `accounts.models.User`, and need only its id, name and permission check."""

    pk: Any
    username: str

    def has_perm(self, perm: str, obj: Any = None) -> bool: ...


def authorise(actor: Actor, permission: str, obj: Any = None) -> None:
    """Refuse (PermissionDenied) an actor without the permission; the rules predicates of the apps'
    `rules.py` decide."""
    if not actor.has_perm(permission, obj):
        raise PermissionDenied


def refuse_unknown_fields(fields: Mapping[str, Any], known: Iterable[str], *, service: str) -> None:
    """A field name the service does not know is a programming error (a form field renamed without the
    service, a typo), never silently dropped: TypeError, as for an unknown keyword argument."""
    unknown = sorted(set(fields) - set(known))
    if unknown:
        raise TypeError(f"{service}() got unknown field(s): {', '.join(unknown)}")
