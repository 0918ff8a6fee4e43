"""Panels that higher apps contribute to the case page, so that cases never imports them.

An app above cases registers a panel in its AppConfig.ready(): a template, and a function that gives
the template's context for (user, case). The case page adds every panel's context to its own and
includes the templates in the order the apps were loaded. A panel with nothing to show returns a
context its template reads as empty (the template decides not to render).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PanelContext = Callable[..., dict[str, Any]]
"""Called as context(user=…, case=…): the keys the panel's template reads."""


@dataclass(frozen=True)
class CasePanel:
    template: str
    context: PanelContext


_panels: dict[str, CasePanel] = {}


def register_case_panel(*, template: str, context: PanelContext) -> None:
    """Add a panel to the case page (registering the same template again replaces it)."""
    _panels[template] = CasePanel(template=template, context=context)


def case_panels() -> list[CasePanel]:
    return list(_panels.values())
