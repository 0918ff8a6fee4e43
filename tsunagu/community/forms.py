"""Forms of the community pages: parse and show errors; the rules live in community/services.py."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.community.models import FlowKind, IssueStatus, PartnerRole, SupporterKind
from tsunagu.community.services import (
    FLOW_FIELDS,
    ISSUE_EDIT_FIELDS,
    ISSUE_FIELDS,
    MATCH_FIELDS,
    PARTNER_FIELDS,
    PROJECT_FIELDS,
    RESOURCE_FIELDS,
    SESSION_EDIT_FIELDS,
    SESSION_FIELDS,
    SUPPORTER_FIELDS,
    WORK_DAY_FIELDS,
)
from tsunagu.core.forms import (
    RECORDS,
    SCHEDULE,
    DateField,
    DateWindow,
    EditVersionField,
    IdChoiceField,
    IdMultipleChoiceField,
    QueryForm,
    SubmitOnceMixin,
)

# What happened: from 2000 to today.
DONE = DateWindow(RECORDS.earliest, 0)
COUNT = {"min_value": 0, "max_value": 2_000}


class _ServiceFields:
    """Hands the service every field the form parsed, by the service's own list."""

    service_field_names: tuple[str, ...] = ()

    def service_fields(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.service_field_names}


def _choices(form: forms.Form, **querysets) -> None:
    for name, queryset in querysets.items():
        form.fields[name].queryset = queryset


class IssueForm(_ServiceFields, SubmitOnceMixin, forms.Form):
    service_field_names = ISSUE_FIELDS
    title = forms.CharField(label=_("Issue"), max_length=120)
    area = IdChoiceField(label=_("Area"), queryset=None)
    theme = IdChoiceField(label=_("Theme"), queryset=None)
    raised_on = DateField(label=_("Raised on"), window=DONE, initial=timezone.localdate)
    meeting = IdChoiceField(label=_("Raised in the sub-committee meeting"), queryset=None, required=False)
    body = IdChoiceField(label=_("Sub-committee"), queryset=None, required=False)
    people_touched = forms.IntegerField(
        label=_("People it touches (count, no names)"), min_value=0, max_value=100_000, initial=0
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, areas, themes, meetings, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, area=areas, theme=themes, meeting=meetings, body=bodies)
        self.fields["meeting"].label_from_instance = lambda m: f"{m.title} {m.held_on.isoformat()}"


class IssueEditForm(_ServiceFields, forms.Form):
    """An issue corrected: where, its theme, its title, description and count; the version it was opened on.
    The lists offer the entries in use and the issue's own (a retired theme stays on it)."""

    service_field_names = ISSUE_EDIT_FIELDS
    title = forms.CharField(label=_("Issue"), max_length=120)
    area = IdChoiceField(label=_("Area"), queryset=None)
    theme = IdChoiceField(label=_("Theme"), queryset=None)
    people_touched = forms.IntegerField(
        label=_("People it touches (count, no names)"), min_value=0, max_value=100_000
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    edit_version = EditVersionField()

    def __init__(self, *args, issue, areas, themes, **kwargs):
        kwargs.setdefault("initial", {
            "title": issue.title, "area": issue.area_id, "theme": issue.theme_id,
            "people_touched": issue.people_touched, "description": issue.description,
            "edit_version": issue.edit_version,
        })  # fmt: skip
        super().__init__(*args, **kwargs)
        _choices(self, area=areas, theme=themes)


class IssueStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=IssueStatus.choices)


class MatchForm(_ServiceFields, SubmitOnceMixin, forms.Form):
    service_field_names = MATCH_FIELDS
    resource = IdChoiceField(label=_("Resource"), queryset=None)
    confirmed_on = DateField(label=_("Matched on"), window=DONE, initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, resources, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, resource=resources)


class ResourceForm(_ServiceFields, SubmitOnceMixin, forms.Form):
    service_field_names = RESOURCE_FIELDS
    name = forms.CharField(label=_("Name"), max_length=120)
    kind = IdChoiceField(label=_("Kind"), queryset=None)
    area = IdChoiceField(label=_("Area"), queryset=None)
    owner = IdChoiceField(label=_("Run by"), queryset=None)
    service = IdChoiceField(
        label=_("Service in the directory (where people are referred)"), queryset=None, required=False
    )
    themes = IdMultipleChoiceField(
        label=_("Themes it answers"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    schedule = forms.CharField(label=_("Schedule"), max_length=200, required=False)
    capacity = forms.IntegerField(label=_("Capacity (people)"), min_value=0, max_value=2_000, required=False)
    started_on = DateField(label=_("Open since"), window=SCHEDULE, initial=timezone.localdate)
    ended_on = DateField(label=_("Closed on"), window=SCHEDULE, required=False)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, kinds, areas, organisations, services, themes, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, kind=kinds, area=areas, owner=organisations, service=services, themes=themes)
        self.fields["service"].label_from_instance = lambda s: f"{s.name}（{s.organisation.name}）"


class SessionForm(_ServiceFields, SubmitOnceMixin, forms.Form):
    service_field_names = SESSION_FIELDS
    held_on = DateField(label=_("Date"), window=DONE, initial=timezone.localdate)
    meals = forms.IntegerField(label=_("Meals served"), **COUNT)
    children = forms.IntegerField(label=_("Children"), **COUNT)
    adults = forms.IntegerField(label=_("Adults"), **COUNT)
    volunteers = forms.IntegerField(label=_("Volunteers"), **COUNT)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class SessionCorrectionForm(_ServiceFields, forms.Form):
    """A session's counts corrected (its day stays), from the version the form was opened on."""

    service_field_names = SESSION_EDIT_FIELDS
    meals = forms.IntegerField(label=_("Meals served"), **COUNT)
    children = forms.IntegerField(label=_("Children"), **COUNT)
    adults = forms.IntegerField(label=_("Adults"), **COUNT)
    volunteers = forms.IntegerField(label=_("Volunteers"), **COUNT)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)
    edit_version = EditVersionField()

    @classmethod
    def initial_of(cls, session) -> dict:
        return {name: getattr(session, name) for name in (*SESSION_EDIT_FIELDS, "edit_version")}


class SupporterForm(_ServiceFields, SubmitOnceMixin, forms.Form):
    service_field_names = SUPPORTER_FIELDS
    kind = forms.ChoiceField(label=_("Role"), choices=SupporterKind.choices)
    resource = IdChoiceField(label=_("At the resource"), queryset=None, required=False)
    host = IdChoiceField(label=_("At the program"), queryset=None, required=False)
    started_on = DateField(label=_("From"), window=DONE, initial=timezone.localdate)
    ended_on = DateField(label=_("Until"), window=SCHEDULE, required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, resources, hosts, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, resource=resources, host=hosts)
        self.fields["host"].label_from_instance = lambda h: f"{h.program.name}（{h.organisation.name}）"


class SupporterEditForm(SupporterForm):
    """A role corrected: the same fields, and the version of the role the form was opened on."""

    edit_version = EditVersionField()

    @classmethod
    def initial_of(cls, role) -> dict:
        return {
            "kind": role.kind, "resource": role.resource_id, "host": role.host_id, "started_on": role.started_on,
            "ended_on": role.ended_on, "note": role.note, "edit_version": role.edit_version,
        }  # fmt: skip


class SupporterEndForm(forms.Form):
    """The role ends: on a day from its start to today."""

    ended_on = DateField(label=_("Ended on"), window=DONE, initial=timezone.localdate)
    edit_version = EditVersionField()


class PartnerForm(_ServiceFields, SubmitOnceMixin, forms.Form):
    service_field_names = PARTNER_FIELDS
    organisation = IdChoiceField(label=_("Organisation"), queryset=None)
    role = forms.ChoiceField(label=_("Role"), choices=PartnerRole.choices)
    note = forms.CharField(label=_("What it does"), required=False, max_length=200)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, organisation=organisations)


class FlowForm(_ServiceFields, SubmitOnceMixin, forms.Form):
    service_field_names = FLOW_FIELDS
    source = IdChoiceField(label=_("From"), queryset=None)
    target = IdChoiceField(label=_("To"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=FlowKind.choices)
    label = forms.CharField(label=_("What"), max_length=60)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, source=organisations, target=organisations)


class WorkDayForm(_ServiceFields, SubmitOnceMixin, forms.Form):
    service_field_names = WORK_DAY_FIELDS
    worked_on = DateField(label=_("Date"), window=DONE, initial=timezone.localdate)
    workers = forms.IntegerField(label=_("People working"), **COUNT)
    hours = forms.DecimalField(label=_("Hours"), min_value=0.5, max_value=24, max_digits=4, decimal_places=1)
    output_kg = forms.DecimalField(
        label=_("Output (kg)"), min_value=0, max_value=99_999.9, max_digits=7, decimal_places=1, initial=0
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class ProjectForm(_ServiceFields, SubmitOnceMixin, forms.Form):
    service_field_names = PROJECT_FIELDS
    name = forms.CharField(label=_("Name"), max_length=120)
    area = IdChoiceField(label=_("Area"), queryset=None)
    resource = IdChoiceField(label=_("Resource it creates"), queryset=None, required=False)
    host = IdChoiceField(label=_("Program host of its participants"), queryset=None, required=False)
    output_label = forms.CharField(label=_("What it produces"), max_length=60, required=False)
    started_on = DateField(label=_("Started on"), window=SCHEDULE, initial=timezone.localdate)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, areas, resources, hosts, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, area=areas, resource=resources, host=hosts)
        self.fields["host"].label_from_instance = lambda h: f"{h.program.name}（{h.organisation.name}）"


class AreaChoiceForm(forms.Form):
    area = IdChoiceField(label=_("Area the sub-committee covers"), queryset=None)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, area=areas)


# ---------------------------------------------------------------- query forms


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The twelve months up to today."""
    today = today or timezone.localdate()
    start = today.replace(year=today.year - 1, day=min(today.day, 28)) + dt.timedelta(days=1)
    return start, today


MEASURE_CHOICES = [
    ("consultations", _("Consultations")),
    ("open_cases", _("Open cases")),
    ("participants", _("Taking part in programs")),
    ("issues", _("Local issues")),
    ("resources", _("Local resources")),
]


class PeriodForm(QueryForm):
    start = DateField(label=_("From"), window=RECORDS, required=False)
    end = DateField(label=_("To"), window=RECORDS, required=False)
    measure = forms.ChoiceField(label=_("The map shows"), choices=MEASURE_CHOICES, required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end cannot come before the start."))
        return cleaned

    def period(self) -> tuple[dt.date, dt.date]:
        start, end = default_period()
        if self.is_bound and not self.is_valid():
            return start, end
        return self.value("start", start), self.value("end", end)


class IssueFilterForm(QueryForm):
    area = IdChoiceField(label=_("Area"), queryset=None, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *IssueStatus.choices], required=False
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, area=areas)
