from django import template

from tsunagu.imports.kinds import display

register = template.Library()


@register.simple_tag
def shown_value(row, field) -> str:
    return display(field.key, row.values.get(field.key))
