from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from tsunagu.core.forms import EditVersionMixin, IdChoiceField, QueryForm, SubmitOnceMixin
from tsunagu.organisations.models import Area, Contact, Office, Organisation, OrganisationType
from tsunagu.organisations.services import ORGANISATION_FIELDS


class OrganisationForm(SubmitOnceMixin, EditVersionMixin, forms.ModelForm):
    area = IdChoiceField(queryset=Area.objects.filter(is_active=True), required=False)
    website = forms.URLField(required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("area", "website"):
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
