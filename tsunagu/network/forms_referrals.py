"""Forms of the referral pages: parse and show errors; the rules live in network/services_referrals.py."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tsunagu.core.forms import (
    HAPPENED,
    PLANNED,
    RECORDS,
    DateField,
    IdChoiceField,
    QueryForm,
    SubmitOnceMixin,
    limit_to_case,
)
from tsunagu.network.models import Referral, ReferralStatus
from tsunagu.network.services_referrals import ANSWERS, REFERRAL_FIELDS
from tsunagu.organisations.models import Organisation, Service

STATUS_FILTER = [("", _("All")), ("open", pgettext_lazy("referral status", "Open")), *ReferralStatus.choices]


class ReferralFilterForm(QueryForm):
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_FILTER, required=False)


class ReferralForm(SubmitOnceMixin, forms.ModelForm):
    receiver = IdChoiceField(label=_("Refer to"), queryset=Organisation.objects.none())
    service = IdChoiceField(
        label=_("Service in the directory"), queryset=Service.objects.none(), required=False,
        help_text=_("Optional: one of the organisation's services."),
    )  # fmt: skip
    respond_by = DateField(
        label=_("Answer wanted by"), window=PLANNED, required=False,
        help_text=_("Two weeks from today when left empty."),
    )  # fmt: skip

    class Meta:
        model = Referral
        fields = REFERRAL_FIELDS
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "message": _("What the receiver needs to know. The receiver sees this, the person's name and reading, "
                         "and a phone number only with the person's consent: never the case's notes."),
        }  # fmt: skip

    def __init__(self, *args, receivers=None, services=None, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiver"].queryset = receivers if receivers is not None else Organisation.objects.none()
        self.fields["service"].queryset = services if services is not None else Service.objects.none()
        self.fields["service"].label_from_instance = lambda s: f"{s.organisation.name}：{s.name}"
        self.fields["need"].required = False
        if case is not None:
            limit_to_case(self, intake_date=case.intake_date)

    def validate_unique(self) -> None:
        """The service decides."""

    def service_fields(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in REFERRAL_FIELDS}


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Answer"), choices=[(s, ReferralStatus(s).label) for s in ANSWERS], widget=forms.RadioSelect
    )
    on = DateField(label=_("Date"), window=HAPPENED, initial=timezone.localdate)
    note = forms.CharField(
        label=_("Note (the reason, when declining)"), max_length=300, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip

    def __init__(self, *args, referral: Referral | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if referral is not None:
            limit_to_case(self, intake_date=referral.sent_on)


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Why it is withdrawn"), max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )


class PeriodForm(QueryForm):
    since = DateField(label=_("From"), window=RECORDS, required=False)
    until = DateField(label=_("To"), window=RECORDS, required=False)

    def period(self) -> tuple[dt.date, dt.date]:
        """The chosen period; the last year up to today by default."""
        today = timezone.localdate()
        until = self.value("until", today)
        since = self.value("since", until - dt.timedelta(days=365))
        return (since, until) if since <= until else (until, since)
