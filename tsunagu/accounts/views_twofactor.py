"""The second-factor pages: enrol an authenticator app on first login, then a code at every login."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from tsunagu.accounts import selectors, services, twofactor
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.core.http import require_perm


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=64,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """The code from the app (or a recovery code) after the password."""
    user = request.user
    if not twofactor.needs_second_factor(user):
        return redirect(_next_url(request))
    if not twofactor.has_second_factor(user):
        return redirect(f"{reverse('accounts:two_factor_enrol')}?{urlencode({'next': _next_url(request)})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, kind = twofactor.verify_code(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            record_event(
                action=AuditAction.LOGIN,
                request=request,
                actor=user,
                target=user,
                detail={"second_factor": kind},
            )
            if kind == "recovery_code":
                messages.warning(request, _("You used a recovery code; it will not work again."))
            return redirect(_next_url(request))
        record_event(
            action=AuditAction.LOGIN_FAILED,
            request=request,
            actor=user,
            target=user,
            detail={"second_factor": True},
        )
        form.add_error(
            "code", _("The code is not correct. Type the six digits the app shows now, or a recovery code.")
        )
    status = 400 if request.method == "POST" else 200
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)}, status=status
    )


@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    """First login: scan the QR code (or type the key), confirm with a code, keep the recovery codes.
    A role that needs no second factor (the statistician, or everyone in the demo) is sent on: it would
    never be asked for the code, and opening the page would leave a device behind."""
    user = request.user
    if not twofactor.needs_second_factor(user):
        return redirect(_next_url(request))
    if twofactor.has_second_factor(user):
        # Replacing an enrolled app takes an administrator's reset, never just a password.
        return redirect("accounts:two_factor")
    device = twofactor.pending_totp_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.enrol_second_factor(actor=user, device=device, code=form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            context = {"codes": codes, "next": _next_url(request)}
            return render(request, "accounts/two_factor_recovery_codes.html", context)
        form.add_error("code", _("The code is not correct. Type the six digits the app shows now."))
    context = {
        "form": form,
        "qr_code": twofactor.qr_code_svg(device),
        "secret": twofactor.secret_text(device),
        "next": _next_url(request),
    }
    return render(
        request, "accounts/two_factor_enrol.html", context, status=400 if request.method == "POST" else 200
    )


@login_required
@require_POST
def reset(request: HttpRequest, user_id: int) -> HttpResponse:
    """An administrator removes a user's second factor (a lost phone); audited."""
    require_perm(request, "accounts.manage_users")
    user = selectors.get_user(user_id=user_id)
    services.reset_second_factor(user=user, actor=request.user)
    messages.success(request, _("The second factor was reset. The user sets it up again at the next login."))
    return redirect("accounts:user_edit", user_id=user.pk)
