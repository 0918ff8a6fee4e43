"""The learning support classes (まじくる): the class page (its children, tutors and sessions, whose
roll-calls are programs' own page), and on a child's page the enrolment, the notes and the contacts with
the guardian. Thin views over children's selectors and services; a child out of scope is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tsunagu.audit.services import record_people_seen
from tsunagu.children import selectors, selectors_classes, services_classes
from tsunagu.children.forms_classes import EnrolForm, GuardianContactForm, NoteForm, TutorForm
from tsunagu.children.models import Child
from tsunagu.children.views import child_page
from tsunagu.core.forms import add_service_errors, form_status
from tsunagu.core.http import require_perm
from tsunagu.core.submissions import submit_once
from tsunagu.programs.models import ProgramHost


@login_required
@require_GET
def class_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, "children.view_children")
    return render(request, "children/class_list.html", {"classes": list(selectors_classes.classes())})


def _class_page(request: HttpRequest, host: ProgramHost, tutor_form: TutorForm | None = None, *, status=200):
    placements = selectors_classes.class_children(request.user, host)
    guardians = [p.person.child_record.household_member.person_id for p in placements]
    tutors = selectors_classes.tutors(request.user, host)
    can_manage = request.user.has_perm("children.manage_classes")
    if can_manage and tutor_form is None:
        tutor_form = _tutor_form(request, None)
    supporters = [p.pk for p in tutor_form.fields["person"].queryset] if can_manage else []
    named_tutors = [t.person_id for t in tutors if t.person_id and t.shown]
    seen = [p.person_id for p in placements] + guardians + named_tutors + supporters
    record_people_seen(request, seen, page="children_class")
    context = {
        "host": host,
        "placements": placements,
        "tutors": tutors,
        "sessions": selectors_classes.class_sessions(host),
        "today": timezone.localdate(),
        "tutor_form": tutor_form if can_manage else None,
    }
    return render(request, "children/class_detail.html", context, status=status)


def _tutor_form(request: HttpRequest, data) -> TutorForm:
    return TutorForm(
        data,
        staff=selectors_classes.tutor_staff(request.user),
        contacts=selectors_classes.tutor_contacts(),
        supporters=selectors_classes.tutor_supporters(request.user),
    )


@login_required
@require_GET
def class_detail(request: HttpRequest, class_id: int) -> HttpResponse:
    require_perm(request, "children.view_children")
    return _class_page(request, selectors_classes.get_class(class_id))


@login_required
@require_POST
@submit_once
def tutor_add(request: HttpRequest, class_id: int) -> HttpResponse:
    require_perm(request, "children.view_children")
    host = selectors_classes.get_class(class_id)
    require_perm(request, "children.manage_classes")
    form = _tutor_form(request, request.POST)
    if form.is_valid():
        try:
            services_classes.add_tutor(actor=request.user, host=host, fields=form.fields_for_service())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The tutor was added to the class."))
            return redirect("children:class_detail", class_id=host.pk)
    return _class_page(request, host, form, status=form_status(request, form))


def _child(request: HttpRequest, child_id: int) -> Child:
    require_perm(request, "children.view_children")
    child = selectors.get_child(request.user, child_id)
    require_perm(request, "children.work_on_child", child)
    return child


@login_required
@submit_once
def child_enrol(request: HttpRequest, child_id: int) -> HttpResponse:
    child = _child(request, child_id)
    form = EnrolForm(request.POST if request.method == "POST" else None, hosts=selectors_classes.classes())
    if request.method == "POST" and form.is_valid():
        try:
            services_classes.enrol_child(
                actor=request.user, child=child, host=form.cleaned_data["host"],
                status=form.cleaned_data["status"], on=form.cleaned_data["on"],
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The child was enrolled in the class."))
            return redirect("children:child_detail", child_id=child.pk)
    return child_page(request, child, status=form_status(request, form), enrol_form=form)


@login_required
@require_POST
@submit_once
def note_add(request: HttpRequest, child_id: int) -> HttpResponse:
    child = _child(request, child_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services_classes.add_note(actor=request.user, child=child, fields=form.fields_for_service())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The note was saved."))
            return redirect("children:child_detail", child_id=child.pk)
    return child_page(request, child, status=form_status(request, form), note_form=form)


@login_required
@require_POST
@submit_once
def guardian_contact_add(request: HttpRequest, child_id: int) -> HttpResponse:
    child = _child(request, child_id)
    form = GuardianContactForm(request.POST)
    if form.is_valid():
        try:
            services_classes.record_guardian_contact(
                actor=request.user, child=child, fields=form.fields_for_service()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The contact with the guardian was saved."))
            return redirect("children:child_detail", child_id=child.pk)
    return child_page(request, child, status=form_status(request, form), contact_form=form)
