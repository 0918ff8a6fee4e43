"""Pagination by key, for synchronisation: rows in the order of (a moment, id), each page after the last
row of the one before, so that a row changed while a client pages moves to the end instead of shifting the
pages (no row skipped, none shown twice in one pass). `updated_since` narrows to the rows changed since a
moment; a client keeps the moment of its last pass and asks again from it.

The cursor is opaque to clients (base64 of the moment and the id): it holds no personal data."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500


class ListQuery(serializers.Serializer):
    """The query parameters of every list: ids and moments only, never a name."""

    updated_since = serializers.CharField(
        required=False,
        help_text=gettext_lazy(
            "Only rows changed at or after this moment (ISO 8601, e.g. 2026-12-01T09:00:00+09:00)."
        ),
    )
    cursor = serializers.CharField(
        required=False, help_text=gettext_lazy("The `next` cursor of the page before.")
    )
    page_size = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        help_text=gettext_lazy("Rows per page (at most 500)."),
    )

    def validate_updated_since(self, value: str) -> dt.datetime:
        return parse_moment(value)

    def validate_cursor(self, value: str) -> tuple[dt.datetime, int]:
        try:
            moment, _sep, pk = base64.urlsafe_b64decode(value.encode("ascii") + b"==").decode().partition("|")
            parsed = parse_datetime(moment)
            if parsed is None or not pk.isdigit() or parsed.tzinfo is None:
                raise ValueError
            return parsed, int(pk)
        except (ValueError, UnicodeError, binascii.Error) as error:
            raise serializers.ValidationError(_("This cursor is not one this API gave.")) from error


class PersonFilter(ListQuery):
    person = serializers.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, help_text=gettext_lazy("A person's id.")
    )


class CaseFilter(PersonFilter):
    case = serializers.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, help_text=gettext_lazy("A case's id.")
    )


def parse_moment(value: str) -> dt.datetime:
    """An ISO 8601 date and time (a date alone is its midnight); without a zone, Japan's time."""
    text = value.strip()
    try:
        moment = parse_datetime(text)
        if moment is None:
            day = dt.date.fromisoformat(text)
            moment = dt.datetime.combine(day, dt.time.min)
    except ValueError:
        moment = None
    if moment is None or not (1900 <= moment.year <= 9998):
        raise serializers.ValidationError(
            _("Give a date and time in ISO 8601, e.g. 2026-12-01T09:00:00+09:00.")
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def encode_cursor(moment: dt.datetime, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{moment.isoformat()}|{pk}".encode()).decode().rstrip("=")


@dataclass
class Page:
    rows: list
    next_cursor: str | None


def page_by_key(queryset: QuerySet, *, key: str, query: dict) -> Page:
    """One page of `queryset` in the order of (`key`, id), after the query's cursor, changed since its
    `updated_since`."""
    if since := query.get("updated_since"):
        queryset = queryset.filter(**{f"{key}__gte": since})
    if cursor := query.get("cursor"):
        moment, pk = cursor
        queryset = queryset.filter(Q(**{f"{key}__gt": moment}) | Q(**{key: moment, "pk__gt": pk}))
    size = query.get("page_size") or DEFAULT_PAGE_SIZE
    rows = list(queryset.order_by(key, "pk")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    last = rows[-1] if rows else None
    return Page(rows=rows, next_cursor=encode_cursor(getattr(last, key), last.pk) if more and last else None)


def read_query(serializer_class, params) -> dict:
    """The validated query parameters, or 400 naming each bad one (unknown ones are refused too, so that a
    misspelt filter never returns everything)."""
    serializer = serializer_class(data=params)
    unknown = sorted(set(params) - set(serializer.fields) - {"format"})
    if unknown:
        raise ValidationError({name: [_("This API knows no such parameter.")] for name in unknown})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
