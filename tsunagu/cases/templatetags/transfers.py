"""The approvals queue's line about transfers and contact access: a tag, so that the queue's view stays as
it is and the counts come from the same selectors as the transfers page."""

from __future__ import annotations

from django import template

from tsunagu.cases import selectors

register = template.Library()


@register.simple_tag
def transfer_counts(user) -> dict[str, int]:
    return {
        "transfers": selectors.pending_transfers(user).count(),
        "contacts": selectors.unconfirmed_contact_cases(user).count(),
    }
