"""Dates as the UI shows them: one style per kind of value, used by every page, list and log.

- a date: `local_date` (2026年12月2日; 2 Dec 2026 in English)
- a moment (date and time): `local_datetime` (12月2日 10:30; the year too when it is not this year)
- a date of birth: `birth_date` (昭和50年1月2日（1975年1月2日）: the 和暦 of the national forms with 西暦)
- 和暦 alone, as the national forms and their PDFs print it: `wareki`

Templates use the filters of the same names (tsunagu/core/templatetags/tsunagu_tags.py); never `|date:`
or strftime with an ISO pattern on a page.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# (first day, era name, abbreviation); newest first.
ERAS: tuple[tuple[dt.date, str, str], ...] = (
    (dt.date(2019, 5, 1), "令和", "R"),
    (dt.date(1989, 1, 8), "平成", "H"),
    (dt.date(1926, 12, 25), "昭和", "S"),
    (dt.date(1912, 7, 30), "大正", "T"),
    (dt.date(1868, 1, 25), "明治", "M"),
)


def era_of(day: dt.date) -> tuple[str, int]:
    """The era name and year of a date (元年 is year 1)."""
    for start, name, _abbr in ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    raise ValueError("date before the Meiji era")


def wareki(day: dt.date | None) -> str:
    """令和8年11月28日 (year 1 shown as 元年, as on national forms)."""
    if day is None:
        return ""
    if isinstance(day, dt.datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    try:
        name, year = era_of(day)
    except ValueError:
        # Before Meiji there is no era to name: show 西暦 rather than fail the page or the PDF.
        return f"{day.year}年{day.month}月{day.day}日"
    year_text = "元" if year == 1 else str(year)
    return f"{name}{year_text}年{day.month}月{day.day}日"


def local_date(day: dt.date | None) -> str:
    """A date in the user's language: 2026年11月28日 in Japanese, 28 Nov 2026 in English."""
    if day is None:
        return ""
    if isinstance(day, dt.datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    if _is_japanese():
        return f"{day.year}年{day.month}月{day.day}日"
    return day.strftime("%-d %b %Y")


def _is_japanese() -> bool:
    return (get_language() or "ja").startswith("ja")


def local_datetime(moment: dt.datetime | None, *, today: dt.date | None = None) -> str:
    """A moment in the user's language and time zone: 12月2日 10:30 (2025年12月2日 10:30 when not this
    year), or 2 Dec 10:30 (2 Dec 2025 10:30) in English. A plain date is shown as local_date shows it."""
    if moment is None:
        return ""
    if not isinstance(moment, dt.datetime):
        return local_date(moment)
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    this_year = (today or timezone.localdate()).year
    if _is_japanese():
        day = (
            f"{local.month}月{local.day}日"
            if local.year == this_year
            else f"{local.year}年{local.month}月{local.day}日"
        )
        return f"{day} {local:%H:%M}"
    day = local.strftime("%-d %b") if local.year == this_year else local.strftime("%-d %b %Y")
    return f"{day} {local:%H:%M}"


def birth_date(day: dt.date | None) -> str:
    """A date of birth: 和暦 as the national forms give it, with the 西暦 date: 昭和50年1月2日（1975年1月2日）."""
    if day is None:
        return ""
    return f"{wareki(day)}（{local_date(day)}）"


def parse_wareki(text: str) -> dt.date:
    """Read 令和8年11月28日, R8.11.28, H1/1/8 or 昭和50年1月2日 as a date; ValueError with a message otherwise."""
    import re
    import unicodedata

    value = unicodedata.normalize("NFKC", text).strip().replace("元年", "1年")
    match = re.fullmatch(
        r"(令和|平成|昭和|大正|明治|[RHSTMrhstm])\s*(\d{1,2})[年./-]\s*(\d{1,2})[月./-]\s*(\d{1,2})日?", value
    )
    if not match:
        raise ValueError(_("Enter the date as 2026-11-28 or 令和8年11月28日."))
    era_token, year, month, day = match.groups()
    for index, (start, name, abbr) in enumerate(ERAS):
        if era_token in (name, abbr, abbr.lower()):
            try:
                result = dt.date(start.year + int(year) - 1, int(month), int(day))
            except ValueError as error:
                raise ValueError(_("That date does not exist.")) from error
            if result < start:
                raise ValueError(_("That date is before the start of the era."))
            if index > 0 and result >= ERAS[index - 1][0]:
                raise ValueError(_("That era had ended by then."))
            return result
    raise ValueError(_("Unknown era."))


# ---------------------------------------------------------------- the fiscal year (年度)


def fiscal_year_of(day: dt.date) -> int:
    """The fiscal year (April to March, also the school year) a day falls in, named by the year of its April."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_start(day: dt.date) -> dt.date:
    """1 April of the fiscal year the day falls in."""
    return dt.date(fiscal_year_of(day), 4, 1)


def fiscal_year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a fiscal year."""
    return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)


def fiscal_year_label(year: int) -> str:
    """平成16年度, 令和元年度 (the era of the year's 1 April; the forms' wording in every language)."""
    name, number = era_of(dt.date(year, 4, 1))
    return f"{name}{'元' if number == 1 else number}年度"
