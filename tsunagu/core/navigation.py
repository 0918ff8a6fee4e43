"""The navigation bar: each entry is shown to whoever holds its permission (rules decide, not templates)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.urls import get_script_prefix, reverse
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
    NavItem(_("My caseload"), "cases:caseload", "cases.open_case"),
    NavItem(_("Cases"), "cases:list", "cases.view_case_list"),
    NavItem(_("New intake"), "cases:intake", "cases.open_case"),
    NavItem(_("Approvals"), "cases:approvals", "cases.approve"),
    NavItem(_("Municipal report"), "cases:municipal_report", "cases.view_municipal_report"),
    NavItem(_("Programs"), "programs:catalog", "programs.view_catalog"),
    NavItem(_("Sessions"), "programs:session_index", "programs.run_sessions"),
    NavItem(_("Overview"), "programs:overview", "programs.view_overview"),
    NavItem(_("Meetings"), "network:meeting_list", "network.view_meetings"),
    NavItem(_("Job placement"), "jobs:home", "jobs.view_jobs"),
    NavItem(_("Children"), "children:child_list", "children.view_children"),
    NavItem(_("Referrals"), "network:referral_list", "network.refer_cases"),
    NavItem(_("Referral inbox"), "network:referral_inbox", "network.use_referral_inbox"),
    NavItem(_("Network"), "network:network_view", "network.view_network"),
    NavItem(_("Partner portal"), "programs:partner_home", "programs.use_partner_portal"),
    # Work and pay (中間的就労): one entry whose page leads to each site's day sheet, pay and levels.
    NavItem(_("Work and pay"), "work:sites", "work.view_work_catalog"),
    NavItem(_("Day sheets"), "work:partner_day_sheet_index", "work.use_partner_day_sheet"),
    NavItem(_("Earned income"), "work:earned_income", "work.view_earned_income"),
    NavItem(_("Organisations"), "organisations:list", "organisations.view_directory"),
    NavItem(_("Users"), "accounts:user_list", "accounts.manage_users"),
    NavItem(_("Import"), "imports:home", "imports.import_records"),
    NavItem(_("Audit log"), "audit:event_list", "audit.view_events"),
)


@lru_cache(maxsize=256)
def _url(url_name: str, script_prefix: str) -> str:
    """The navigation's addresses never change while the server runs: reversed once, not per page."""
    return reverse(url_name)


def navigation_for(user, current_path: str) -> list[dict]:
    prefix = get_script_prefix()
    entries = [
        {"label": item.label, "url": _url(item.url_name, prefix), "active": False}
        for item in NAV_ITEMS
        if item.visible_to(user)
    ]
    # The entry whose address is the longest prefix of the current page is the current one.
    matches = [
        e
        for e in entries
        if current_path == e["url"] or (e["url"] != "/" and current_path.startswith(e["url"]))
    ]
    if matches:
        max(matches, key=lambda e: len(e["url"]))["active"] = True
    return entries
