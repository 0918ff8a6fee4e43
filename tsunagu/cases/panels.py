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


# ---------------------------------------------------------------- the caseload page's panels


@dataclass(frozen=True)
class CaseloadPanelData:
    """What a caseload panel shows: its template's context, and the ids of the people it names (the
    caseload records them with its own in the one read event of the page)."""

    context: dict[str, Any]
    people: list[int]


CaseloadPanelContext = Callable[..., CaseloadPanelData]
"""Called as context(user=…): the panel's data for the signed-in user."""


@dataclass(frozen=True)
class CaseloadPanel:
    template: str
    context: CaseloadPanelContext


_caseload_panels: dict[str, CaseloadPanel] = {}


def register_caseload_panel(*, template: str, context: CaseloadPanelContext) -> None:
    """Add a panel to the caseload page (a higher app's list of what the user must do: network's meeting
    actions). Registering the same template again replaces it."""
    _caseload_panels[template] = CaseloadPanel(template=template, context=context)


def caseload_panels() -> list[CaseloadPanel]:
    return list(_caseload_panels.values())
