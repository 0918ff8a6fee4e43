"""The contracts' pages: the 沿革, a contract's report (and its Excel download, audited as EXPORT), the
contract form, and the assignment of a case or a placement to a contract (from the case page's panel).
The 沿革 and the reports name no one; readers who may not see people get counts under 5 suppressed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tsunagu.accounts.rules import is_casework_staff
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event, record_people_seen
from tsunagu.cases.selectors import get_case
from tsunagu.contracts import report, selectors, services
from tsunagu.contracts.forms import AssignmentForm, ContractForm, EndAssignmentForm, MilestoneForm
from tsunagu.core.forms import add_service_errors, form_status
from tsunagu.core.http import require_perm
from tsunagu.core.submissions import submit_once
from tsunagu.core.suppression import LEGEND

VIEW = "contracts.view_contracts"
MANAGE = "contracts.manage_contracts"
ASSIGN = "contracts.assign"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def suppresses_small_counts(user) -> bool:
    """Hub casework staff (the supervisor) may see people; the statistician and the administrator read
    counts under 5 suppressed."""
    return not is_casework_staff(user)


@login_required
@require_GET
def history(request: HttpRequest) -> HttpResponse:
    """沿革: each fiscal year's milestones and contracts, from 平成16年度 on."""
    require_perm(request, VIEW)
    context = {"years": selectors.history(), "may_manage": request.user.has_perm(MANAGE)}
    return render(request, "contracts/history.html", context)


@login_required
@require_GET
def contract_detail(request: HttpRequest, contract_id: int) -> HttpResponse:
    """The contract's report: its deliverables and its cases and placements by month."""
    require_perm(request, VIEW)
    contract = selectors.get_contract(contract_id)
    data = selectors.contract_report(contract)
    suppress = suppresses_small_counts(request.user)
    body, totals = report.report_cells(data, suppress=suppress)
    context = {
        "contract": contract,
        "report": data,
        "rows": [
            (report.month_name(month.month), cells) for month, cells in zip(data.months, body, strict=True)
        ],
        "totals": totals,
        "suppressed": suppress,
        "legend": LEGEND,
        "may_manage": request.user.has_perm(MANAGE),
        "carried": None,
    }
    if request.user.has_perm("contracts.assign_cases"):
        # Casework staff (the supervisor) see the cases and placements of their scope it carries, to end them.
        carried = selectors.carried_by(request.user, contract)
        context["carried"] = carried
        record_people_seen(
            request,
            [a.case.person_id for a in carried["case_assignments"]]
            + [a.placement.person_id for a in carried["placement_assignments"]],
            page="contracts:contract_detail",
            target=contract,
        )
    return render(request, "contracts/contract_detail.html", context)


@login_required
@require_GET
def contract_xlsx(request: HttpRequest, contract_id: int) -> HttpResponse:
    require_perm(request, VIEW)
    contract = selectors.get_contract(contract_id)
    suppress = suppresses_small_counts(request.user)
    content = report.report_workbook(selectors.contract_report(contract), suppress=suppress)
    record_event(
        request=request, action=AuditAction.EXPORT, target=contract,
        detail={"page": "contracts:contract_xlsx", "suppressed": suppress},
    )  # fmt: skip
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="contract-{contract.fiscal_year}-{contract.pk}.xlsx"'
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@submit_once
def contract_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, MANAGE)
    form = ContractForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contract = services.create_contract(actor=request.user, fields=form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The contract was recorded."))
            return redirect("contracts:contract_detail", contract_id=contract.pk)
    context = {"form": form, "contract": None}
    return render(request, "contracts/contract_form.html", context, status=form_status(request, form))


@login_required
def contract_edit(request: HttpRequest, contract_id: int) -> HttpResponse:
    require_perm(request, MANAGE)
    contract = selectors.get_contract(contract_id)
    form = ContractForm(request.POST or None, instance=contract)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_contract(actor=request.user, contract=contract, fields=form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The contract was saved."))
            return redirect("contracts:contract_detail", contract_id=contract.pk)
    context = {"form": form, "contract": contract}
    return render(request, "contracts/contract_form.html", context, status=form_status(request, form))


@login_required
@submit_once
def case_assign(request: HttpRequest, case_id: int) -> HttpResponse:
    """Assign the case to a contract of this or last fiscal year."""
    require_perm(request, "contracts.assign_cases")
    case = get_case(request.user, case_id)
    require_perm(request, ASSIGN, case)
    form = AssignmentForm(request.POST or None, contracts=list(selectors.assignable_contracts()))
    if request.method == "POST" and form.is_valid():
        try:
            services.assign_case(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The case was assigned to the contract."))
            return redirect("cases:detail", case_id=case.pk)
    context = {"form": form, "case": case, "placement": None}
    return render(request, "contracts/assign.html", context, status=form_status(request, form))


@login_required
@submit_once
def placement_assign(request: HttpRequest, placement_id: int) -> HttpResponse:
    """Assign a placement of a case to a contract of this or last fiscal year."""
    require_perm(request, "contracts.assign_cases")
    placement = selectors.get_placement(request.user, placement_id)
    require_perm(request, ASSIGN, placement.case)
    form = AssignmentForm(request.POST or None, contracts=list(selectors.assignable_contracts()))
    if request.method == "POST" and form.is_valid():
        try:
            services.assign_placement(actor=request.user, placement=placement, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The placement was assigned to the contract."))
            return redirect("cases:detail", case_id=placement.case_id)
    context = {"form": form, "case": placement.case, "placement": placement}
    return render(request, "contracts/assign.html", context, status=form_status(request, form))


# ---------------------------------------------------------------- the 沿革's milestones


@login_required
@submit_once
def milestone_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, MANAGE)
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_milestone(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event was added to the history."))
            return redirect("contracts:history")
    context = {"form": form, "milestone": None}
    return render(request, "contracts/milestone_form.html", context, status=form_status(request, form))


@login_required
def milestone_edit(request: HttpRequest, milestone_id: int) -> HttpResponse:
    require_perm(request, MANAGE)
    milestone = selectors.get_milestone(milestone_id)
    initial = {"on": milestone.on, "text": milestone.text}
    form = MilestoneForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_milestone(actor=request.user, milestone=milestone, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event was saved."))
            return redirect("contracts:history")
    context = {"form": form, "milestone": milestone}
    return render(request, "contracts/milestone_form.html", context, status=form_status(request, form))


@login_required
@require_POST
def milestone_remove(request: HttpRequest, milestone_id: int) -> HttpResponse:
    require_perm(request, MANAGE)
    milestone = selectors.get_milestone(milestone_id)
    services.remove_milestone(actor=request.user, milestone=milestone)
    messages.success(request, _("The event was removed from the history."))
    return redirect("contracts:history")


# ---------------------------------------------------------------- the end of an assignment


def _back(request: HttpRequest, case_id: int) -> HttpResponse:
    """Back where the end was asked from: the contract's report (`?from=report&contract=`) or the case."""
    contract_id = request.GET.get("contract", "")
    if request.GET.get("from") == "report" and contract_id.isdigit():
        return redirect("contracts:contract_detail", contract_id=int(contract_id))
    return redirect("cases:detail", case_id=case_id)


@login_required
def case_assignment_end(request: HttpRequest, case_assignment_id: int) -> HttpResponse:
    """Set the last day the contract carries the case (sending the same day twice changes nothing)."""
    require_perm(request, "contracts.assign_cases")
    assignment = selectors.get_case_assignment(request.user, case_assignment_id)
    require_perm(request, ASSIGN, assignment.case)
    form = EndAssignmentForm(request.POST or None, initial={"to_on": assignment.to_on})
    if request.method == "POST" and form.is_valid():
        try:
            services.end_case_assignment(actor=request.user, assignment=assignment, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The end of the contract's carrying was saved."))
            return _back(request, assignment.case_id)
    context = {"form": form, "assignment": assignment, "case": assignment.case, "placement": None}
    record_people_seen(request, [assignment.case.person_id], page="contracts:case_assignment_end",
                       target=assignment.case)  # fmt: skip
    return render(request, "contracts/end_assignment.html", context, status=form_status(request, form))


@login_required
def placement_assignment_end(request: HttpRequest, placement_assignment_id: int) -> HttpResponse:
    """Set the last day the contract carries the placement."""
    require_perm(request, "contracts.assign_cases")
    assignment = selectors.get_placement_assignment(request.user, placement_assignment_id)
    case = assignment.placement.case
    require_perm(request, ASSIGN, case)
    form = EndAssignmentForm(request.POST or None, initial={"to_on": assignment.to_on})
    if request.method == "POST" and form.is_valid():
        try:
            services.end_placement_assignment(actor=request.user, assignment=assignment, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The end of the contract's carrying was saved."))
            return _back(request, case.pk)
    context = {"form": form, "assignment": assignment, "case": case, "placement": assignment.placement}
    record_people_seen(request, [assignment.placement.person_id], page="contracts:placement_assignment_end",
                       target=case)  # fmt: skip
    return render(request, "contracts/end_assignment.html", context, status=form_status(request, form))
