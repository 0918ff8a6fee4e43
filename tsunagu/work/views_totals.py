"""Intermediate-employment totals by month and site (hours, units, pay): counts and sums only. A reader who
may not see people (the statistician, the administrator) sees a line of fewer than 5 people with its
people shown "<5" and its sums hidden (a sum of one or two people is their pay)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tsunagu.accounts.rules import is_casework_staff
from tsunagu.core.forms import query_status
from tsunagu.core.http import require_perm
from tsunagu.core.suppression import LEGEND, SMALL, SMALL_COUNT
from tsunagu.work import totals
from tsunagu.work.forms_pay import TotalsForm


def _shown(people: int, values: list, suppress: bool) -> tuple[str, list]:
    if suppress and people < SMALL_COUNT:
        return SMALL, ["" for _v in values]
    return str(people), values


@login_required
@require_GET
def work_totals(request: HttpRequest) -> HttpResponse:
    require_perm(request, "work.view_totals")
    today = timezone.localdate()
    form = TotalsForm(request.GET or None, today=today)
    status = query_status(request, form)
    first, last = form.months()
    suppress = not is_casework_staff(request.user)
    work = [
        (line, *_shown(line.people, [line.hours, line.quantity], suppress))
        for line in totals.work_lines(first, last)
    ]
    pay = [(line, *_shown(line.people, [line.total], suppress)) for line in totals.pay_lines(first, last)]
    context = {
        "form": form, "first": first, "last": last, "work": work, "pay": pay, "suppressed": suppress,
        "legend": LEGEND,
    }  # fmt: skip
    return render(request, "work/totals.html", context, status=status)
