"""Forms of the work catalog: parse and range-check what is typed; the rules live in services_catalog."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.forms.models import model_to_dict
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from tsunagu.core.forms import (
    RECORDS,
    SCHEDULE,
    DateField,
    EditVersionField,
    IdChoiceField,
    MonthField,
    QueryForm,
    SubmitOnceMixin,
)
from tsunagu.work import selectors_catalog as selectors
from tsunagu.work.models import CustomerOrder, MinimumWage, PayBasis, PayRate, SkillLevel, WorkForm, WorkType
from tsunagu.work.services_catalog import (
    MAX_MINIMUM_WAGE,
    MAX_ORDER_QUANTITY,
    MAX_RANK,
    MAX_RATE,
    MAX_REVIEW_DAYS,
    MAX_UNITS_PER_HOUR,
    SKILL_LEVEL_FIELDS,
    WORK_TYPE_FIELDS,
)

SMALLEST = Decimal("0.01")


def _label(model, name: str) -> str:
    return capfirst(model._meta.get_field(name).verbose_name)


class WorkTypeForm(SubmitOnceMixin, forms.Form):
    """A work type: the service refuses training paid by the hour, and a change of terms once work is
    logged, next to the field at fault."""

    name = forms.CharField(label=_label(WorkType, "name"), max_length=80)
    unit = forms.CharField(label=_label(WorkType, "unit"), max_length=12, help_text=_("枚, 束, 袋, 時間 ..."))
    work_form = forms.ChoiceField(label=_label(WorkType, "work_form"), choices=WorkForm.choices)
    pay_basis = forms.ChoiceField(
        label=_label(WorkType, "pay_basis"),
        choices=PayBasis.choices,
        help_text=_("Training (非雇用型) is paid by the unit, never by the hour."),
    )
    max_units_per_hour = forms.DecimalField(
        label=_label(WorkType, "max_units_per_hour"),
        min_value=SMALLEST,
        max_value=MAX_UNITS_PER_HOUR,
        decimal_places=2,
        help_text=_(
            "The most one person can do in an hour (1 when the work is counted in hours): a day's log above "
            "it is refused as impossible."
        ),
    )
    review_days = forms.IntegerField(
        label=_label(WorkType, "review_days"),
        min_value=1,
        max_value=MAX_REVIEW_DAYS,
        initial=10,
        help_text=_("The rule proposes the next level from the average over this many working days."),
    )
    active = forms.BooleanField(label=_label(WorkType, "active"), required=False, initial=True)

    field_order = ("host", *WORK_TYPE_FIELDS)

    @classmethod
    def for_work_type(cls, work_type: WorkType, data=None) -> WorkTypeForm:
        """The form of an existing work type, carrying the version it shows (see core.editing)."""
        initial = model_to_dict(work_type, fields=WORK_TYPE_FIELDS) | {"edit_version": work_type.edit_version}
        form = cls(data, initial=initial)
        form.fields["edit_version"] = EditVersionField()
        return form


class NewWorkTypeForm(WorkTypeForm):
    host = IdChoiceField(label=_("Program and host"), queryset=selectors.hosts_for_work_types().none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = selectors.hosts_for_work_types()
        self.order_fields(self.field_order)


class SkillLevelForm(SubmitOnceMixin, forms.Form):
    rank = forms.IntegerField(label=_label(SkillLevel, "rank"), min_value=1, max_value=MAX_RANK)
    name = forms.CharField(
        label=_label(SkillLevel, "name"), max_length=40, help_text=_("見習い, 一人前, 熟練 ...")
    )
    criteria = forms.CharField(
        label=_label(SkillLevel, "criteria"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What a person at this level can do, in words the person understands."),
    )
    units_per_hour_to_reach = forms.DecimalField(
        label=_label(SkillLevel, "units_per_hour_to_reach"),
        min_value=SMALLEST,
        max_value=MAX_UNITS_PER_HOUR,
        decimal_places=2,
        required=False,
        help_text=_("The rule proposes this level when the average over the review days reaches it."),
    )
    max_defect_rate = forms.DecimalField(
        label=_label(SkillLevel, "max_defect_rate"),
        min_value=0,
        max_value=1,
        decimal_places=3,
        required=False,
        help_text=_("For example 0.05 for at most 5 defects in 100 units."),
    )

    @classmethod
    def for_level(cls, level: SkillLevel, data=None) -> SkillLevelForm:
        initial = model_to_dict(level, fields=SKILL_LEVEL_FIELDS) | {"edit_version": level.edit_version}
        form = cls(data, initial=initial)
        form.fields["edit_version"] = EditVersionField()
        return form


class PayRateForm(SubmitOnceMixin, forms.Form):
    amount = forms.DecimalField(
        label=_label(PayRate, "amount"), min_value=0, max_value=MAX_RATE, decimal_places=2
    )
    effective_from = DateField(label=_("In force from"), window=SCHEDULE)
    effective_until = DateField(
        label=_("In force until"),
        window=SCHEDULE,
        required=False,
        help_text=_("Usually empty: the rate goes on until a new one starts."),
    )


class MinimumWageForm(SubmitOnceMixin, forms.Form):
    hourly = forms.DecimalField(
        label=_label(MinimumWage, "hourly"), min_value=1, max_value=MAX_MINIMUM_WAGE, decimal_places=2
    )
    effective_from = DateField(label=_label(MinimumWage, "effective_from"), window=SCHEDULE)


class CustomerOrderForm(SubmitOnceMixin, forms.Form):
    customer = IdChoiceField(
        label=_("Customer organisation"),
        queryset=selectors.customer_organisations().none(),
        required=False,
        help_text=_("Or give the customer's name below."),
    )
    customer_name = forms.CharField(label=_("Customer's name"), max_length=120, required=False)
    reference = forms.CharField(label=_label(CustomerOrder, "reference"), max_length=40, required=False)
    ordered_on = DateField(label=_label(CustomerOrder, "ordered_on"), window=RECORDS)
    due_on = DateField(label=_label(CustomerOrder, "due_on"), window=SCHEDULE, required=False)
    quantity = forms.DecimalField(
        label=_label(CustomerOrder, "quantity"),
        min_value=SMALLEST,
        max_value=MAX_ORDER_QUANTITY,
        decimal_places=2,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["customer"].queryset = selectors.customer_organisations()


class ProductionQueryForm(QueryForm):
    """?first=2026-01&last=2026-03&work_type=12: the months and the work type of the production totals."""

    first = MonthField(label=_("From month"), required=False)
    last = MonthField(label=_("To month"), required=False)
    work_type = IdChoiceField(label=_("Work type"), queryset=selectors.work_types().none(), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["work_type"].queryset = selectors.work_types().order_by("host_id", "name")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        first, last = cleaned.get("first"), cleaned.get("last")
        if first and last and last < first:
            self.add_error("last", _("The last month cannot come before the first."))
        return cleaned
