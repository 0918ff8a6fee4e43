"""The program catalog: read by hub staff, the city and statisticians; kept by administrators."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagu.core.forms import add_service_errors, edit_conflict_in, form_status
from tsunagu.core.http import require_perm
from tsunagu.core.submissions import submit_once
from tsunagu.people.models import Stage
from tsunagu.programs import selectors, services
from tsunagu.programs.forms_catalog import EndProgramForm, HostEditForm, HostForm, ProgramForm
from tsunagu.programs.models import Program, ProgramHost

VIEW = "programs.view_catalog"
MANAGE = "programs.manage_catalog"


@dataclass
class HostRow:
    host: ProgramHost
    free: int | None


@dataclass
class ProgramCard:
    program: Program
    hosts: list[HostRow]
    ended: bool
    not_started: bool


@dataclass
class StageColumn:
    stage: str
    label: str
    programs: list[ProgramCard] = field(default_factory=list)


def _added(host: ProgramHost) -> int:
    """Hosts in the order they were added: the seed's order for the default catalog."""
    return host.pk


def _card(program: Program, today: dt.date) -> ProgramCard:
    return ProgramCard(
        program=program,
        hosts=[
            HostRow(host, selectors.free_places(host, taken=host.occupied))
            for host in sorted(program.hosts.all(), key=_added)
        ],
        ended=program.active_until is not None and program.active_until < today,
        not_started=program.active_from > today,
    )


def _columns(programs: QuerySet[Program], today: dt.date) -> list[StageColumn]:
    """The seed's 全体概況 layout: one column per stage of the ladder, then the others."""
    columns = [StageColumn(code, str(label)) for code, label in Stage.choices]
    columns.append(StageColumn("", _("Other programs")))
    by_stage = {column.stage: column for column in columns}
    for program in programs:
        by_stage.get(program.stage, by_stage[""]).programs.append(_card(program, today))
    return columns


def _detail_context(request: HttpRequest, program: Program, **bound) -> dict:
    can_manage = request.user.has_perm(MANAGE)
    context = {"card": _card(program, timezone.localdate()), "program": program, "can_manage": can_manage}
    if can_manage:
        context["end_form"] = bound.get("end_form") or EndProgramForm(
            program=program,
            initial={
                "last_day": program.active_until or timezone.localdate(),
                "edit_version": program.edit_version,
            },
        )
        context["host_form"] = bound.get("host_form") or HostForm()
    return context


@login_required
def catalog(request: HttpRequest) -> HttpResponse:
    require_perm(request, VIEW)
    show_ended = request.GET.get("ended") == "1"
    context = {
        "columns": _columns(selectors.catalog(include_ended=show_ended), timezone.localdate()),
        "show_ended": show_ended,
        "can_manage": request.user.has_perm(MANAGE),
    }
    template = "programs/catalog_columns.html" if request.htmx else "programs/catalog.html"
    return render(request, template, context)


@login_required
def program_detail(request: HttpRequest, program_id: int) -> HttpResponse:
    require_perm(request, VIEW)
    program = selectors.get_program(program_id)
    return render(request, "programs/program_detail.html", _detail_context(request, program))


def _save(request: HttpRequest, form: ProgramForm, program: Program | None) -> Program | None:
    """Hand the form to the service; a refusal goes back onto the form."""
    try:
        return services.save_program(actor=request.user, program=program, **form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return None


@login_required
@submit_once
def program_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, MANAGE)
    form = ProgramForm(request.POST or None, initial={"active_from": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        program = _save(request, form, None)
        if program is not None:
            messages.success(request, _("%(name)s was added to the catalog.") % {"name": program.name})
            return redirect("programs:program_detail", program_id=program.pk)
    return render(request, "programs/program_form.html", {"form": form}, status=form_status(request, form))


@login_required
def program_edit(request: HttpRequest, program_id: int) -> HttpResponse:
    require_perm(request, MANAGE)
    program = selectors.get_program(program_id)
    form = ProgramForm.for_program(program, request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _save(request, form, program) is not None:
            messages.success(request, _("The changes were saved."))
            return redirect("programs:program_detail", program_id=program.pk)
        program = selectors.get_program(program_id)  # the refused values stay on the form only
    conflict = edit_conflict_in(form)
    context = {"form": form, "program": program, "conflict": conflict}
    return render(request, "programs/program_form.html", context, status=form_status(request, form))


@require_POST
@login_required
def program_end(request: HttpRequest, program_id: int) -> HttpResponse:
    require_perm(request, MANAGE)
    program = selectors.get_program(program_id)
    form = EndProgramForm(request.POST, program=program)
    if form.is_valid():
        try:
            services.end_program(actor=request.user, program=program, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            program = selectors.get_program(program_id)
        else:
            last_day = formats.date_format(form.cleaned_data["last_day"])
            messages.success(
                request,
                _("The last day of %(name)s is now %(day)s.") % {"name": program.name, "day": last_day},
            )
            return redirect("programs:program_detail", program_id=program.pk)
    context = _detail_context(request, program, end_form=form)
    return render(request, "programs/program_detail.html", context, status=400)


@login_required
@submit_once
def host_add(request: HttpRequest, program_id: int) -> HttpResponse:
    require_perm(request, MANAGE)
    program = selectors.get_program(program_id)
    form = HostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            host = services.add_host(actor=request.user, program=program, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": host.organisation.name})
            return redirect("programs:program_detail", program_id=program.pk)
    context = _detail_context(request, program, host_form=form)
    return render(
        request, "programs/program_detail.html", context, status=400 if request.method == "POST" else 200
    )


@login_required
def host_edit(request: HttpRequest, host_id: int) -> HttpResponse:
    """A host's capacity, days and closed days (administrators)."""
    require_perm(request, MANAGE)
    host = selectors.get_host(host_id)
    form = HostEditForm(request.POST or None, instance=host)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_host(actor=request.user, host=host, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("programs:program_detail", program_id=host.program_id)
    conflict = edit_conflict_in(form)
    host = selectors.get_host(host_id)  # as stored: the form keeps what was typed
    context = {"form": form, "host": host, "program": host.program, "taken": selectors.places_taken(host),
               "conflict": conflict}  # fmt: skip
    return render(request, "programs/host_form.html", context, status=400 if form.errors else 200)
