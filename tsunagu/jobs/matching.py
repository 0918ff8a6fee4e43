"""Matching suggestions: openings against seekers by 職種, area and hours (and the term wished). A pure
reckoning over rows already read, so that a page of suggestions costs no query per pair."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tsunagu.jobs.models import JobOpening, JobSeeker

# A suggestion needs the occupation, or all three of the others (area, hours, term), to agree.
OTHERS_AGREE = 3
SUGGESTIONS = 10


@dataclass(frozen=True)
class Match:
    opening: JobOpening
    seeker: JobSeeker
    score: int
    reasons: tuple[str, ...]
    occupation: bool


def occupation_matches(opening: JobOpening, seeker: JobSeeker) -> bool:
    wanted = opening.occupation.casefold()
    return any(word.casefold() in wanted or wanted in word.casefold() for word in seeker.occupation_words)


def match(opening: JobOpening, seeker: JobSeeker) -> Match:
    reasons: list[str] = []
    score = 0
    occupation = occupation_matches(opening, seeker)
    if occupation:
        score += 2
        reasons.append(_("occupation"))
    if seeker.area_id and seeker.area_id == opening.area_id:
        score += 1
        reasons.append(_("area"))
    if seeker.max_hours_per_week is None or opening.hours_per_week <= seeker.max_hours_per_week:
        score += 1
        reasons.append(_("hours"))
    if seeker.term == opening.term:
        score += 1
        reasons.append(_("term"))
    return Match(opening=opening, seeker=seeker, score=score, reasons=tuple(reasons), occupation=occupation)


def best(matches: Iterable[Match], limit: int = SUGGESTIONS) -> list[Match]:
    """The suggestions worth showing, best first."""
    worth = [m for m in matches if m.occupation or m.score >= OTHERS_AGREE]
    return sorted(worth, key=lambda m: (-m.score, -m.opening.pk, -m.seeker.pk))[:limit]
