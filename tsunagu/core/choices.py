"""Labels of choices for pages that show many rows.

`get_FOO_display()` rebuilds a dict of the field's choices and translates every label on each call;
a list page of 50 rows pays that hundreds of times. These dicts are built once per language."""

from __future__ import annotations

from functools import lru_cache

from django.db.models import Choices
from django.utils import translation


@lru_cache(maxsize=64)
def _labels(choices: type[Choices], language: str) -> dict[str, str]:
    with translation.override(language):
        return {value: str(label) for value, label in choices.choices}


def labels(choices: type[Choices]) -> dict[str, str]:
    """{value: label} in the active language."""
    return _labels(choices, translation.get_language() or "ja")
