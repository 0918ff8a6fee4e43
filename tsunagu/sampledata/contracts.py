"""The demo's contracts, written through the contracts services: the seed's 沿革 from 平成16年度 (the city's
model starts; the council founded in 平成24年度 and its contracts of 平成24–27年度, as the seed tells
them), then synthetic yearly contracts up to this fiscal year (the seed stops at 平成27年度: later years
are demo values), with 一時生活支援事業 under its new name 居住支援事業 from 令和7年度. The open cases of
the main office, and their open placements, are assigned to this year's contract of their service."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tsunagu.accounts.models import User
from tsunagu.cases.models import OPEN_STATUSES, Case
from tsunagu.cases.models import Contract as Service
from tsunagu.contracts import services
from tsunagu.contracts.models import Contract, Funder
from tsunagu.core.dates import fiscal_year_bounds, fiscal_year_of
from tsunagu.programs.models import OPEN_PLACEMENT_STATUSES, Placement
from tsunagu.sampledata.organisations import HUB_NAME

S = Service
# The seed's milestones that are no contract: (day, text).
MILESTONES = (
    (dt.date(2004, 4, 1), "釧路市生活福祉事務所が、母子世帯の母親を対象にした自立支援に取り組み、「自立支援プログラム釧路モデル」がスタート。"),
    (dt.date(2012, 4, 1), "一般社団法人釧路社会的企業創造協議会を設立。"),
)  # fmt: skip
# The seed's contracts: (fiscal year, funder, service, title, model project).
SEED_CONTRACTS = (
    (2012, Funder.CITY, S.EMERGENCY_EMPLOYMENT, "社会的居場所づくりと連動した雇用の創出研究事業", False),
    (2013, Funder.CITY, S.TRANSITION_INTERNSHIP, "就労移行型インターンシップ事業（整網作業）", False),
    (2013, Funder.CITY, S.CONSULTATION, "", True),
    (2013, Funder.PREFECTURE, S.CONSULTATION, "", True),
    (2013, Funder.NATION, S.SOCIAL_WELFARE_PROMOTION,
     "生活困窮者等への中間的就労（非雇用型）の場のモデル創出事業", False),
    (2014, Funder.CITY, S.TRANSITION_INTERNSHIP, "就労移行型インターンシップ事業", False),
    (2014, Funder.CITY, S.CONSULTATION, "", True),
    (2014, Funder.PREFECTURE, S.CONSULTATION, "", True),
    (2014, Funder.CITY, S.WORK_READINESS, "", True),
    (2015, Funder.CITY, S.WELFARE_WORK_READINESS, "就労移行型インターンシップ事業（被保護者就労準備支援事業）", False),
    (2015, Funder.CITY, S.WORK_READINESS, "", False),
    (2015, Funder.CITY, S.CONSULTATION, "", False),
    (2015, Funder.PREFECTURE, S.CONSULTATION, "", False),
)  # fmt: skip
# From 平成28年度 on (demo values): every year, and from a year on.
YEARLY = (
    (Funder.CITY, S.CONSULTATION, 2016),
    (Funder.PREFECTURE, S.CONSULTATION, 2016),
    (Funder.CITY, S.WORK_READINESS, 2016),
    (Funder.CITY, S.WELFARE_WORK_READINESS, 2016),
    (Funder.CITY, S.HOUSEHOLD_BUDGET, 2020),
    (Funder.CITY, S.HOUSING_SUPPORT, 2023),
)
DELIVERABLES = {
    S.CONSULTATION: "新規相談の受付、アセスメント、プラン作成、支援調整会議の運営、月次の統計報告、年度末の実績報告書",
    S.WORK_READINESS: "就労準備支援プログラムの実施（日常生活・社会生活・就労の3段階）、参加者の月次報告、実績報告書",
    S.WELFARE_WORK_READINESS: "被保護者の就労体験・中間的就労の場の提供、参加状況の月次報告（生活福祉事務所へ）",
    S.HOUSEHOLD_BUDGET: "家計表の作成支援、家計改善プラン、実績報告書",
    S.HOUSING_SUPPORT: "居住に困難を抱える方への宿泊場所の提供と地域居住の支援、実績報告書",
    S.TRANSITION_INTERNSHIP: "整網作業による就労移行型インターンシップの実施、参加者の状況報告",
    S.EMERGENCY_EMPLOYMENT: "新規雇用の創出、研究事業報告書",
    S.SOCIAL_WELFARE_PROMOTION: "中間的就労の場のモデル創出、事業報告書",
}


def load_contracts() -> dict[str, int]:
    """Write the demo's contracts and this year's assignments; returns how many of each."""
    today = timezone.localdate()
    supervisor = (
        User.objects.filter(office__organisation__name=HUB_NAME, groups__name="supervisor")
        .order_by("pk")
        .first()
    )
    for day, text in MILESTONES:
        services.record_milestone(actor=supervisor, on=day, text=text)
    this_year = fiscal_year_of(today)
    rows = list(SEED_CONTRACTS)
    for year in range(2016, this_year + 1):
        rows += [(year, funder, service, "", False) for funder, service, first in YEARLY if year >= first]
    made = [_contract(supervisor, *row) for row in rows]
    current = {c.service: c for c in made if c.fiscal_year == this_year and c.funder == Funder.CITY}
    cases, placements = _assign(current, today)
    return {"contracts": len(made), "cases": cases, "placements": placements}


def _contract(actor: User, year: int, funder: str, service: str, title: str, model: bool) -> Contract:
    first, last = fiscal_year_bounds(year)
    fields = {
        "funder": funder, "fiscal_year": year, "service": service, "title": title, "starts_on": first,
        "ends_on": last, "model_project": model, "deliverables": DELIVERABLES.get(service, ""),
    }  # fmt: skip
    return services.create_contract(actor=actor, fields=fields)


def _begun(placement: Placement) -> dt.date | None:
    return placement.started_on or placement.trial_from or placement.visited_on or placement.waiting_since


def _assign(current: dict[str, Contract], today: dt.date) -> tuple[int, int]:
    """Each open case of the main office to this year's city contract of its service, from its intake (or
    the year's start); its open placements too, when the service is a work-readiness one."""
    cases = (
        Case.objects.filter(
            status__in=OPEN_STATUSES, office__organisation__name=HUB_NAME, contract__in=list(current)
        )
        .select_related("worker", "person")
        .order_by("pk")
    )
    assigned = placed = 0
    for case in cases:
        contract = current[case.contract]
        if case.intake_date > today:
            continue
        start = max(contract.starts_on, case.intake_date)
        services.assign_case(actor=case.worker, case=case, contract=contract, from_on=start)
        assigned += 1
        if case.contract not in (S.WORK_READINESS, S.WELFARE_WORK_READINESS):
            continue
        for placement in Placement.objects.filter(case=case, status__in=OPEN_PLACEMENT_STATUSES).order_by(
            "pk"
        ):
            begun = _begun(placement) or start
            services.assign_placement(
                actor=case.worker, placement=placement, contract=contract,
                from_on=min(max(contract.starts_on, begun), today),
            )  # fmt: skip
            placed += 1
    return assigned, placed
