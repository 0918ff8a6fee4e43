"""The second factor (TOTP, django-otp) for every role that sees personal data, with recovery codes.

Everyone but the statistician (aggregates only) types a code from an authenticator app after the
password; the first login enrols the app. Until a session is verified, every page but the second-factor
pages and logging out redirects there. The demo logins need no code while TSUNAGU_DEMO is on.
"""

from __future__ import annotations

import re
import unicodedata
from base64 import b32encode
from collections.abc import Callable
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tsunagu.accounts.models import User
from tsunagu.accounts.roles import Role

# Roles that see aggregates only, never a person: a password is enough for them.
AGGREGATE_ONLY_ROLES = frozenset({Role.STATISTICIAN})


def needs_second_factor(user: User) -> bool:
    """Any role that sees personal data (the administrator's too) asks for the second factor."""
    if settings.TSUNAGU_DEMO:
        return False
    return bool(user.role_codes - AGGREGATE_ONLY_ROLES)


def confirmed_totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_device(user: User) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_totp_device(user: User) -> TOTPDevice:
    """The device being enrolled: made once and kept until confirmed, so reloading the page shows the
    same secret the person may already have scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> SafeString:
    """The otpauth address as an inline SVG drawn here (no outside service ever sees the key)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode")
    svg = svg[svg.index("<svg") :]
    # Made by the qrcode package from our own otpauth address: no user-typed markup.
    return mark_safe(svg.replace("<svg ", '<svg role="img" aria-label="QR" class="qr-code" ', 1))


def clean_code(text: str) -> str:
    """A typed code without spaces or hyphens, full-width digits and letters as ASCII, lower case."""
    return re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", text or "")).lower()


def verify_code(user: User, code: str) -> tuple[TOTPDevice | StaticDevice | None, str]:
    """The device that accepts this code, and which kind: six digits are the app's code, anything
    else a recovery code (which django-otp deletes as it accepts it: each works once)."""
    code = clean_code(code)
    if not code or len(code) > 32:
        return None, ""
    if code.isdigit():
        device = confirmed_totp_device(user)
        kind = "totp"
    else:
        device = recovery_device(user)
        kind = "recovery_code"
    # django-otp throttles both kinds: each refused code doubles the wait before the next is checked.
    if device is not None and device.verify_token(code):
        return device, kind
    return None, kind


def _exempt_paths() -> tuple[str, ...]:
    return (
        reverse("accounts:two_factor"),
        reverse("accounts:two_factor_enrol"),
        reverse("accounts:logout"),
        reverse("accounts:login"),
        reverse("set_language"),
        reverse("healthz"),
        settings.STATIC_URL,
    )


class SecondFactorMiddleware:
    """A signed-in user who needs a second factor and has not given it this session reaches nothing
    but the second-factor pages: every other address redirects there (htmx requests included)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and needs_second_factor(user)
            and not user.is_verified()
        ):
            if request.path.startswith(_exempt_paths()):
                request.second_factor_pending = True  # the page shows no navigation yet
                return self.get_response(request)
            target = f"{reverse('accounts:two_factor')}?{urlencode({'next': request.get_full_path()})}"
            if request.headers.get("HX-Request") == "true":
                return HttpResponse(status=204, headers={"HX-Redirect": target})
            return redirect(target)
        return self.get_response(request)
