"""Sessions and the roll-call. Hub casework staff run every host's sessions; partner staff those of their
own organisation (selectors scope, 404 outside; services.can_run_sessions decides, 403 otherwise)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import jpholiday
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tsunagu.accounts.roles import Role
from tsunagu.audit.services import record_people_seen
from tsunagu.core.dates import local_date
from tsunagu.core.forms import add_service_errors, query_status
from tsunagu.core.http import require_perm
from tsunagu.core.submissions import submit_once
from tsunagu.programs import selectors, services
from tsunagu.programs.forms_sessions import (
    MonthForm,
    RollCallForm,
    SessionAddForm,
    SessionGenerateForm,
    hours_text,
)
from tsunagu.programs.models import ATTENDED_STATUSES, Attendance, Placement, ProgramHost, Session

RUN_SESSIONS = "programs.run_sessions"


def _render(request: HttpRequest, template: str, context: dict[str, Any], *, refused: bool) -> HttpResponse:
    """A refused form comes back with 400 so that nothing looks saved."""
    return render(request, template, context, status=400 if refused else 200)


def _host(request: HttpRequest, host_id: int) -> ProgramHost:
    require_perm(request, RUN_SESSIONS)
    try:
        host = selectors.hosts_for(request.user).get(pk=host_id)
    except ProgramHost.DoesNotExist as error:
        raise Http404 from error
    if not services.can_run_sessions(request.user, host):
        raise PermissionDenied
    return host


def _month(request: HttpRequest, today: dt.date) -> tuple[dt.date, bool]:
    """The first day of the month asked for (?month=2026-01), this month otherwise; and whether the month
    asked for was refused (out of the calendar's years, or not a month), its message then on the page."""
    form = MonthForm(request.GET)
    refused = query_status(request, form) != 200
    return form.value("month", today.replace(day=1)), refused


def _next_month(first: dt.date) -> dt.date:
    return (first + dt.timedelta(days=32)).replace(day=1)


def _host_url(host: ProgramHost, day: dt.date | None = None) -> str:
    url = reverse("programs:host_sessions", args=[host.pk])
    return f"{url}?month={day:%Y-%m}" if day else url


# ---------------------------------------------------------------- lists


@login_required
def session_index(request: HttpRequest) -> HttpResponse:
    """Recent and coming sessions, and the hosts whose sessions the user runs."""
    require_perm(request, RUN_SESSIONS)
    today = timezone.localdate()
    hosts = selectors.hosts_for(request.user).filter(program__in=selectors.active_programs(today))
    context = {
        "sessions": selectors.upcoming_sessions(request.user),
        "hosts": hosts,
        "today": today,
    }
    return render(request, "programs/sessions_index.html", context)


def _host_page(
    request: HttpRequest,
    host: ProgramHost,
    *,
    month: dt.date,
    add_form: SessionAddForm | None = None,
    generate_form: SessionGenerateForm | None = None,
    month_refused: bool = False,
) -> HttpResponse:
    today = timezone.localdate()
    month_end = _next_month(month) - dt.timedelta(days=1)
    sessions = (
        selectors.visible_sessions(request.user)
        .filter(host=host, date__range=(month, month_end))
        .annotate(
            recorded=Count("attendances"),
            attended=Count("attendances", filter=Q(attendances__status__in=ATTENDED_STATUSES)),
        )
        .order_by("date", "start_time")
    )
    people = list(selectors.with_attendance_rate(selectors.host_people(request.user, host)))
    for placement in people:
        placement.attendance_rate = selectors.rate(placement.sessions_attended, placement.sessions_recorded)
    refused = month_refused or bool(
        (add_form and add_form.errors) or (generate_form and generate_form.errors)
    )
    record_people_seen(request, [p.person_id for p in people], page="host_sessions", target=host)
    context = {
        "host": host,
        "program": host.program,
        "sessions": sessions,
        "people": people,
        "month": month,
        "previous_month": (month - dt.timedelta(days=1)).replace(day=1),
        "next_month": _next_month(month),
        "holidays": jpholiday.month_holidays(month.year, month.month),
        "today": today,
        "add_form": add_form or SessionAddForm(initial={"date": max(today, month)}),
        "generate_form": generate_form
        or SessionGenerateForm(
            program=host.program, initial={"date_from": max(today, month), "date_to": month_end}
        ),
        "is_partner": request.user.has_role(Role.PARTNER_STAFF),
    }
    return _render(request, "programs/sessions_host.html", context, refused=refused)


@login_required
@submit_once
def host_sessions(request: HttpRequest, host_id: int) -> HttpResponse:
    """A host's sessions month by month, with the forms to add one by hand or generate the schedule's."""
    host = _host(request, host_id)
    today = timezone.localdate()
    month, month_refused = _month(request, today)
    add_form = SessionAddForm(request.POST or None)
    if request.method == "POST" and add_form.is_valid():
        data = add_form.cleaned_data
        try:
            session = services.add_session(actor=request.user, host=host, request=request, **data)
        except ValidationError as error:
            add_service_errors(add_form, error)
        else:
            messages.success(
                request, _("The session of %(date)s was added.") % {"date": local_date(session.date)}
            )
            return redirect(_host_url(host, session.date))
    add_form = add_form if request.method == "POST" else None
    return _host_page(request, host, month=month, add_form=add_form, month_refused=month_refused)


@login_required
@require_POST
def sessions_generate(request: HttpRequest, host_id: int) -> HttpResponse:
    host = _host(request, host_id)
    month, month_refused = _month(request, timezone.localdate())
    form = SessionGenerateForm(request.POST, program=host.program)
    if form.is_valid():
        first, last = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
        try:
            created = services.generate_sessions(
                actor=request.user, host=host, date_from=first, date_to=last, request=request
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if created:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d session was added (public holidays skipped).",
                        "%(count)d sessions were added (public holidays skipped).",
                        len(created),
                    )
                    % {"count": len(created)},
                )
            else:
                messages.info(
                    request,
                    _(
                        "No new sessions: every scheduled day of that period already has one, or is a holiday."
                    ),
                )
            return redirect(_host_url(host, first))
    return _host_page(request, host, month=month, generate_form=form, month_refused=month_refused)


# ---------------------------------------------------------------- the roll-call


def _back_url(request: HttpRequest, session: Session) -> str:
    if request.user.has_role(Role.PARTNER_STAFF) and request.user.has_perm("programs.use_partner_portal"):
        return reverse("programs:partner_home")
    return _host_url(session.host, session.date)


def _recorded(session: Session, placements: list[Placement]) -> dict[int, Attendance]:
    """The attendance recorded at the session for the people on this user's roll-call (only theirs)."""
    return {a.placement_id: a for a in session.attendances.filter(placement__in=placements).order_by()}


@login_required
def roll_call(request: HttpRequest, session_id: int) -> HttpResponse:
    """Everyone expected at the session on one screen (a card each on a phone); one save records them all."""
    require_perm(request, RUN_SESSIONS)
    session = selectors.get_session(request.user, session_id)
    if not services.can_run_sessions(request.user, session.host):
        raise PermissionDenied
    # Only the people in the user's scope: a session may gather people of several offices.
    placements = selectors.roll_call(request.user, session)
    posted = request.method == "POST"
    # What is recorded prefills an empty roll-call; a sent one shows what was sent.
    recorded = {} if posted else _recorded(session, placements)
    not_yet = session.date > timezone.localdate()
    form = RollCallForm(
        request.POST if posted else None, session=session, placements=placements, recorded=recorded
    )
    if posted and form.is_valid():
        try:
            saved = services.record_roll_call(
                actor=request.user, session=session, entries=form.entries(), request=request
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                ngettext(
                    "Attendance was saved for %(count)d person.",
                    "Attendance was saved for %(count)d people.",
                    saved,
                )
                % {"count": saved},
            )
            return redirect("programs:roll_call", session_id=session.pk)
    record_people_seen(request, [p.person_id for p in placements], page="roll_call", target=session)
    context = {
        "session": session,
        "host": session.host,
        "program": session.host.program,
        "form": form,
        "not_yet": not_yet,
        "recorded_count": len(_recorded(session, placements)) if posted else len(recorded),
        "default_hours": hours_text(form.default_hours),
        "back_url": _back_url(request, session),
    }
    return _render(request, "programs/roll_call.html", context, refused=posted)
