from django import template

from tsunagu.core import dates
from tsunagu.core.submissions import page_of

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


@register.filter
def top_errors(form) -> list:
    """The errors a form shows at its top: its own, and those of its hidden fields (a missing version,
    a one-time token), which have no place of their own on the page."""
    errors = list(form.non_field_errors())
    for field in form.hidden_fields():
        errors.extend(field.errors)
    return errors


@register.simple_tag(takes_context=True)
def back_url(context) -> str:
    """The page of this site the user came from (an error page's way back), or "" when unknown."""
    request = context.get("request")
    if request is None:
        return ""
    back = page_of(request, request.headers.get("Referer", ""))
    return "" if back == request.get_full_path() else back
