import re
import time
from collections.abc import Callable
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from tsunagu.core.submissions import is_htmx, is_login_redirect, page_of, was_saved


class JapaneseFirstLocaleMiddleware:
    """Japanese unless the user chose another language with the switch (kept in a cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language; front-line staff expect
    Japanese on every machine, so only an explicit choice changes it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class IdleSessionMiddleware:
    """Idle sessions end after SESSION_COOKIE_AGE. Each request would otherwise rewrite the session row
    (a database write per page view); the expiry is pushed back at most once a minute instead."""

    REFRESH_SECONDS = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            if now - request.session.get("_seen", 0) >= self.REFRESH_SECONDS:
                request.session["_seen"] = now  # modifies the session: saved with a fresh expiry
        return self.get_response(request)


def mark_seen_at_login(sender, request, user, **kwargs) -> None:
    """A fresh login has just saved the session: no need to save it again on the next page."""
    if request is not None and hasattr(request, "session"):
        request.session["_seen"] = int(time.time())


class PrivatePagesMiddleware:
    """Nothing shown to a signed-in user is kept by the browser or a proxy: pages, PDFs and exports carry
    personal data, and a shared office computer's cache or back button must not show them to the next
    person. Static files are served before this (WhiteNoise) and stay cacheable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "no-store" not in response.get("Cache-Control", ""):
            add_never_cache_headers(response)
        return response


DRAFT_FIELD = "_draft"
DRAFT_SAVED_COOKIE = "tsunagu_draft_saved"
DRAFT_SAVED_HEADER = "Tsunagu-Draft-Saved"
# What static/js/forms.js sends as a form's draft key: the form's action path and its place on the page.
_DRAFT_KEY = re.compile(r"[A-Za-z0-9/_.%#~-]{1,300}")


class FrontLineMiddleware:
    """Nothing typed is lost when a session ends or a save is refused (the browser side is
    static/js/forms.js, which keeps a draft of every form until the server confirms its save):

    - A request of an ended session that is sent to log in comes back, after logging in, to the page the
      user was on: for htmx the page behind the request (HX-Current-URL), answered 401 with HX-Redirect
      so that htmx does not paste the login page into the page; for a form posted elsewhere the page of
      the form (Referer), not the address it posted to (which answers GET with 405). The login page
      says why.
    - A form post that saved (`submissions.was_saved`) tells the browser to drop the form's draft: a
      header for htmx, a short-lived cookie for the page the redirect leads to.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_login_redirect(response) and not request.user.is_authenticated:
            return self._back_after_login(request, response)
        key = request.POST.get(DRAFT_FIELD, "") if request.method == "POST" else ""
        if _DRAFT_KEY.fullmatch(key) and was_saved(request, response):
            if is_htmx(request):
                response[DRAFT_SAVED_HEADER] = key
            else:
                response.set_cookie(
                    DRAFT_SAVED_COOKIE,
                    quote(key, safe=""),
                    max_age=300,
                    samesite="Lax",
                    secure=settings.SESSION_COOKIE_SECURE,
                )
        return response

    def _back_after_login(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if is_htmx(request):
            back = page_of(request, request.headers.get("HX-Current-URL", ""))
        elif request.method == "POST":
            back = page_of(request, request.headers.get("Referer", ""))
        else:
            back = ""
        location = response["Location"]
        if back:
            location = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': back})}"
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            # A session cookie that no longer opens a session: the session ended while idle.
            messages.info(
                request,
                _(
                    "Your session ended after %(minutes)d minutes without use. Log in again to return to "
                    "the page you were on: what you typed there is kept in this browser."
                )
                % {"minutes": settings.SESSION_IDLE_MINUTES},
            )
        if is_htmx(request):
            return HttpResponse(status=401, headers={"HX-Redirect": location})
        response["Location"] = location
        return response
