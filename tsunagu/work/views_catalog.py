"""The work catalog's pages: work sites, a work type with its levels and their rates over time, the
minimum-wage table and customer orders. Read by hub casework staff and administrators; kept by
supervisors and administrators. No person is shown here."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagu.core.forms import add_service_errors, edit_conflict_in, form_status
from tsunagu.core.http import require_perm
from tsunagu.core.submissions import submit_once
from tsunagu.work import selectors_catalog as selectors
from tsunagu.work import services_catalog as services
from tsunagu.work.forms_catalog import (
    CustomerOrderForm,
    MinimumWageForm,
    NewWorkTypeForm,
    PayRateForm,
    SkillLevelForm,
    WorkTypeForm,
)
from tsunagu.work.models import WorkType

VIEW = "work.view_work_catalog"
MANAGE = "work.manage_work_types"


def _posted(request: HttpRequest):
    """The form's data: a POST, even an empty one, is a form sent (and refused if incomplete)."""
    return request.POST if request.method == "POST" else None


def _refused(form, error: ValidationError) -> None:
    add_service_errors(form, error)


@login_required
def work_sites(request: HttpRequest) -> HttpResponse:
    require_perm(request, VIEW)
    user = request.user
    context = {
        "sites": selectors.work_sites(),
        "can_manage": user.has_perm(MANAGE),
        # The site's daily pages: its day sheet, pay and levels for hub staff; proposals for supervisors.
        "can_work": user.has_perm("work.view_work"),
        "can_confirm": user.has_perm("work.confirm_skill_levels"),
    }
    return render(request, "work/catalog/sites.html", context)


@login_required
@submit_once
def work_type_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, MANAGE)
    form = NewWorkTypeForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        host = fields.pop("host")
        try:
            work_type = services.create_work_type(actor=request.user, host=host, **fields)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": work_type.name})
            return redirect("work:work_type_detail", work_type_id=work_type.pk)
    return render(
        request, "work/catalog/work_type_form.html", {"form": form}, status=form_status(request, form)
    )


def _detail_context(request: HttpRequest, work_type: WorkType, **extra: Any) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "work_type": work_type,
        "levels": selectors.levels_with_rates(work_type, today),
        "orders": selectors.orders_of(work_type),
        "can_manage": request.user.has_perm(MANAGE),
        **extra,
    }


@login_required
def work_type_detail(request: HttpRequest, work_type_id: int) -> HttpResponse:
    require_perm(request, VIEW)
    work_type = selectors.get_work_type(work_type_id)
    return render(request, "work/catalog/work_type_detail.html", _detail_context(request, work_type))


@login_required
def work_type_edit(request: HttpRequest, work_type_id: int) -> HttpResponse:
    require_perm(request, MANAGE)
    work_type = selectors.get_work_type(work_type_id)
    form = WorkTypeForm.for_work_type(work_type, _posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_work_type(actor=request.user, work_type=work_type, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
            work_type = selectors.get_work_type(work_type_id)  # as stored: the form keeps what was typed
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("work:work_type_detail", work_type_id=work_type.pk)
    context = {"form": form, "work_type": work_type, "conflict": edit_conflict_in(form)}
    return render(request, "work/catalog/work_type_form.html", context, status=form_status(request, form))


@login_required
@submit_once
def level_add(request: HttpRequest, work_type_id: int) -> HttpResponse:
    require_perm(request, MANAGE)
    work_type = selectors.get_work_type(work_type_id)
    form = SkillLevelForm(_posted(request), initial={"rank": selectors.next_rank(work_type)})
    if request.method == "POST" and form.is_valid():
        try:
            level = services.add_skill_level(actor=request.user, work_type=work_type, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(
                request, _("Level %(level)s was added. Give it its rate next.") % {"level": level}
            )
            return redirect("work:rate_add", level_id=level.pk)
    context = {"form": form, "work_type": work_type}
    return render(request, "work/catalog/level_form.html", context, status=form_status(request, form))


@login_required
def level_edit(request: HttpRequest, level_id: int) -> HttpResponse:
    require_perm(request, MANAGE)
    level = selectors.get_level(level_id)
    form = SkillLevelForm.for_level(level, _posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_skill_level(actor=request.user, level=level, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
            level = selectors.get_level(level_id)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("work:work_type_detail", work_type_id=level.work_type_id)
    context = {"form": form, "work_type": level.work_type, "level": level, "conflict": edit_conflict_in(form)}
    return render(request, "work/catalog/level_form.html", context, status=form_status(request, form))


def _rate_page(request: HttpRequest, level, form, status: int, rate_error: str = "") -> HttpResponse:
    context = {
        "form": form,
        "level": level,
        "work_type": level.work_type,
        "rates": selectors.level_rates(level, timezone.localdate()),
        "rate_error": rate_error,
    }
    return render(request, "work/catalog/rate_form.html", context, status=status)


@login_required
@submit_once
def rate_add(request: HttpRequest, level_id: int) -> HttpResponse:
    """A new rate of a level; the level's rates over time are on the page, with the rule that ends the
    open-ended one the day before."""
    require_perm(request, MANAGE)
    level = selectors.get_level(level_id)
    form = PayRateForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_pay_rate(actor=request.user, level=level, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The rate was added."))
            return redirect("work:work_type_detail", work_type_id=level.work_type_id)
    return _rate_page(request, level, form, form_status(request, form))


@require_POST
@login_required
def rate_remove(request: HttpRequest, rate_id: int) -> HttpResponse:
    """Take back a rate entered by mistake (see services_catalog.remove_pay_rate for when it may go)."""
    require_perm(request, MANAGE)
    rate = selectors.get_rate(rate_id)
    level = selectors.get_level(rate.level_id)
    try:
        services.remove_pay_rate(actor=request.user, rate=rate)
    except ValidationError as error:
        message = " ".join(error.messages)
        return _rate_page(request, level, PayRateForm(), 400, rate_error=message)
    messages.success(request, _("The rate was removed."))
    return redirect("work:work_type_detail", work_type_id=level.work_type_id)


@login_required
@submit_once
def order_add(request: HttpRequest, work_type_id: int) -> HttpResponse:
    require_perm(request, MANAGE)
    work_type = selectors.get_work_type(work_type_id)
    form = CustomerOrderForm(_posted(request), initial={"ordered_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_customer_order(actor=request.user, work_type=work_type, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The order was added."))
            return redirect("work:work_type_detail", work_type_id=work_type.pk)
    context = {"form": form, "work_type": work_type}
    return render(request, "work/catalog/order_form.html", context, status=form_status(request, form))


@login_required
@submit_once
def minimum_wages(request: HttpRequest) -> HttpResponse:
    """The minimum-wage table (北海道最低賃金); supervisors and administrators add a new one."""
    require_perm(request, VIEW)
    can_manage = request.user.has_perm(MANAGE)
    form = MinimumWageForm(_posted(request)) if can_manage else None
    if request.method == "POST":
        require_perm(request, MANAGE)
        if form.is_valid():
            try:
                services.add_minimum_wage(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                _refused(form, error)
            else:
                messages.success(request, _("The minimum wage was added."))
                return redirect("work:minimum_wages")
    context = {"wages": selectors.minimum_wages(), "form": form, "can_manage": can_manage}
    status = form_status(request, form) if form is not None else 200
    return render(request, "work/catalog/minimum_wages.html", context, status=status)
