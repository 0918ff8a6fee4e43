from django import template

from tsunagu.core import dates

register = template.Library()


@register.filter
def wareki(value) -> str:
    """{{ person.date_of_birth|wareki }} → 昭和50年1月2日"""
    return dates.wareki(value)


@register.filter
def local_date(value) -> str:
    """{{ note.date|local_date }} → 2026年11月28日 (or 28 Nov 2026 in English)"""
    return dates.local_date(value)


@register.filter
def local_datetime(value) -> str:
    """{{ note.occurred_at|local_datetime }} → 12月2日 10:30 (the year too when it is not this year)"""
    return dates.local_datetime(value)


@register.filter
def birth_date(value) -> str:
    """{{ person.date_of_birth|birth_date }} → 昭和50年1月2日（1975年1月2日）"""
    return dates.birth_date(value)
