from django import forms
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from tsunagu.core.forms import (
    EditVersionMixin,
    IdChoiceField,
    IdMultipleChoiceField,
    QueryForm,
    SubmitOnceMixin,
)
from tsunagu.organisations.lists import RegisteredList
from tsunagu.organisations.models import (
    Area,
    Contact,
    Location,
    Office,
    OpeningTime,
    Organisation,
    OrganisationType,
    Service,
    ServiceStage,
    ServiceType,
)
from tsunagu.organisations.services import (
    LOCATION_FIELDS,
    MAX_SORT_ORDER,
    OPENING_TIME_FIELDS,
    ORGANISATION_FIELDS,
    SERVICE_FIELDS,
)


class OrganisationForm(SubmitOnceMixin, EditVersionMixin, forms.ModelForm):
    area = IdChoiceField(queryset=Area.objects.filter(is_active=True), required=False)
    parent = IdChoiceField(queryset=Organisation.objects.order_by("name"), required=False)
    website = forms.URLField(required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # not itself (its own units are refused by the service)
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(pk=self.instance.pk)
        for name in ("area", "parent", "website"):
            self.fields[name].label = capfirst(Organisation._meta.get_field(name).verbose_name)


class OfficeForm(SubmitOnceMixin, forms.ModelForm):
    class Meta:
        model = Office
        fields = ["name", "address", "phone"]

    def __init__(self, *args, **kwargs) -> None:
        # Ids of their own: the organisation page shows this form beside the contact form, whose
        # fields have the same names, and a repeated id would give a contact field this form's label.
        kwargs.setdefault("auto_id", "office_%s")
        super().__init__(*args, **kwargs)


class ContactForm(SubmitOnceMixin, forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "department", "phone", "email"]
        labels = {"name": _("Full name")}  # a person's name: 氏名, not the 名称 of an organisation

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "contact_%s")
        super().__init__(*args, **kwargs)


class OrganisationFilterForm(QueryForm):
    """The directory's GET filters (?q=, ?type=, ?area=, ?page=)."""

    q = forms.CharField(label=_("Name or reading"), max_length=100, required=False)
    type = forms.ChoiceField(label=_("Type"), choices=[("", ""), *OrganisationType.choices], required=False)
    area = IdChoiceField(label=_("Area"), queryset=Area.objects.all(), required=False)
    service_type = IdChoiceField(label=_("Service type"), queryset=ServiceType.objects.all(), required=False)
    stage = forms.ChoiceField(label=_("Stage"), choices=[("", ""), *ServiceStage.choices], required=False)


class ServiceForm(SubmitOnceMixin, EditVersionMixin, forms.ModelForm):
    service_type = IdChoiceField(label=_("Service type"), queryset=ServiceType.objects.filter(is_active=True))
    locations = IdMultipleChoiceField(
        label=_("Locations"),
        queryset=Location.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    url = forms.URLField(label=_("Web page"), required=False, assume_scheme="https")

    class Meta:
        model = Service
        fields = SERVICE_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "eligibility": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["locations"].queryset = Location.objects.filter(organisation=organisation)
        if self.instance.service_type_id:  # a retired type stays on the service it is on
            self.fields["service_type"].queryset = ServiceType.objects.filter(
                Q(is_active=True) | Q(pk=self.instance.service_type_id)
            )


class LocationForm(SubmitOnceMixin, forms.ModelForm):
    area = IdChoiceField(label=_("Area"), queryset=Area.objects.filter(is_active=True), required=False)

    class Meta:
        model = Location
        fields = LOCATION_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "location_%s")
        super().__init__(*args, **kwargs)


class OpeningTimeForm(SubmitOnceMixin, forms.ModelForm):
    """A weekday's hours, of one of the organisation's locations or of one of its services."""

    target = forms.ChoiceField(label=_("Location or service"))

    class Meta:
        model = OpeningTime
        fields = OPENING_TIME_FIELDS
        widgets = {
            "opens": forms.TimeInput(attrs={"type": "time"}),
            "closes": forms.TimeInput(attrs={"type": "time"}),
        }

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        kwargs.setdefault("auto_id", "hours_%s")
        super().__init__(*args, **kwargs)
        self.targets = {
            **{f"location-{loc.pk}": ("location", loc) for loc in organisation.locations.all()},
            **{f"service-{svc.pk}": ("service", svc) for svc in organisation.services.all()},
        }
        self.fields["target"].choices = [("", "")] + [
            (key, str(obj.name)) for key, (_k, obj) in self.targets.items()
        ]
        self.order_fields(["target", *OPENING_TIME_FIELDS])

    def target_kwargs(self) -> dict:
        """`location=` or `service=` for the service, from the chosen target."""
        kind, obj = self.targets[self.cleaned_data["target"]]
        return {kind: obj}

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in OPENING_TIME_FIELDS}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("HSDS file"),
        help_text=_("The JSON of HSDS 3.0 (a list of organizations), or the zip of its tabular CSV package."),
    )


class ListEntryForm(SubmitOnceMixin, EditVersionMixin, forms.ModelForm):
    """An entry of a configurable list (organisations/lists.py): made for each list by `list_entry_form`.
    The unique name and code are checked by the service, which names the list in its message."""

    def validate_unique(self) -> None:
        pass

    def _post_clean(self) -> None:
        # The service applies the fields (and checks them) to the entry it claims; the form only parses.
        pass


def list_entry_form(configured: RegisteredList, *, new: bool) -> type[ListEntryForm]:
    """The form of a new entry (with a code, made from the name when left empty) or of an entry's edit."""
    form = forms.modelform_factory(
        configured.model, form=ListEntryForm, fields=configured.fields if new else configured.editable_fields
    )
    meta = configured.model._meta
    if new:
        form.base_fields["code"].required = False
        form.base_fields["code"].help_text = _(
            "Letters, digits and hyphens, for imports and exports; left empty, one is made. It does not change "
            "later."
        )
    form.base_fields["sort_order"] = forms.IntegerField(
        label=capfirst(meta.get_field("sort_order").verbose_name),
        min_value=0,
        max_value=MAX_SORT_ORDER,
        required=False,
        help_text=_("Smaller numbers come first; left empty, a new entry goes last."),
    )
    form.base_fields["is_active"].help_text = _(
        "An entry no longer in use stays on the records that have it but is no longer offered in forms."
    )
    return form
