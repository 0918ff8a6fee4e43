"""A single count of people as a reader may see it: under 5 shown as "<5" to roles that may not see
people (tsunagu/core/suppression.py's rule, for a value that stands alone, with no total beside it)."""

from django import template

from tsunagu.core.suppression import SMALL, SMALL_COUNT

register = template.Library()


@register.filter
def people_count(value, sees_people: bool) -> str:
    if value is None:
        return "—"
    return f"{value:,}" if sees_people or value >= SMALL_COUNT else SMALL
