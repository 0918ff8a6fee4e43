"""Forms of the contracts: parse and show errors; the rules live in contracts/services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.contracts.models import FIRST_FISCAL_YEAR, Contract
from tsunagu.contracts.services import CONTRACT_FIELDS, MAX_MILESTONE
from tsunagu.core.dates import fiscal_year_bounds
from tsunagu.core.forms import RECORDS, DateField, DateWindow, IdChoiceField, SubmitOnceMixin

# A milestone of the 沿革: from the first fiscal year told (平成16年度) to today.
HISTORY = DateWindow(fiscal_year_bounds(FIRST_FISCAL_YEAR)[0], 0)


class ContractForm(SubmitOnceMixin, forms.ModelForm):
    fiscal_year = forms.IntegerField(
        label=_("Fiscal year (the year of its April)"), min_value=FIRST_FISCAL_YEAR, max_value=2100
    )
    starts_on = DateField(label=_("Period from"), window=RECORDS)
    ends_on = DateField(label=_("Period to"), window=RECORDS)

    class Meta:
        model = Contract
        fields = CONTRACT_FIELDS
        widgets = {"deliverables": forms.Textarea(attrs={"rows": 4, "maxlength": 4000})}

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in CONTRACT_FIELDS}

    def validate_unique(self) -> None:
        """The service decides (and names the field)."""

    def _post_clean(self) -> None:
        """The service checks the row (the model's own checks would run on a half-built instance)."""


class AssignmentForm(SubmitOnceMixin, forms.Form):
    contract = IdChoiceField(label=_("Contract"), queryset=Contract.objects.none())
    from_on = DateField(label=_("From"), window=RECORDS)
    to_on = DateField(label=_("To (empty: to the contract's end)"), window=RECORDS, required=False)

    def __init__(self, *args: Any, contracts: list[Contract], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["contract"]
        field.queryset = Contract.objects.filter(pk__in=[c.pk for c in contracts])
        field.label_from_instance = lambda contract: (
            f"{contract.fiscal_year_label} {contract.name}（{contract.get_funder_display()}）"
        )


class MilestoneForm(SubmitOnceMixin, forms.Form):
    on = DateField(label=_("Date"), window=HISTORY)
    text = forms.CharField(
        label=_("What happened"), max_length=MAX_MILESTONE, widget=forms.Textarea(attrs={"rows": 2})
    )


class EndAssignmentForm(SubmitOnceMixin, forms.Form):
    """The last day a case or a placement is carried by its contract (checked against the contract's
    period by the service)."""

    to_on = DateField(label=_("Last day carried by the contract"), window=RECORDS)
