"""The token page's form: a name and the last day it is valid."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.core.forms import SCHEDULE, DateField

DEFAULT_DAYS = 90


class TokenForm(forms.Form):
    """No one-time form token: the answer shows the secret once (a 200, not a redirect to a page that
    could show it again); a double tap makes two tokens, both listed and revocable."""

    name = forms.CharField(
        label=_("Name"), max_length=80, help_text=_("What will use it, e.g. 市システム連携.")
    )
    expires_on = DateField(
        label=_("Valid until"),
        window=SCHEDULE,
        help_text=_("The last day the token works; a year at most."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].initial = timezone.localdate() + dt.timedelta(days=DEFAULT_DAYS)
