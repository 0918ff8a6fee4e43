import pytest
from django.utils import translation

from tsunagu.testing.factories import AreaFactory


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def areas(db):
    return [AreaFactory(name="鳥取").name, AreaFactory(name="大楽毛").name]
