"""Forms sent twice, and what counts as saved.

A create form carries a one-time token (`SubmitOnceMixin` in core.forms), issued with the form. The view that saves it
is wrapped in `submit_once`: the first request with a token claims it (a row of `FormSubmission`, whose
token is unique) in the same transaction as the save; a second request with the same token, a double
tap on a slow line or the same form sent again later, saves nothing and is shown where the first one led.

Why a table, not the session or the cache: two requests of one double tap run at the same time, and the
session is read by both before either writes it back, so both would see the token unused; the default
cache is local to each worker process, and the two taps may reach two workers. A unique row is one
atomic claim in SQLite and PostgreSQL alike, and it is rolled back with the save it guards, so a refused
form (400) can be corrected and sent again with the same token.

`was_saved` is the one rule for "the server confirmed the save", read by the claim above and by the
browser's drafts (core.middleware.FrontLineMiddleware): a full-page form that saved answers with a
redirect, an htmx form with a 2xx; a refused form answers 400 and a lost session a login redirect.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from tsunagu.core.forms import TOKEN_FIELD
from tsunagu.core.models import FormSubmission

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{20,64}")
# A repeat is recognised for a day; older tokens are deleted as new ones are claimed.
KEEP = dt.timedelta(days=1)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def is_login_redirect(response: HttpResponse) -> bool:
    location = response.get("Location", "") if response.status_code in (301, 302, 303) else ""
    return bool(location) and location.split("?")[0] == resolve_url(settings.LOGIN_URL)


def was_saved(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether this response confirms that the form posted was saved (see the module's docstring)."""
    explicit = getattr(response, "form_saved", None)
    if explicit is not None:
        return explicit
    if request.method != "POST":
        return False
    if is_htmx(request):
        return 200 <= response.status_code < 300 and "HX-Redirect" not in response
    return response.status_code in (301, 302, 303) and not is_login_redirect(response)


def page_of(request: HttpRequest, url: str) -> str:
    """The path and query of an address on this site (a Referer or HX-Current-URL), else ""."""
    if not url or not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return ""
    parts = urlsplit(url)
    if not parts.path.startswith("/") or parts.path.startswith("//"):
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _result_url(request: HttpRequest, response: HttpResponse) -> str:
    if not is_htmx(request):
        return response["Location"][:500]
    # An htmx form saved in place: the result is the page it was on.
    return (page_of(request, request.headers.get("HX-Current-URL", "")) or request.path)[:500]


def _claim(token: str, request: HttpRequest) -> FormSubmission | None:
    """Claim the token; None when this request is the first, else the first request's row (waiting, if
    the first is still saving, until its transaction ends)."""
    FormSubmission.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
    try:
        with transaction.atomic():
            FormSubmission.objects.create(token=token, user_id=request.user.pk, path=request.path[:255])
    except IntegrityError:
        return FormSubmission.objects.filter(token=token).first()
    return None


def _show_first(request: HttpRequest, first: FormSubmission) -> HttpResponse:
    if first.user_id != request.user.pk or not first.result_url:
        response = HttpResponse(_("This form was already used. Reload the page and try again."), status=400)
        response.form_saved = False
        return response
    messages.info(request, _("This form had already been sent and was saved once: here is what was saved."))
    if is_htmx(request):
        response = HttpResponse(status=200, headers={"HX-Redirect": first.result_url})
    else:
        response = redirect(first.result_url)
    response.form_saved = True
    return response


def _posted_token(request: HttpRequest) -> str:
    """The token posted, under its own name or a form's prefix ("household-form_token")."""
    if request.method != "POST":
        return ""
    names = (name for name in request.POST if name == TOKEN_FIELD or name.endswith(f"-{TOKEN_FIELD}"))
    return request.POST.get(next(names, TOKEN_FIELD), "")


def submit_once(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap a create view (inside `login_required`): a POST whose one-time token was already saved shows
    the first result; otherwise the view runs, and its token is kept only if it saved."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = _posted_token(request)
        if not TOKEN_PATTERN.fullmatch(token) or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            first = _claim(token, request)
            if first is not None:
                return _show_first(request, first)
            response = view(request, *args, **kwargs)
            claimed = FormSubmission.objects.filter(token=token)
            if was_saved(request, response):
                claimed.update(result_url=_result_url(request, response))
            else:
                claimed.delete()  # refused: the same form may be corrected and sent again
            return response

    return wrapper
