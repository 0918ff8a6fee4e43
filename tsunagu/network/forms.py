"""Forms of the meetings pages: parse and show errors; the rules live in network/services.py."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tsunagu.accounts.models import User
from tsunagu.cases.models import Case, Closure, Plan
from tsunagu.core.forms import (
    RECORDS,
    SCHEDULE,
    DateField,
    DateWindow,
    EditVersionMixin,
    IdChoiceField,
    IdMultipleChoiceField,
    QueryForm,
    SubmitOnceMixin,
)
from tsunagu.network.models import Attendee, Body, Meeting, MeetingKind
from tsunagu.network.services import ACTION_FIELDS, BODY_FIELDS, MEETING_FIELDS, MINUTES_FIELDS
from tsunagu.organisations.models import Contact

# What happened at a meeting: from 2000, not after today (not tied to one case's intake).
DONE = DateWindow(RECORDS.earliest, 0)


class MeetingFilterForm(QueryForm):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *MeetingKind.choices], required=False
    )


class MeetingForm(SubmitOnceMixin, forms.ModelForm):
    held_on = DateField(label=_("Date"), window=SCHEDULE, initial=timezone.localdate)
    body = IdChoiceField(label=_("Sub-committee"), queryset=Body.objects.none(), required=False)
    attendees = IdMultipleChoiceField(
        label=_("Staff attending"), queryset=User.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("You attend as organiser. A sub-committee's members attend when no one is ticked."),
    )  # fmt: skip
    contacts = IdMultipleChoiceField(
        label=_("Outside attendees"), queryset=Contact.objects.none(), required=False,
        help_text=_("People of other organisations: they have no login and see nothing in Tsunagu."),
    )  # fmt: skip

    class Meta:
        model = Meeting
        fields = MEETING_FIELDS

    def __init__(self, *args, bodies=None, staff=None, contacts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies if bodies is not None else Body.objects.none()
        self.fields["attendees"].queryset = staff if staff is not None else User.objects.none()
        self.fields["attendees"].label_from_instance = lambda user: user.display_name
        self.fields["contacts"].queryset = contacts if contacts is not None else Contact.objects.none()
        self.fields["contacts"].label_from_instance = lambda c: f"{c.name}（{c.organisation.name}）"

    def validate_unique(self) -> None:
        """The service decides (and names the field): no model constraint message before it."""

    def service_fields(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in MEETING_FIELDS}


class MinutesForm(EditVersionMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = MINUTES_FIELDS
        widgets = {"minutes": forms.Textarea(attrs={"rows": 14})}


class AttendeeForm(forms.Form):
    user = IdChoiceField(label=_("Member of staff"), queryset=User.objects.none(), required=False)
    contact = IdChoiceField(label=_("Outside contact"), queryset=Contact.objects.none(), required=False)

    def __init__(self, *args, staff=None, contacts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff if staff is not None else User.objects.none()
        self.fields["user"].label_from_instance = lambda user: user.display_name
        self.fields["contact"].queryset = contacts if contacts is not None else Contact.objects.none()
        self.fields["contact"].label_from_instance = lambda c: f"{c.name}（{c.organisation.name}）"

    def clean(self):
        cleaned = super().clean()
        if not self.errors and (cleaned.get("user") is None) == (cleaned.get("contact") is None):
            raise forms.ValidationError(_("Choose a member of staff or an outside contact."))
        return cleaned


class AcknowledgeForm(forms.Form):
    attendee = IdChoiceField(label=_("Attendee"), queryset=Attendee.objects.none())

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = meeting.attendees.all() if meeting is not None else Attendee.objects.none()
        self.fields["attendee"].queryset = queryset


class AgendaForm(forms.Form):
    cases = IdMultipleChoiceField(
        label=_("Cases"), queryset=Case.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    reference = forms.CharField(
        label=_("Or a case by its reference"), max_length=20, required=False,
        help_text=_("For example 2026-000123."),
    )  # fmt: skip

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = Case.objects.filter(pk__in=[case.pk for case in candidates])
        names = {case.pk: f"{case.person.full_name}（{case.reference}）" for case in candidates}
        self.fields["cases"].label_from_instance = lambda case: names.get(case.pk, case.reference)


class CoordinationForm(forms.Form):
    """The 支援調整会議's decisions: plans and closures ticked, each plan with the version the page showed."""

    plans = IdMultipleChoiceField(
        label=_("Plans approved"), queryset=Plan.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    closures = IdMultipleChoiceField(
        label=_("Closures approved"), queryset=Closure.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    decided_on = DateField(
        label=_("Municipality's decision date (支援決定日)"), window=DONE, required=False,
        help_text=_("Recorded on each approved plan that applies for statutory services."),
    )  # fmt: skip

    def __init__(self, *args, plans=(), closures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plans"].queryset = Plan.objects.filter(pk__in=[p.pk for p in plans])
        self.fields["closures"].queryset = Closure.objects.filter(pk__in=[c.pk for c in closures])
        plan_names = {p.pk: f"{p.case.person.full_name} v{p.version}" for p in plans}
        closure_names = {c.pk: c.case.person.full_name for c in closures}
        self.fields["plans"].label_from_instance = lambda p: plan_names.get(p.pk, str(p.pk))
        self.fields["closures"].label_from_instance = lambda c: closure_names.get(c.pk, str(c.pk))

    def clean(self):
        cleaned = super().clean()
        versions = {}
        for plan in cleaned.get("plans") or ():
            shown = self.data.get(f"version-{plan.pk}", "")
            if not (shown.isdigit() and len(shown) < 10):
                self.add_error("plans", _("This page is out of date: open the meeting again."))
                break
            versions[plan.pk] = int(shown)
        cleaned["versions"] = versions
        return cleaned


class DecisionForm(forms.Form):
    case = IdChoiceField(label=_("Case"), queryset=Case.objects.none())
    text = forms.CharField(
        label=pgettext_lazy("meeting", "Decision"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, agenda=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = Case.objects.filter(pk__in=[item.case_id for item in agenda])
        names = {item.case_id: item.label for item in agenda}
        self.fields["case"].label_from_instance = lambda case: names.get(case.pk, case.reference)


class ActionForm(SubmitOnceMixin, forms.Form):
    text = forms.CharField(label=pgettext_lazy("meeting", "Action"), max_length=300)
    owner = IdChoiceField(label=_("Owner"), queryset=User.objects.none())
    due_on = DateField(label=_("Due date"), window=SCHEDULE)
    case = IdChoiceField(label=_("Case"), queryset=Case.objects.none(), required=False)

    def __init__(self, *args, staff=None, agenda=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff if staff is not None else User.objects.none()
        self.fields["owner"].label_from_instance = lambda user: user.display_name
        self.fields["case"].queryset = Case.objects.filter(pk__in=[item.case_id for item in agenda])
        names = {item.case_id: item.label for item in agenda}
        self.fields["case"].label_from_instance = lambda case: names.get(case.pk, case.reference)

    def service_fields(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in ACTION_FIELDS}


class ActionDoneForm(forms.Form):
    done_on = DateField(label=_("Done on"), window=DONE, initial=timezone.localdate)


class BodyForm(forms.ModelForm):
    members = IdMultipleChoiceField(
        label=_("Staff members"), queryset=User.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    outside_members = IdMultipleChoiceField(
        label=_("Outside members"), queryset=Contact.objects.none(), required=False
    )
    sort_order = forms.IntegerField(label=_("Display order"), min_value=0, max_value=9999, initial=0)

    class Meta:
        model = Body
        fields = BODY_FIELDS

    def __init__(self, *args, staff=None, contacts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = staff if staff is not None else User.objects.none()
        self.fields["members"].label_from_instance = lambda user: user.display_name
        self.fields["outside_members"].queryset = contacts if contacts is not None else Contact.objects.none()
        self.fields["outside_members"].label_from_instance = lambda c: f"{c.name}（{c.organisation.name}）"
        if self.instance.pk and not self.is_bound:
            self.initial["members"] = [u.pk for u in self.instance.members.all()]
            self.initial["outside_members"] = [c.pk for c in self.instance.outside_members.all()]

    def validate_unique(self) -> None:
        """The service decides (and names the field): no model constraint message before it."""

    def service_fields(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in BODY_FIELDS}
