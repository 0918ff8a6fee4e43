"""The API tokens page: a user makes a token (its secret shown once), lists and revokes their own; an
administrator lists and revokes any of their organisation's."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tsunagu.api import selectors, services
from tsunagu.api.forms import TokenForm
from tsunagu.api.rules import HOLD_TOKEN, OPEN_TOKEN_PAGE, REVOKE_ANY_TOKEN
from tsunagu.core.forms import add_service_errors, form_status
from tsunagu.core.http import require_perm


def _may(request: HttpRequest, permission: str) -> bool:
    return request.user.has_perm(permission)


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """GET: the user's tokens (and an administrator's organisation's). POST: a new token of the user's."""
    require_perm(request, OPEN_TOKEN_PAGE)
    may_hold, administers = _may(request, HOLD_TOKEN), _may(request, REVOKE_ANY_TOKEN)
    secret = None
    form = TokenForm(request.POST if request.method == "POST" else None) if may_hold else None
    if request.method == "POST":
        require_perm(request, HOLD_TOKEN)
        if form.is_valid():
            try:
                _token, secret = services.create_token(
                    actor=request.user,
                    name=form.cleaned_data["name"],
                    expires_on=form.cleaned_data["expires_on"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                form = TokenForm()
    context = {
        "form": form,
        "secret": secret,
        "own": selectors.own_tokens(request.user) if may_hold else [],
        "organisation": selectors.organisation_tokens(request.user) if administers else [],
    }
    status = form_status(request, form) if form is not None else 200
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = selectors.token_to_revoke(request.user, token_id)
    require_perm(request, "api.revoke_token", token)
    services.revoke_token(actor=request.user, token=token)
    return redirect("api:tokens")
