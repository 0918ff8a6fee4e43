"""The children's pages: thin views over children's selectors and services. A child out of the user's
scope is a 404; every response that shows a child records the read (the child and the guardian)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tsunagu.audit.services import record_people_seen
from tsunagu.children import selectors, selectors_classes, services
from tsunagu.children.forms import AddChildForm, ChildForm
from tsunagu.children.forms_classes import EnrolForm, GuardianContactForm, NoteForm
from tsunagu.children.models import Child, grade_label
from tsunagu.core.forms import add_service_errors, form_status
from tsunagu.core.http import require_perm
from tsunagu.core.submissions import submit_once


def _with_grades(children: list[Child]) -> list[Child]:
    today = timezone.localdate()
    for child in children:
        child.grade_now = grade_label(child.grade_on(today))
    return children


@login_required
@require_GET
def child_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, "children.view_children")
    children = _with_grades(list(selectors.child_list(request.user)))
    people = [c.person_id for c in children] + [c.household_member.person_id for c in children]
    record_people_seen(request, people, page="child_list")
    return render(request, "children/child_list.html", {"children": children})


@login_required
@submit_once
def child_add(request: HttpRequest, person_id: int) -> HttpResponse:
    require_perm(request, "children.view_children")
    guardian = selectors.get_guardian(request.user, person_id)
    require_perm(request, "children.add_child", guardian)
    form = AddChildForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            child = services.add_child(
                actor=request.user, guardian=guardian, relation=form.cleaned_data["relation"],
                person_fields=form.person_fields(), fields=form.child_fields(),
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The child was added to the household."))
            return redirect("children:child_detail", child_id=child.pk)
    record_people_seen(request, [guardian.pk], page="child_add", target=guardian)
    context = {"form": form, "guardian": guardian}
    return render(request, "children/child_add.html", context, status=form_status(request, form))


def child_page(
    request: HttpRequest, child: Child, form: ChildForm | None = None, *, status: int = 200, **class_forms
) -> HttpResponse:
    """The child's page; to those who may work on the child, with the まじくる part (enrolments, notes,
    contacts with the guardian) and its forms (`class_forms`: a refused one, shown again)."""
    record_people_seen(request, [child.person_id, child.guardian.pk], page="child", target=child)
    child.grade_now = grade_label(child.grade_on(timezone.localdate()))
    can_edit = request.user.has_perm("children.work_on_child", child)
    context = {"child": child, "form": form or ChildForm(instance=child), "can_edit": can_edit}
    if can_edit:
        context |= _classes_context(child, **class_forms)
    return render(request, "children/child_detail.html", context, status=status)


def _classes_context(child: Child, **class_forms) -> dict:
    return {
        "placements": selectors_classes.child_placements(child),
        "notes": selectors_classes.child_notes(child),
        "guardian_contacts": selectors_classes.guardian_contacts(child),
        "enrol_form": class_forms.get("enrol_form") or EnrolForm(hosts=selectors_classes.classes()),
        "note_form": class_forms.get("note_form") or NoteForm(),
        "contact_form": class_forms.get("contact_form") or GuardianContactForm(),
    }


@login_required
@require_GET
def child_detail(request: HttpRequest, child_id: int) -> HttpResponse:
    require_perm(request, "children.view_children")
    child = selectors.get_child(request.user, child_id)
    return child_page(request, child)


@login_required
def child_edit(request: HttpRequest, child_id: int) -> HttpResponse:
    require_perm(request, "children.view_children")
    child = selectors.get_child(request.user, child_id)
    require_perm(request, "children.work_on_child", child)
    if request.method != "POST":
        return redirect("children:child_detail", child_id=child.pk)
    form = ChildForm(request.POST, instance=selectors.get_child(request.user, child_id))
    if form.is_valid():
        try:
            services.update_child(
                actor=request.user, child=child, edit_version=form.cleaned_data["edit_version"],
                fields=form.child_fields(),
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The child's record was saved."))
            return redirect("children:child_detail", child_id=child.pk)
    return child_page(request, child, form, status=form_status(request, form))
