"""Sessions and the roll-call. Hub casework staff run every host's sessions; partner staff those of their
own organisation (selectors scope, 404 outside; the permission programs.run_host_sessions decides, 403
otherwise)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import jpholiday
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
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
    PERIOD_DAYS,
    MonthForm,
    RollCallForm,
    SessionAddForm,
    SessionCancelForm,
    SessionGenerateForm,
    SessionIndexForm,
    SessionPeriod,
    hours_text,
)
from tsunagu.programs.models import ATTENDED_STATUSES, Placement, ProgramHost, Session

RUN_SESSIONS = "programs.run_sessions"
RUN_HOST_SESSIONS = "programs.run_host_sessions"


def _render(request: HttpRequest, template: str, context: dict[str, Any], *, refused: bool) -> HttpResponse:
    """A refused form comes back with 400 so that nothing looks saved."""
    return render(request, template, context, status=400 if refused else 200)


def _host(request: HttpRequest, host_id: int) -> ProgramHost:
    require_perm(request, RUN_SESSIONS)
    try:
        host = selectors.hosts_for(request.user).get(pk=host_id)
    except ProgramHost.DoesNotExist as error:
        raise Http404 from error
    require_perm(request, RUN_HOST_SESSIONS, host)
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
    form = SessionIndexForm(request.GET, hosts=hosts.select_related("program", "organisation"))
    status = query_status(request, form)
    period = form.value("period", SessionPeriod.WEEK)
    days_back, days_ahead = PERIOD_DAYS[SessionPeriod(period)]
    sessions = selectors.upcoming_sessions(request.user, days_back=days_back, days_ahead=days_ahead)
    if host := form.value("host"):
        sessions = sessions.filter(host=host)
    context = {
        "sessions": sessions,
        "hosts": hosts,
        "today": today,
        "filter_form": form,
        "period_label": SessionPeriod(period).label,
    }
    return render(request, "programs/sessions_index.html", context, status=status)


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
    people = selectors.flag_long_visits(
        list(selectors.with_attendance_rate(selectors.host_people(request.user, host))), today
    )
    for placement in people:
        placement.attendance_rate = selectors.rate(placement.sessions_attended, placement.sessions_recorded)
    taken = selectors.places_taken(host) if host.capacity is not None else None
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
        "taken": taken,
        "over_capacity": taken is not None and taken > host.capacity,
        "long_visit_days": settings.PROGRAMS_LONG_VISIT_DAYS,
        "can_edit_host": request.user.has_perm("programs.manage_catalog"),
        "add_form": add_form or SessionAddForm(initial={"date": max(today, month)}),
        "generate_form": generate_form
        or SessionGenerateForm(host=host, initial={"date_from": max(today, month), "date_to": month_end}),
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
            session = services.add_session(actor=request.user, host=host, **data)
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
    form = SessionGenerateForm(request.POST, host=host)
    if form.is_valid():
        first, last = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
        try:
            created = services.generate_sessions(actor=request.user, host=host, date_from=first, date_to=last)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if created:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d session was added (public holidays and closed days skipped).",
                        "%(count)d sessions were added (public holidays and closed days skipped).",
                        len(created),
                    )
                    % {"count": len(created)},
                )
            else:
                messages.info(
                    request,
                    _(
                        "No new sessions: every scheduled day of that period already has one, or is a holiday "
                        "or a closed day."
                    ),
                )
            return redirect(_host_url(host, first))
    return _host_page(request, host, month=month, generate_form=form, month_refused=month_refused)


# ---------------------------------------------------------------- the roll-call


def _back_url(request: HttpRequest, session: Session) -> str:
    if request.user.has_role(Role.PARTNER_STAFF) and request.user.has_perm("programs.use_partner_portal"):
        return reverse("programs:partner_home")
    return _host_url(session.host, session.date)


def _roll_call_page(
    request: HttpRequest,
    session: Session,
    *,
    placements: list[Placement] | None = None,
    form: RollCallForm | None = None,
    cancel_form: SessionCancelForm | None = None,
    refused: bool = False,
) -> HttpResponse:
    """The roll-call of a session: its people in あいうえお順, one save for them all; the earlier roll-calls
    of the host one tap away; a cancelled session says so and takes none."""
    # Only the people in the user's scope: a session may gather people of several offices.
    if placements is None:
        placements = selectors.roll_call(request.user, session)
    private = selectors.sees_absence_reasons(request.user)
    recorded = selectors.recorded_attendance(request.user, session, placements)
    if form is None:
        # What is recorded prefills an empty roll-call; a sent one shows what was sent.
        form = RollCallForm(session=session, placements=placements, recorded=recorded, private=private)
    record_people_seen(request, [p.person_id for p in placements], page="roll_call", target=session)
    today = timezone.localdate()
    context = {
        "session": session,
        "host": session.host,
        "program": session.host.program,
        "form": form,
        "not_yet": session.date > today,
        "recorded_count": len(recorded),
        "default_hours": hours_text(form.default_hours),
        "back_url": _back_url(request, session),
        "earlier": selectors.other_sessions(request.user, session),
        "next_session": selectors.next_session(request.user, session),
        "today": today,
        "private_reasons": private,
        "long_visit_days": settings.PROGRAMS_LONG_VISIT_DAYS,
        # A session with attendance is not cancelled (the service refuses): the form is not offered then.
        "cancel_form": cancel_form or (SessionCancelForm() if not recorded else None),
    }
    return _render(request, "programs/roll_call.html", context, refused=refused)


def _session(request: HttpRequest, session_id: int) -> Session:
    require_perm(request, RUN_SESSIONS)
    session = selectors.get_session(request.user, session_id)
    require_perm(request, RUN_HOST_SESSIONS, session.host)
    return session


@login_required
def roll_call(request: HttpRequest, session_id: int) -> HttpResponse:
    """Everyone expected at the session on one screen (a card each on a phone); one save records them all."""
    session = _session(request, session_id)
    if request.method != "POST":
        return _roll_call_page(request, session)
    placements = selectors.roll_call(request.user, session)
    form = RollCallForm(
        request.POST,
        session=session,
        placements=placements,
        recorded={},
        private=selectors.sees_absence_reasons(request.user),
    )
    if form.is_valid():
        try:
            saved = services.record_roll_call(actor=request.user, session=session, entries=form.entries())
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
    return _roll_call_page(request, session, placements=placements, form=form, refused=True)


@login_required
@require_POST
def session_cancel(request: HttpRequest, session_id: int) -> HttpResponse:
    """Call a session off, with the reason; refused, the roll-call page comes back with the message."""
    session = _session(request, session_id)
    form = SessionCancelForm(request.POST)
    if form.is_valid():
        try:
            services.cancel_session(actor=request.user, session=session, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The session of %(date)s was cancelled.") % {"date": local_date(session.date)}
            )
            return redirect(_host_url(session.host, session.date))
    session = selectors.get_session(request.user, session_id)  # as it is now (cancelled by someone else?)
    return _roll_call_page(request, session, cancel_form=form, refused=True)
