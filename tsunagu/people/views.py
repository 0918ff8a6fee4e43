"""The person pages: thin views that parse, call a selector or a service, and render.

Scope: a person outside the user's scope is 404 (no hint that it exists). Inside it, city case
workers read only (403 on writes); merging is for supervisors. Every render of a person's record
writes a VIEW audit event."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tsunagu.audit.services import record_people_seen
from tsunagu.core.forms import add_service_errors, edit_conflict_in, form_status
from tsunagu.core.http import require_perm
from tsunagu.core.japanese import suggest_reading
from tsunagu.core.submissions import submit_once
from tsunagu.people import selectors, services
from tsunagu.people.forms import (
    ConsentForm,
    HouseholdMemberForm,
    MergeForm,
    PersonForm,
    ReadingForm,
    RemoveHouseholdMemberForm,
    StageChangeForm,
    WithdrawConsentForm,
)
from tsunagu.people.models import Consent, Person
from tsunagu.people.panels import person_panels
from tsunagu.people.scope import person_scope

# --- helpers -------------------------------------------------------------------------------------


EDIT = "people.edit_people"


def _person_to_work_on(request: HttpRequest, person_id: int) -> Person:
    """In scope (else 404) and casework staff (else 403: city case workers read only)."""
    person = person_scope().get_person(request.user, person_id)
    require_perm(request, EDIT)
    return person


def _find_duplicate(user, text: str) -> Person | None:
    """A person the user may see, by person number or by the reference of one of their cases."""
    people = person_scope().visible_people(user).select_related("area")
    if text.isdigit():
        return people.filter(pk=int(text)).first()
    case = person_scope().visible_cases(user).filter(reference=text).only("person_id").first()
    return people.filter(pk=case.person_id).first() if case else None


def age_on(date_of_birth: dt.date | None, today: dt.date) -> int | None:
    if date_of_birth is None:
        return None
    had_birthday = (today.month, today.day) >= (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - (0 if had_birthday else 1)


def _audit_view(request: HttpRequest, person: Person, page: str, *others: Person) -> None:
    record_people_seen(request, [person.pk, *(other.pk for other in others)], page=page, target=person)


def _person_facts(user, person: Person) -> dict[str, Any]:
    """What a page may show of a person: the contact is withheld (秘匿) under DV protection
    unless the user is assigned to one of the person's open cases."""
    return {
        "person": person,
        "contact_visible": person_scope().can_see_protected_contact(user, person),
        "age": age_on(person.date_of_birth, timezone.localdate()),
    }


# --- the person page -----------------------------------------------------------------------------


def _consent_rows(
    person: Person, withdrawal: tuple[int, WithdrawConsentForm] | None
) -> list[tuple[Consent, WithdrawConsentForm]]:
    """Each consent with its withdrawal form (the bound one for a withdrawal that was refused)."""
    return [
        (
            consent,
            withdrawal[1]
            if withdrawal and withdrawal[0] == consent.pk
            else WithdrawConsentForm(
                prefix=f"withdraw-{consent.pk}", initial={"edit_version": consent.edit_version}
            ),
        )
        for consent in person.consents.all()
    ]


def _render_detail(
    request: HttpRequest,
    person: Person,
    *,
    status: int = 200,
    household: HouseholdMemberForm | None = None,
    consent: ConsentForm | None = None,
    stage: StageChangeForm | None = None,
    withdrawal: tuple[int, WithdrawConsentForm] | None = None,
) -> HttpResponse:
    """The person page, with a bound form that was refused in place of its blank one."""
    prefetch_related_objects([person], "household", "consents__shared_with", "stage_changes__recorded_by")
    can_edit = request.user.has_perm(EDIT)
    context = {
        **_person_facts(request.user, person),
        "can_edit": can_edit,
        "can_merge": can_edit and request.user.has_perm("people.merge_people"),
        "cases": person_scope()
        .visible_cases(request.user)
        .filter(person=person)
        .select_related("office", "worker"),
        "consents": _consent_rows(person, withdrawal),
        "household_form": household or HouseholdMemberForm(),
        "hidden_members": selectors.hidden_household_members(request.user, person),
        "consent_form": consent or ConsentForm(),
        "stage_form": stage or StageChangeForm(initial={"stage": person.current_stage}),
    }
    # Panels of the apps above people (work's link to the person's work page), each adding its keys.
    context["person_panels"] = [panel.template for panel in person_panels()]
    for panel in person_panels():
        context.update(panel.context(user=request.user, person=person))
    _audit_view(request, person, "person")
    return render(request, "people/detail.html", context, status=status)


@login_required
@require_GET
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    return _render_detail(request, person_scope().get_person(request.user, person_id))


@login_required
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person_to_work_on(request, person_id)
    contact_visible = person_scope().can_see_protected_contact(request.user, person)
    # The form validates a copy: the service compares against the record as it is stored.
    form = PersonForm(request.POST or None, instance=copy.copy(person), hide_protected=not contact_visible)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_person(
                person=person,
                actor=request.user,
                edit_version=form.cleaned_data["edit_version"],
                **form.person_data(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("people:detail", person_id=person.pk)
    _audit_view(request, person, "person_edit")
    context = {
        "person": person,
        "form": form,
        "contact_visible": contact_visible,
        "conflict": edit_conflict_in(form),
    }
    return render(request, "people/edit.html", context, status=form_status(request, form))


# --- household (htmx-friendly) -------------------------------------------------------------------


def _household_response(
    request: HttpRequest,
    person: Person,
    form: HouseholdMemberForm | None = None,
    announce: str = "",
    refused: list[str] | None = None,
) -> HttpResponse:
    """htmx gets the household partial; a plain form post gets the page back (or a redirect).
    `refused` is why a removal was not made (the household shown again as it is stored now)."""
    failed = form is not None and form.errors
    if not request.htmx:
        if failed:
            return _render_detail(request, person, status=400, household=form)
        if refused:
            for message in refused:
                messages.error(request, message)
            return _render_detail(request, person, status=400)
        messages.success(request, announce)
        return redirect("people:detail", person_id=person.pk)
    context = {
        "person": person,
        "can_edit": True,
        "household_form": form if failed else HouseholdMemberForm(),
        "hidden_members": selectors.hidden_household_members(request.user, person),
        "announce": "" if failed or refused else announce,
        "refused": refused or [],
    }
    _audit_view(request, person, "person_household")
    return render(request, "people/_household.html", context, status=400 if failed or refused else 200)


@login_required
@require_POST
@submit_once
def household_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person_to_work_on(request, person_id)
    form = HouseholdMemberForm(request.POST)
    if form.is_valid():
        try:
            services.add_household_member(person=person, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
    return _household_response(request, person, form, _("The household member was added."))


@login_required
@require_POST
def household_remove(request: HttpRequest, member_id: int) -> HttpResponse:
    member = selectors.get_household_member(request.user, member_id)
    require_perm(request, EDIT)
    person = member.person
    form = RemoveHouseholdMemberForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["edit_version"])
        services.remove_household_member(
            member=member, actor=request.user, edit_version=form.cleaned_data["edit_version"]
        )
    except ValidationError as error:
        return _household_response(request, person, refused=error.messages)
    return _household_response(request, person, announce=_("The household member was removed."))


# --- consents ------------------------------------------------------------------------------------


@login_required
@require_POST
@submit_once
def consent_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person_to_work_on(request, person_id)
    form = ConsentForm(request.POST)
    if form.is_valid():
        try:
            services.record_consent(person=person, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The consent was recorded."))
            return redirect("people:detail", person_id=person.pk)
    return _render_detail(request, person, status=400, consent=form)


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, consent_id: int) -> HttpResponse:
    consent = selectors.get_consent(request.user, consent_id)
    require_perm(request, EDIT)
    form = WithdrawConsentForm(request.POST, prefix=f"withdraw-{consent.pk}")
    if form.is_valid():
        try:
            services.withdraw_consent(consent=consent, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The withdrawal of the consent was recorded."))
            return redirect("people:detail", person_id=consent.person_id)
    return _render_detail(request, consent.person, status=400, withdrawal=(consent.pk, form))


# --- the Kushiro ladder --------------------------------------------------------------------------


@login_required
@require_POST
@submit_once
def stage_change(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person_to_work_on(request, person_id)
    form = StageChangeForm(request.POST)
    if form.is_valid():
        try:
            change = services.change_stage(person=person, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if change is None:
                messages.info(request, _("The stage is unchanged: nothing was recorded."))
            else:
                messages.success(request, _("The change of stage was recorded."))
            return redirect("people:detail", person_id=person.pk)
    return _render_detail(request, person, status=400, stage=form)


# --- merging duplicates --------------------------------------------------------------------------


@login_required
def person_merge(request: HttpRequest, person_id: int) -> HttpResponse:
    """Step 1: name the duplicate. Step 2: both records side by side, confirm. Then merge."""
    keep = person_scope().get_person(request.user, person_id)
    require_perm(request, "people.merge_people")
    form = MergeForm(request.POST or None)
    duplicate = None
    if request.method == "POST" and form.is_valid():
        duplicate = _find_duplicate(request.user, form.cleaned_data["duplicate"])
        if duplicate is None:
            form.add_error(
                "duplicate", _("No record with that number or case reference among the people you can see.")
            )
        elif duplicate.pk == keep.pk:
            form.add_error("duplicate", _("Choose two different records to merge."))
            duplicate = None
        elif form.cleaned_data["confirm"]:
            try:
                services.merge_people(keep=keep, duplicate=duplicate, actor=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
                duplicate = None
            else:
                messages.success(request, _("The two records were merged into this one."))
                return redirect("people:detail", person_id=keep.pk)
        elif form.cleaned_data["compared"]:
            form.add_error("confirm", _("Tick the box to confirm that both records are the same person."))
    return _render_merge(request, keep, duplicate, form)


def _render_merge(
    request: HttpRequest, keep: Person, duplicate: Person | None, form: MergeForm
) -> HttpResponse:
    _audit_view(request, keep, "person_merge", *([duplicate] if duplicate else []))
    context = {"keep": _merge_side(request, keep), "duplicate": None, "form": form}
    if duplicate is not None:
        context["duplicate"] = _merge_side(request, duplicate)
        form.fields["duplicate"].widget = forms.HiddenInput()
    return render(request, "people/merge.html", context, status=form_status(request, form))


def _merge_side(request: HttpRequest, person: Person) -> dict[str, Any]:
    return {
        **_person_facts(request.user, person),
        "counts": {
            "cases": person.cases.count(),
            "household": person.household.count(),
            "consents": person.consents.count(),
            "stage_changes": person.stage_changes.count(),
        },
    }


# --- ふりがな suggestion (htmx) --------------------------------------------------------------------


@login_required
@require_POST
def reading_suggestion(request: HttpRequest) -> HttpResponse:
    """The two reading fields again, filled with pykakasi's suggestion for the names posted (POST, so
    that names never appear in an address or a server log). Where no name is given, the reading typed
    so far is kept. A suggestion for the worker to correct, never a fact."""
    require_perm(request, EDIT)
    initial = {}
    for name_field, kana_field in (("family_name", "family_name_kana"), ("given_name", "given_name_kana")):
        suggestion = suggest_reading(request.POST.get(name_field, "")[:40])
        initial[kana_field] = suggestion or request.POST.get(kana_field, "")[:60]
    context = {"form": ReadingForm(initial=initial), "suggested": True}
    return render(request, "people/_reading_suggestion.html", context)
