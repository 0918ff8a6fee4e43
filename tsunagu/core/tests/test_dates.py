import datetime as dt

import pytest
from django.utils import timezone, translation

from tsunagu.core.dates import (
    birth_date,
    fiscal_year_bounds,
    fiscal_year_label,
    fiscal_year_of,
    fiscal_year_start,
    local_date,
    local_datetime,
    parse_wareki,
    wareki,
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 11, 28), "令和8年11月28日"),
        (dt.date(2019, 5, 1), "令和元年5月1日"),
        (dt.date(2019, 4, 30), "平成31年4月30日"),
        (dt.date(1989, 1, 7), "昭和64年1月7日"),
        (dt.date(1975, 1, 2), "昭和50年1月2日"),
    ],
)
def test_wareki_shows_the_era_as_national_forms_do(day, expected):
    assert wareki(day) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和8年11月28日", dt.date(2026, 11, 28)),
        ("令和元年5月1日", dt.date(2019, 5, 1)),
        ("R8.11.28", dt.date(2026, 11, 28)),
        ("Ｈ１．１．８", dt.date(1989, 1, 8)),
        ("昭和50年1月2日", dt.date(1975, 1, 2)),
    ],
)
def test_parse_wareki_reads_what_workers_type(text, expected):
    assert parse_wareki(text) == expected


@pytest.mark.parametrize(
    "text", ["令和8年2月30日", "平成1年1月1日", "明日", "R8-13-01", "昭和65年1月1日", "平成31年5月1日"]
)
def test_parse_wareki_refuses_dates_that_do_not_exist(text):
    with pytest.raises(ValueError):
        parse_wareki(text)


def test_local_date_follows_the_users_language():
    day = dt.date(2026, 11, 28)
    with translation.override("ja"):
        assert local_date(day) == "2026年11月28日"
    with translation.override("en"):
        assert local_date(day) == "28 Nov 2026"


def test_a_moment_shows_day_and_time_in_the_users_language_with_the_year_only_when_not_this_year():
    moment = timezone.make_aware(dt.datetime(2026, 12, 2, 10, 30))
    with translation.override("ja"):
        assert local_datetime(moment, today=dt.date(2026, 12, 5)) == "12月2日 10:30"
        assert local_datetime(moment, today=dt.date(2027, 1, 5)) == "2026年12月2日 10:30"
    with translation.override("en"):
        assert local_datetime(moment, today=dt.date(2026, 12, 5)) == "2 Dec 10:30"
        assert local_datetime(moment, today=dt.date(2027, 1, 5)) == "2 Dec 2026 10:30"


def test_a_moment_is_shown_in_the_local_time_zone_not_utc():
    moment = dt.datetime(2026, 12, 2, 1, 30, tzinfo=dt.UTC)  # 10:30 in Japan
    with translation.override("ja"):
        assert local_datetime(moment, today=dt.date(2026, 12, 2)) == "12月2日 10:30"


def test_a_date_of_birth_gives_the_era_of_the_national_forms_and_the_western_date():
    with translation.override("ja"):
        assert birth_date(dt.date(1975, 1, 2)) == "昭和50年1月2日（1975年1月2日）"
    assert birth_date(None) == ""


@pytest.mark.parametrize(
    ("day", "year"),
    [(dt.date(2026, 3, 31), 2025), (dt.date(2026, 4, 1), 2026), (dt.date(2027, 1, 5), 2026)],
)
def test_a_day_belongs_to_the_fiscal_year_of_the_april_before_it(day, year):
    assert fiscal_year_of(day) == year
    assert fiscal_year_start(day) == dt.date(year, 4, 1)
    assert fiscal_year_bounds(year) == (dt.date(year, 4, 1), dt.date(year + 1, 3, 31))


def test_a_fiscal_year_is_named_by_the_era_of_its_first_april():
    assert [fiscal_year_label(y) for y in (2004, 2018, 2019, 2020, 2026)] == [
        "平成16年度", "平成30年度", "平成31年度", "令和2年度", "令和8年度",
    ]  # fmt: skip
