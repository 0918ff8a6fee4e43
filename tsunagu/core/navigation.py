"""The navigation bar: each entry is shown to whoever holds its permission (rules decide, not templates)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The bar's groups, in order: a role sees the groups it has entries in, each under its name, so that a
# worker with fifteen entries finds casework, the programs, the network and the figures apart.
GROUPS: dict[str, str | Promise] = {
    "": "",  # Home, before any group
    "casework": _("Casework"),
    "programs": _("Programs and work"),
    "network": _("Network"),
    "partner": _("Partner"),
    "figures": _("Figures"),
    "admin": _("Administration"),
}


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    permission: str | None  # None: every signed-in user
    group: str = ""

    def visible_to(self, user) -> bool:
        return self.permission is None or user.has_perm(self.permission)


NAV_ITEMS: tuple[NavItem, ...] = (
    NavItem(_("Home"), "core:home", None),
    # Whoever may start a background job (an import, an export) finds their jobs here.
    NavItem(_("My background jobs"), "background:my_jobs", "background.start_jobs"),
    NavItem(_("My caseload"), "cases:caseload", "cases.open_case", "casework"),
    NavItem(_("Cases"), "cases:list", "cases.view_case_list", "casework"),
    NavItem(_("New intake"), "cases:intake", "cases.open_case", "casework"),
    NavItem(_("Approvals"), "cases:approvals", "cases.approve", "casework"),
    NavItem(_("Meetings"), "network:meeting_list", "network.view_meetings", "casework"),
    NavItem(_("Referrals"), "network:referral_list", "network.refer_cases", "casework"),
    NavItem(_("Programs"), "programs:catalog", "programs.view_catalog", "programs"),
    NavItem(_("Sessions"), "programs:session_index", "programs.run_sessions", "programs"),
    # Work and pay (中間的就労): one entry whose page leads to each site's day sheet, pay and levels.
    NavItem(_("Work and pay"), "work:sites", "work.view_work_catalog", "programs"),
    NavItem(_("Job placement"), "jobs:home", "jobs.view_jobs", "programs"),
    NavItem(_("Children"), "children:child_list", "children.view_children", "programs"),
    NavItem(_("Network"), "network:network_view", "network.view_network", "network"),
    NavItem(_("Community"), "community:home", "community.view_community", "network"),
    NavItem(_("Organisations"), "organisations:list", "organisations.view_directory", "network"),
    NavItem(_("Partner portal"), "programs:partner_home", "programs.use_partner_portal", "partner"),
    NavItem(_("Day sheets"), "work:partner_day_sheet_index", "work.use_partner_day_sheet", "partner"),
    NavItem(_("Referral inbox"), "network:referral_inbox", "network.use_referral_inbox", "partner"),
    NavItem(_("Interns"), "jobs:partner_internships", "jobs.view_host_internships", "partner"),
    NavItem(_("Overview"), "programs:overview", "programs.view_overview", "figures"),
    NavItem(_("Municipal report"), "cases:municipal_report", "cases.view_municipal_report", "figures"),
    NavItem(_("National statistics"), "statistics:report", "statistics.view_statistics", "figures"),
    NavItem(_("Earned income"), "work:earned_income", "work.view_earned_income", "figures"),
    NavItem(_("Contracts"), "contracts:history", "contracts.view_contracts", "figures"),
    NavItem(_("Users"), "accounts:user_list", "accounts.manage_users", "admin"),
    NavItem(_("Import"), "imports:home", "imports.import_records", "admin"),
    NavItem(_("Audit log"), "audit:event_list", "audit.view_events", "admin"),
    NavItem(_("API tokens"), "api:tokens", "api.open_token_page", "admin"),
    NavItem(_("Retention"), "cases:retention", "cases.anonymise_closed_cases", "admin"),
)


@lru_cache(maxsize=256)
def _url(url_name: str, script_prefix: str) -> str:
    """The navigation's addresses never change while the server runs: reversed once, not per page."""
    return reverse(url_name)


def navigation_for(user, current_path: str) -> list[dict]:
    """The user's entries by group: [{"label": group name, "items": [{label, url, active}]}]."""
    prefix = get_script_prefix()
    visible = [item for item in NAV_ITEMS if item.visible_to(user)]
    entries = [{"label": item.label, "url": _url(item.url_name, prefix), "active": False} for item in visible]
    # The entry whose address is the longest prefix of the current page is the current one.
    matches = [
        e
        for e in entries
        if current_path == e["url"] or (e["url"] != "/" and current_path.startswith(e["url"]))
    ]
    if matches:
        max(matches, key=lambda e: len(e["url"]))["active"] = True
    groups = []
    for key, label in GROUPS.items():
        items = [entry for item, entry in zip(visible, entries, strict=True) if item.group == key]
        if items:
            groups.append({"label": label, "items": items})
    return groups
