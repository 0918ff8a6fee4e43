import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers


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
