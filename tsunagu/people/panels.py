"""Panels that higher apps contribute to the person page, so that people never imports them (the same
pattern as the case page's, tsunagu/cases/panels.py).

An app above people registers a panel in its AppConfig.ready(): a template, and a function that gives
the template's context for (user, person). The person page adds every panel's context to its own and
includes the templates in the order the apps were loaded; a panel with nothing to show returns a
context its template reads as empty.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PanelContext = Callable[..., dict[str, Any]]
"""Called as context(user=…, person=…): the keys the panel's template reads."""


@dataclass(frozen=True)
class PersonPanel:
    template: str
    context: PanelContext


_panels: dict[str, PersonPanel] = {}


def register_person_panel(*, template: str, context: PanelContext) -> None:
    """Add a panel to the person page (registering the same template again replaces it)."""
    _panels[template] = PersonPanel(template=template, context=context)


def person_panels() -> list[PersonPanel]:
    return list(_panels.values())
