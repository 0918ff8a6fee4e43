"""Tests sign in the way the application does: a real TOTP device, verified through django-otp's login."""

from __future__ import annotations

from django.http import HttpRequest
from django.test import Client
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice


def enrolled_device(user) -> TOTPDevice:
    """The user's confirmed authenticator app, made once."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def verify_session(client: Client, user) -> TOTPDevice:
    """Mark the client's (already logged-in) session as verified by the user's device, as the
    second-factor page does after a right code."""
    device = enrolled_device(user)
    request = HttpRequest()
    request.session = client.session  # a fresh store each time it is read: keep this one
    request.user = user
    otp_login(request, device)
    request.session.save()
    return device
