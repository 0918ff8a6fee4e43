"""What the current request tells the layers below views, without threading `request` through them.

Services write audit events that record the client's address. The address is a fact of the request,
not an argument of the action, so the middleware below puts it in a context variable for the length
of the request and `audit.services.record_event` reads it. Outside a request (commands, the demo,
tests calling services directly) there is no address, and events record none.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

_address: ContextVar[str | None] = ContextVar("tsunagu_request_address", default=None)


def request_address() -> str | None:
    """The client address of the request being served, or None outside a request."""
    return _address.get()


class RequestContextMiddleware:
    """Sets the request context for the view and everything it calls, and clears it afterwards (a
    worker thread serves many requests; a stale address must never reach the next one)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _address.set(request.META.get("REMOTE_ADDR") or None)
        try:
            return self.get_response(request)
        finally:
            _address.reset(token)
