"""The day sheet: one work site's day on one screen (a card per person on a phone), saved in one go. Hub
casework staff keep any site's (the people of their own office's cases, like the roll-call); the host's
own partner staff keep their site's in the partner portal. Scope by selectors (404 outside), the
permission work.keep_day_sheet of the host decides (403 otherwise)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.audit.services import record_people_seen
from tsunagu.core.dates import local_date
from tsunagu.core.forms import query_status
from tsunagu.core.http import require_perm
from tsunagu.core.submissions import submit_once
from tsunagu.programs.models import ProgramHost
from tsunagu.work import months, selectors_logs, services_logs
from tsunagu.work.forms_daysheet import DayForm, DaySheetForm

VIEW_WORK = "work.view_work"
PARTNER_DAY_SHEET = "work.use_partner_day_sheet"
KEEP_DAY_SHEET = "work.keep_day_sheet"


def _day(request: HttpRequest) -> tuple[dt.date, int]:
    """The day asked for (?date=), today otherwise; and the status (400 when the day asked for was refused:
    its message is then on the page, which shows today)."""
    form = DayForm(request.GET)
    status = query_status(request, form)
    return form.value("date", timezone.localdate()), status


def _index(request: HttpRequest, *, partner: bool) -> HttpResponse:
    day, status = _day(request)
    context = {
        "hosts": selectors_logs.day_sheet_hosts(request.user).select_related("program", "organisation"),
        "day": day,
        "today": timezone.localdate(),
        "partner": partner,
        "sheet_url": "work:partner_day_sheet" if partner else "work:day_sheet",
    }
    return render(request, "work/daysheet/index.html", context, status=status)


@login_required
def day_sheet_index(request: HttpRequest) -> HttpResponse:
    """The sites with work to log, to open one's day sheet."""
    require_perm(request, VIEW_WORK)
    return _index(request, partner=False)


@login_required
def partner_day_sheet_index(request: HttpRequest) -> HttpResponse:
    require_perm(request, PARTNER_DAY_SHEET)
    return _index(request, partner=True)


def _sheet_url(host: ProgramHost, day: dt.date, *, partner: bool) -> str:
    name = "work:partner_day_sheet" if partner else "work:day_sheet"
    return f"{reverse(name, args=[host.pk])}?date={day:%Y-%m-%d}"


def _page(
    request: HttpRequest, host: ProgramHost, day: dt.date, *, partner: bool, form: DaySheetForm | None = None,
    sheet: selectors_logs.DaySheet | None = None, status: int = 200,
) -> HttpResponse:  # fmt: skip
    sheet = sheet or selectors_logs.day_sheet(request.user, host, day)
    form = form or DaySheetForm(sheet=sheet)
    record_people_seen(request, sheet.person_ids, page="work_day_sheet", target=sheet.session or host)
    today = timezone.localdate()
    session = sheet.session
    context = {
        "host": host,
        "program": host.program,
        "sheet": sheet,
        "session": session,
        "form": form,
        "day": day,
        "today": today,
        "previous_day": day - dt.timedelta(days=1),
        "next_day": day + dt.timedelta(days=1) if day < today else None,
        "closed": months.is_closed(host_id=host.pk, day=day),
        "editable": session is not None and not session.is_cancelled and day <= today,
        "recorded_count": len(sheet.attendance),
        "partner": partner,
        "back_url": reverse("programs:partner_home") if partner else reverse("work:day_sheet_index"),
        "sheet_url_name": "work:partner_day_sheet" if partner else "work:day_sheet",
    }
    return render(request, "work/daysheet/sheet.html", context, status=status)


def _sheet(request: HttpRequest, host_id: int, *, partner: bool) -> HttpResponse:
    host = selectors_logs.get_day_sheet_host(request.user, host_id)
    require_perm(request, KEEP_DAY_SHEET, host)
    day, status = _day(request)
    if request.method != "POST":
        return _page(request, host, day, partner=partner, status=status)
    sheet = selectors_logs.day_sheet(request.user, host, day, saving=True)
    form = DaySheetForm(request.POST, sheet=sheet)
    if status == 200 and form.is_valid():
        try:
            saved = services_logs.record_day_sheet(actor=request.user, host=host, date=day, rows=form.rows())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _saved_message(saved, day))
            return redirect(_sheet_url(host, day, partner=partner))
    if sheet.session is not None:  # refused: the count of those recorded, as the page shows it
        sheet.attendance = selectors_logs.recorded(request.user, sheet)
    return _page(request, host, day, partner=partner, form=form, sheet=sheet, status=400)


def _saved_message(saved: services_logs.DaySheetSaved, day: dt.date) -> str:
    parts: dict[str, Any] = {"day": local_date(day), "created": saved.created, "changed": saved.changed,
                             "removed": saved.removed}  # fmt: skip
    if not (saved.created or saved.changed or saved.removed or saved.presence):
        return _("The day sheet of %(day)s was saved: nothing had changed.") % parts
    return (
        _(
            "The day sheet of %(day)s was saved: %(created)s logs added, %(changed)s changed, %(removed)s removed."
        )
        % parts
    )


@login_required
@submit_once
def day_sheet(request: HttpRequest, host_id: int) -> HttpResponse:
    """A site's day: everyone expected, their presence and their work per work type; one save."""
    require_perm(request, VIEW_WORK)
    return _sheet(request, host_id, partner=False)


@login_required
@submit_once
def partner_day_sheet(request: HttpRequest, host_id: int) -> HttpResponse:
    """The same sheet in the partner portal, for the partner's own sites only."""
    require_perm(request, PARTNER_DAY_SHEET)
    return _sheet(request, host_id, partner=True)
