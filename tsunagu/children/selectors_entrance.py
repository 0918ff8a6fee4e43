"""Reads of the high-school entrance support: pupils only as the children's scope allows (one out of
scope is a 404); the cohort's figures are counts over the whole cohort (no names)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from tsunagu.children.models_entrance import (
    HIGH_SCHOOL_OR_EQUIVALENT,
    EntranceApplication,
    EntrancePupil,
    FollowUp,
    ReferenceFigure,
)
from tsunagu.children.scope import visible_children

COHORT_LIST_SIZE = 200


def visible_pupils(user) -> QuerySet[EntrancePupil]:
    return EntrancePupil.objects.filter(child__in=visible_children(user))


def cohort(user, fiscal_year: int) -> list[EntrancePupil]:
    """The pupils of the year the user may see, with whether each entered: a fixed number of queries."""
    pupils = (
        visible_pupils(user)
        .filter(fiscal_year=fiscal_year)
        .select_related("child__person", "parent")
        .annotate(has_entered=_entered())
    )
    return list(pupils[:COHORT_LIST_SIZE])


def get_pupil(user, pupil_id: int) -> EntrancePupil:
    try:
        return (
            visible_pupils(user)
            .select_related("child__person", "child__household_member__person", "parent")
            .annotate(has_entered=_entered())
            .get(pk=pupil_id)
        )
    except EntrancePupil.DoesNotExist as error:
        raise Http404 from error


def pupil_records(pupil: EntrancePupil) -> dict[str, list]:
    return {
        "sessions": list(pupil.parent_sessions.all()),
        "applications": list(pupil.applications.all()),
    }


def _entered():
    return Exists(
        EntranceApplication.objects.filter(
            pupil=OuterRef("pk"), entered=True, course__in=HIGH_SCHOOL_OR_EQUIVALENT
        )
    )


def _rate(part: int, whole: int) -> Decimal | None:
    return (Decimal(part * 100) / whole).quantize(Decimal("0.1")) if whole else None


@dataclass(frozen=True)
class CohortFigures:
    """One fiscal year's cohort: 進学率 = entered ÷ graduates; a year later, of those who entered, the
    shares still enrolled and left (中退率), of those followed up."""

    fiscal_year: int
    pupils: int
    graduates: int
    entered: int
    followed_up: int
    enrolled: int
    left: int

    @property
    def entry_rate(self) -> Decimal | None:
        return _rate(self.entered, self.graduates)

    @property
    def enrolled_rate(self) -> Decimal | None:
        return _rate(self.enrolled, self.followed_up)

    @property
    def dropout_rate(self) -> Decimal | None:
        return _rate(self.left, self.followed_up)


def cohort_figures() -> list[CohortFigures]:
    """Every fiscal year's figures, newest first: one query. Only graduates who entered count as entered
    (the numerator is a part of the denominator)."""
    rows = EntrancePupil.objects.annotate(has_entered=_entered()).values_list(
        "fiscal_year", "graduated_junior_high", "has_entered", "follow_up"
    )
    years: dict[int, dict[str, int]] = {}
    for year, graduated, has_entered, follow_up in rows:
        counts = years.setdefault(
            year, dict.fromkeys(("pupils", "graduates", "entered", "followed_up", "enrolled", "left"), 0)
        )
        counts["pupils"] += 1
        if not graduated:
            continue
        counts["graduates"] += 1
        if has_entered:
            counts["entered"] += 1
            counts["followed_up"] += bool(follow_up)
            counts["enrolled"] += follow_up == FollowUp.ENROLLED
            counts["left"] += follow_up == FollowUp.LEFT
    return [CohortFigures(fiscal_year=year, **years[year]) for year in sorted(years, reverse=True)]


def reference_figures() -> dict[str, ReferenceFigure]:
    return {figure.key: figure for figure in ReferenceFigure.objects.all()}


def get_reference(reference_id: int) -> ReferenceFigure:
    try:
        return ReferenceFigure.objects.get(pk=reference_id)
    except ReferenceFigure.DoesNotExist as error:
        raise Http404 from error
