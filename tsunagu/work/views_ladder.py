"""The ladder, shown: a person's work page (levels, skill history, the chart of level and earnings, the
projection to an income goal) and each site's distribution of levels."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tsunagu.audit.services import record_people_seen
from tsunagu.cases.selectors import get_person
from tsunagu.core.forms import query_status
from tsunagu.core.http import require_perm
from tsunagu.programs.selectors import get_host
from tsunagu.work import charts
from tsunagu.work import selectors_skills as selectors
from tsunagu.work.forms_skills import GoalForm
from tsunagu.work.income import monthly_earnings, months_between
from tsunagu.work.pay import MissingRate

PERMISSION = "work.view_work"
CHART_MONTHS = 24  # the chart's window: the last two years at most


def _chart_months(started: dt.date | None, today: dt.date) -> list[dt.date]:
    if started is None:
        return []
    months = months_between(started, today)
    return months[-CHART_MONTHS:]


@login_required
@require_GET
def person_work(request: HttpRequest, person_id: int) -> HttpResponse:
    require_perm(request, PERMISSION)
    person = get_person(request.user, person_id)
    today = timezone.localdate()
    entries = selectors.person_work_types(person, today=today)
    started = min((entry.first_log for entry in entries if entry.first_log), default=None)
    months = _chart_months(started, today)
    earnings: dict[dt.date, Decimal] = {}
    missing_rate: MissingRate | None = None
    if months:
        try:
            found = monthly_earnings(person_ids=[person.pk], first=months[0], last=today)
        except MissingRate as error:  # a level without a rate on a day worked: say so, draw no pay
            missing_rate = error
        else:
            earnings = {month: total for (_person_id, month), total in found.items()}
    for entry in entries:
        entry.ranks = selectors.ranks_by_month(entry, months, today)
    goal_form = GoalForm(request.GET)
    goal = goal_form.value("goal")
    projection = None
    if goal is not None and started is not None and missing_rate is None:
        projection = charts.project_goal(earnings=earnings, started=started, goal=Decimal(goal), today=today)
    chart = (
        charts.ladder_chart(
            months=months,
            earnings=earnings,
            levels=[charts.LevelSeries(entry.work_type.name, entry.ranks) for entry in entries],
            goal=Decimal(goal) if goal is not None else None,
        )
        if months and missing_rate is None
        else None
    )
    record_people_seen(request, [person.pk], page="work_ladder", target=person)
    context = {
        "person": person,
        "entries": entries,
        "months": [
            (
                month,
                charts.month_name(month),
                earnings.get(month, Decimal(0)),
                [e.ranks.get(month) for e in entries],
            )
            for month in months
        ],
        "chart": chart,
        "missing_rate": missing_rate,
        "goal_form": goal_form,
        "projection": projection,
        "projection_month": charts.month_name(projection.reached_in)
        if projection and projection.reached_in
        else "",
        "projection_months": charts.PROJECTION_MONTHS,
        "can_confirm": request.user.has_perm("work.confirm_skill_levels"),
    }
    return render(request, "work/ladder/person.html", context, status=query_status(request, goal_form))


@login_required
@require_GET
def ladder_sites(request: HttpRequest) -> HttpResponse:
    require_perm(request, PERMISSION)
    context = {"sites": selectors.sites(), "can_confirm": request.user.has_perm("work.confirm_skill_levels")}
    return render(request, "work/ladder/sites.html", context)


@login_required
@require_GET
def site_levels(request: HttpRequest, host_id: int) -> HttpResponse:
    """Counts only: no one is named, so no read of a person is recorded."""
    require_perm(request, PERMISSION)
    host = get_host(host_id)
    work_types = selectors.site_levels(host)
    charts_by_type = [
        (
            entry,
            charts.bar_chart(
                chart_id=f"levels-{entry.work_type.pk}",
                title=_("People at each level now: %(work_type)s") % {"work_type": entry.work_type.name},
                desc=_("One bar per level; the same figures are in the table below."),
                bars=[(str(row.level.rank) + " " + row.level.name, row.people_now) for row in entry.rows],
            ),
        )
        for entry in work_types
    ]
    context = {
        "host": host,
        "work_types": charts_by_type,
        "active_days": selectors.ACTIVE_DAYS,
        "can_confirm": request.user.has_perm("work.confirm_skill_levels"),
    }
    return render(request, "work/ladder/site.html", context)
