"""The navigation bar: each entry is shown to whoever holds its permission (rules decide, not templates)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    permission: str | None  # None: every signed-in user

    def visible_to(self, user) -> bool:
        return self.permission is None or user.has_perm(self.permission)


NAV_ITEMS: tuple[NavItem, ...] = (
    NavItem(_("Home"), "core:home", None),
    NavItem(_("Organisations"), "organisations:list", "organisations.view_directory"),
    NavItem(_("Users"), "accounts:user_list", "accounts.manage_users"),
    NavItem(_("Audit log"), "audit:event_list", "audit.view_events"),
)


def navigation_for(user, current_path: str) -> list[dict]:
    entries = []
    for item in NAV_ITEMS:
        if not item.visible_to(user):
            continue
        url = reverse(item.url_name)
        active = current_path == url if url == "/" else current_path.startswith(url)
        entries.append({"label": item.label, "url": url, "active": active})
    return entries
