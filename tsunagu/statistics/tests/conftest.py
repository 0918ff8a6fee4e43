"""A small statistics world: a few cases of the hub this month's last month, through the factories (the
golden kit enters its scenarios through the services)."""

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
