from django import template

from tsunagu.accounts.twofactor import has_second_factor

register = template.Library()


@register.inclusion_tag("accounts/_two_factor_admin.html")
def second_factor_panel(edited_user):
    """The user page's second-factor section: whether it is set up, and the administrator's reset."""
    return {"edited_user": edited_user, "has_second_factor": has_second_factor(edited_user)}
