"""The referral pages (つなぎ) and the network view: thin views over network's referral selectors and
services. A referral out of the user's scope is 404; every response that names a person records the read."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tsunagu.audit.services import record_people_seen
from tsunagu.cases.selectors import get_case
from tsunagu.core.forms import add_service_errors, form_status, query_status
from tsunagu.core.http import KeyFirstPaginator, require_perm
from tsunagu.core.submissions import submit_once
from tsunagu.network import selectors_referrals as selectors
from tsunagu.network import services_referrals as services
from tsunagu.network.forms_referrals import (
    AnswerForm,
    PeriodForm,
    ReferralFilterForm,
    ReferralForm,
    WithdrawForm,
)
from tsunagu.network.models import Referral

PAGE_SIZE = 30


def _list(request: HttpRequest, referrals, *, template: str, page_name: str) -> HttpResponse:
    form = ReferralFilterForm(request.GET)
    status = query_status(request, form)
    page = KeyFirstPaginator(
        referrals(request.user, status=form.value("status", "")), PAGE_SIZE, rows=selectors.referral_rows
    ).get_page(form.value("page", 1))
    record_people_seen(request, [r.case.person_id for r in page], page=page_name)
    return render(request, template, {"form": form, "page": page}, status=status)


@login_required
@require_GET
def referral_inbox(request: HttpRequest) -> HttpResponse:
    """Referrals addressed to the user's organisation (a partner's inbox)."""
    require_perm(request, "network.view_referrals")
    return _list(
        request, selectors.inbox, template="network/referrals/inbox.html", page_name="referral_inbox"
    )


@login_required
@require_GET
def referral_list(request: HttpRequest) -> HttpResponse:
    """Referrals the user's organisation sent, of the cases in their scope."""
    require_perm(request, "network.view_referrals")
    return _list(request, selectors.sent, template="network/referrals/sent.html", page_name="referral_list")


@login_required
@require_GET
def referral_overdue(request: HttpRequest) -> HttpResponse:
    """The sender's follow-up: no answer by the due date; accepted long ago and not completed."""
    require_perm(request, "network.view_referrals")
    overdue = selectors.overdue(request.user)
    record_people_seen(request, overdue.people, page="referral_overdue")
    context = {"overdue": overdue, "stalled_days": selectors.STALLED_DAYS}
    return render(request, "network/referrals/overdue.html", context)


@login_required
@submit_once
def referral_create(request: HttpRequest, case_id: int) -> HttpResponse:
    require_perm(request, "network.refer_cases")
    case = get_case(request.user, case_id)
    require_perm(request, "network.refer_case", case)
    form = ReferralForm(
        request.POST or None,
        receivers=selectors.receivers(),
        services=selectors.referral_services(),
        case=case,
    )
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.send_referral(actor=request.user, case=case, fields=form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The referral was sent to %(name)s.") % {"name": referral.receiver.name}
            )
            return redirect("network:referral_detail", referral_id=referral.pk)
    record_people_seen(request, [case.person_id], page="referral_create", target=case)
    context = {"case": case, "form": form}
    return render(request, "network/referrals/referral_form.html", context, status=form_status(request, form))


def _detail(request: HttpRequest, referral: Referral, *, status: int = 200, **bound) -> HttpResponse:
    user = request.user
    page = selectors.referral_page(user, referral)
    record_people_seen(request, page.people, page="referral", target=referral)
    context = {
        "referral": referral,
        "page": page,
        "can_answer": referral.is_open and user.has_perm("network.answer_referral", referral),
        "can_withdraw": referral.is_open and user.has_perm("network.withdraw_referral", referral),
        "answer_form": AnswerForm(referral=referral),
        "withdraw_form": WithdrawForm(),
        "can_forward": referral.is_open and user.has_perm("network.forward_referral", referral),
        **bound,
    }
    if context["can_forward"] and "forward_form" not in bound:
        context["forward_form"] = _forward_form(request, referral)
    return render(request, "network/referrals/referral_detail.html", context, status=status)


def _found(request: HttpRequest, referral_id: int) -> Referral:
    require_perm(request, "network.view_referrals")
    referral = selectors.get_referral(request.user, referral_id)
    require_perm(request, "network.view_referral", referral)
    return referral


@login_required
@require_GET
def referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    return _detail(request, _found(request, referral_id))


@login_required
@require_POST
def referral_answer(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = _found(request, referral_id)
    require_perm(request, "network.answer_referral", referral)
    form = AnswerForm(request.POST, referral=referral)
    if form.is_valid():
        try:
            services.answer_referral(actor=request.user, referral=referral, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The referral is now %(status)s.") % {"status": referral.get_status_display()}
            )
            return redirect("network:referral_detail", referral_id=referral.pk)
    return _detail(request, referral, status=400, answer_form=form)


def _forward_form(request: HttpRequest, referral: Referral, data=None) -> ReferralForm:
    return ReferralForm(
        data,
        receivers=selectors.forward_receivers(request.user),
        services=selectors.referral_services(),
        case=None,
        prefix="forward",
    )


@login_required
@require_POST
@submit_once
def referral_forward(request: HttpRequest, referral_id: int) -> HttpResponse:
    """The receiver's staff pass the referral on to another organisation (network.forward_referral)."""
    referral = _found(request, referral_id)
    require_perm(request, "network.forward_referral", referral)
    form = _forward_form(request, referral, request.POST)
    if form.is_valid():
        try:
            forward = services.forward_referral(
                actor=request.user, referral=referral, fields=form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The referral was passed on to %(name)s.") % {"name": forward.receiver.name}
            )
            return redirect("network:referral_detail", referral_id=forward.pk)
    return _detail(request, referral, status=400, forward_form=form)


@login_required
@require_POST
def referral_withdraw(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = _found(request, referral_id)
    require_perm(request, "network.withdraw_referral", referral)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.withdraw_referral(actor=request.user, referral=referral, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The referral was withdrawn."))
            return redirect("network:referral_detail", referral_id=referral.pk)
    return _detail(request, referral, status=400, withdraw_form=form)


# ---------------------------------------------------------------- the network view


@dataclass(frozen=True)
class Node:
    x: float
    y: float
    r: float
    flow: selectors.OrganisationFlow

    @property
    def label_y(self) -> float:
        return self.y + self.r


@dataclass(frozen=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    count: int
    kind: str  # "referral" or "placement"
    label: str


SIZE = 640
CENTRE = SIZE / 2
RING = SIZE / 2 - 90


def _layout(flows: selectors.NetworkFlows) -> tuple[list[Node], list[Edge]]:
    """The organisations on a ring, the busiest in the middle; a line per pair, as thick as its volume."""
    ordered = sorted(flows.organisations, key=lambda f: (-f.volume, f.organisation.name))
    nodes: dict[int, Node] = {}
    for index, flow in enumerate(ordered):
        radius = 6 + 3 * math.sqrt(flow.volume)
        if index == 0:
            nodes[flow.organisation.pk] = Node(CENTRE, CENTRE, min(radius, 40), flow)
            continue
        angle = 2 * math.pi * (index - 1) / max(len(ordered) - 1, 1) - math.pi / 2
        x, y = CENTRE + RING * math.cos(angle), CENTRE + RING * math.sin(angle)
        nodes[flow.organisation.pk] = Node(round(x, 1), round(y, 1), min(radius, 28), flow)
    edges = []
    for kind, counter in (("referral", flows.referrals), ("placement", flows.placements)):
        for (source, target), count in sorted(counter.items(), key=lambda item: -item[1]):
            if source not in nodes or target not in nodes or source == target:
                continue
            a, b = nodes[source], nodes[target]
            label = f"{a.flow.organisation.name} → {b.flow.organisation.name}: {count}"
            edges.append(Edge(a.x, a.y, b.x, b.y, round(1 + math.log2(1 + count), 1), count, kind, label))
    return list(nodes.values()), edges


@login_required
@require_GET
def network_view(request: HttpRequest) -> HttpResponse:
    """Organisations as a graph with the referrals and placements between them over a period, and a table
    of each organisation's referrals: counts and days only, no person."""
    require_perm(request, "network.view_network")
    form = PeriodForm(request.GET)
    status = query_status(request, form)
    since, until = form.period()
    flows = selectors.network_flows(since=since, until=until)
    nodes, edges = _layout(flows)
    context = {"form": form, "flows": flows, "nodes": nodes, "edges": edges, "size": SIZE}
    return render(request, "network/referrals/network.html", context, status=status)
