"""Forms of the learning support classes (まじくる): they parse; the rules live in services_classes."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import User
from tsunagu.children.models import ContactMethod, NoteKind, TutorKind
from tsunagu.children.services_classes import GUARDIAN_CONTACT_FIELDS, NOTE_FIELDS, TUTOR_FIELDS
from tsunagu.core.forms import EARLIEST_RECORD, DateField, DateWindow, IdChoiceField, SubmitOnceMixin
from tsunagu.organisations.models import Contact
from tsunagu.people.models import Person
from tsunagu.programs.forms import FIRST_STEPS
from tsunagu.programs.models import PlacementStatus, ProgramHost

# Notes, contacts and enrolments record what happened: not in the future.
HAPPENED_HERE = DateWindow(EARLIEST_RECORD, 0)


class ClassChoiceField(IdChoiceField):
    def label_from_instance(self, host: ProgramHost) -> str:
        return f"{host.program.name}（{host.place or host.organisation.name}）"


class EnrolForm(SubmitOnceMixin, forms.Form):
    host = ClassChoiceField(label=_("Class"), queryset=ProgramHost.objects.none())
    status = forms.ChoiceField(
        label=_("First step"), choices=FIRST_STEPS, initial=PlacementStatus.ACTIVE, widget=forms.RadioSelect
    )
    on = DateField(label=_("Date"), window=HAPPENED_HERE, initial=timezone.localdate)

    def __init__(self, *args, hosts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = hosts
        first = hosts.first() if hosts.count() == 1 else None  # the one class there is, chosen already
        if first is not None:
            self.fields["host"].initial = first.pk


class NoteForm(SubmitOnceMixin, forms.Form):
    date = DateField(label=_("date"), window=HAPPENED_HERE, initial=timezone.localdate)
    kind = forms.ChoiceField(label=_("kind"), choices=NoteKind.choices, widget=forms.RadioSelect)
    text = forms.CharField(label=_("What you saw"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def fields_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in NOTE_FIELDS}


class GuardianContactForm(SubmitOnceMixin, forms.Form):
    date = DateField(label=_("date"), window=HAPPENED_HERE, initial=timezone.localdate)
    method = forms.ChoiceField(label=_("method"), choices=ContactMethod.choices)
    note = forms.CharField(
        label=_("What was said"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def fields_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in GUARDIAN_CONTACT_FIELDS}


class StaffChoiceField(IdChoiceField):
    def label_from_instance(self, user: User) -> str:
        return user.get_full_name() or user.get_username()


class ContactChoiceField(IdChoiceField):
    def label_from_instance(self, contact: Contact) -> str:
        return f"{contact.name}（{contact.organisation.name}）"


class SupporterChoiceField(IdChoiceField):
    def label_from_instance(self, person: Person) -> str:
        return person.full_name


class TutorForm(SubmitOnceMixin, forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=TutorKind.choices, widget=forms.RadioSelect)
    user = StaffChoiceField(label=_("staff member"), queryset=User.objects.none(), required=False)
    contact = ContactChoiceField(
        label=_("volunteer from the contacts"), queryset=Contact.objects.none(), required=False
    )
    person = SupporterChoiceField(
        label=_("volunteer from the community's supporters"), queryset=Person.objects.none(), required=False
    )
    name = forms.CharField(label=_("or the volunteer's name"), max_length=60, required=False)

    def __init__(self, *args, staff, contacts, supporters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff
        self.fields["contact"].queryset = contacts
        self.fields["person"].queryset = supporters

    def fields_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in TUTOR_FIELDS}
