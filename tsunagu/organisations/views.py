from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.core.forms import add_service_errors, edit_conflict_in, form_status, query_status
from tsunagu.core.http import require_perm
from tsunagu.core.submissions import submit_once
from tsunagu.organisations import selectors, services
from tsunagu.organisations.forms import (
    ContactForm,
    ImportForm,
    LocationForm,
    OfficeForm,
    OpeningTimeForm,
    OrganisationFilterForm,
    OrganisationForm,
    ServiceForm,
)
from tsunagu.organisations.hsds import tabular
from tsunagu.organisations.hsds.files import read_document, to_json
from tsunagu.organisations.models import Organisation, OrganisationType, ServiceStage


def _get_organisation(organisation_id: int) -> Organisation:
    try:
        return selectors.organisation_detail(organisation_id=organisation_id)
    except Organisation.DoesNotExist as error:
        raise Http404 from error


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, "organisations.view_directory")
    form = OrganisationFilterForm(request.GET)
    status = query_status(request, form)
    query, type_, area = form.value("q", ""), form.value("type", ""), form.value("area")
    service_type, stage = form.value("service_type"), form.value("stage", "")
    organisations = selectors.list_organisations(
        query=query.strip(),
        type=type_,
        area_id=area.pk if area else None,
        service_type_id=service_type.pk if service_type else None,
        stage=stage,
    )
    context = {
        "page": Paginator(organisations, 100).get_page(form.value("page", 1)),
        "query": query,
        "type": type_,
        "area": str(area.pk) if area else "",
        "service_type": str(service_type.pk) if service_type else "",
        "stage": stage,
        "types": OrganisationType.choices,
        "stages": ServiceStage.choices,
        "areas": selectors.areas(),
        "service_types": selectors.service_types(),
        "can_manage": request.user.has_perm("organisations.manage_organisations"),
    }
    template = "organisations/_table.html" if request.htmx else "organisations/list.html"
    # A refused filter is a 400 on the page; the htmx table keeps 200, or htmx would not swap it in.
    return render(request, template, context, status=200 if request.htmx else status)


@login_required
def organisation_detail(request: HttpRequest, organisation_id: int) -> HttpResponse:
    require_perm(request, "organisations.view_directory")
    organisation = _get_organisation(organisation_id)
    context = {
        "organisation": organisation,
        "can_manage": request.user.has_perm("organisations.manage_organisations"),
        **_detail_forms(organisation),
    }
    return render(request, "organisations/detail.html", context)


def _detail_forms(organisation: Organisation, **forms) -> dict:
    """The administrator's forms of the organisation page, blank but for the one posted and refused."""
    return {
        "office_form": OfficeForm(),
        "contact_form": ContactForm(),
        "location_form": LocationForm(),
        "hours_form": OpeningTimeForm(organisation=organisation),
        **forms,
    }


@login_required
@submit_once
def organisation_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, "organisations.manage_organisations")
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.create_organisation(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": organisation.name})
            return redirect("organisations:detail", organisation_id=organisation.pk)
    return render(request, "organisations/form.html", {"form": form}, status=form_status(request, form))


@login_required
def organisation_edit(request: HttpRequest, organisation_id: int) -> HttpResponse:
    require_perm(request, "organisations.manage_organisations")
    organisation = _get_organisation(organisation_id)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(organisation=organisation, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("organisations:detail", organisation_id=organisation.pk)
    conflict = edit_conflict_in(form)
    context = {"form": form, "organisation": organisation, "conflict": conflict}
    return render(request, "organisations/form.html", context, status=form_status(request, form))


@login_required
@submit_once
def office_add(request: HttpRequest, organisation_id: int) -> HttpResponse:
    require_perm(request, "organisations.manage_organisations")
    organisation = _get_organisation(organisation_id)
    form = OfficeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_office(organisation=organisation, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The office was added."))
            return redirect("organisations:detail", organisation_id=organisation.pk)
    context = {
        "organisation": organisation,
        "can_manage": True,
        **_detail_forms(organisation, office_form=form),
    }
    return render(
        request, "organisations/detail.html", context, status=400 if request.method == "POST" else 200
    )


@login_required
@submit_once
def contact_add(request: HttpRequest, organisation_id: int) -> HttpResponse:
    require_perm(request, "organisations.manage_organisations")
    organisation = _get_organisation(organisation_id)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_contact(organisation=organisation, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The contact was added."))
            return redirect("organisations:detail", organisation_id=organisation.pk)
    context = {
        "organisation": organisation,
        "can_manage": True,
        **_detail_forms(organisation, contact_form=form),
    }
    return render(
        request, "organisations/detail.html", context, status=400 if request.method == "POST" else 200
    )


@login_required
@submit_once
def service_add(request: HttpRequest, organisation_id: int) -> HttpResponse:
    require_perm(request, "organisations.manage_organisations")
    organisation = _get_organisation(organisation_id)
    form = ServiceForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_service(organisation=organisation, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The service was added."))
            return redirect("organisations:detail", organisation_id=organisation.pk)
    context = {"form": form, "organisation": organisation}
    return render(request, "organisations/service_form.html", context, status=form_status(request, form))


@login_required
def service_edit(request: HttpRequest, service_id: int) -> HttpResponse:
    require_perm(request, "organisations.manage_organisations")
    service = selectors.get_service(service_id=service_id)
    organisation = service.organisation
    form = ServiceForm(request.POST or None, instance=service, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_service(service=service, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("organisations:detail", organisation_id=organisation.pk)
    context = {
        "form": form,
        "organisation": organisation,
        "service": service,
        "conflict": edit_conflict_in(form),
    }
    return render(request, "organisations/service_form.html", context, status=form_status(request, form))


@login_required
@submit_once
def location_add(request: HttpRequest, organisation_id: int) -> HttpResponse:
    require_perm(request, "organisations.manage_organisations")
    organisation = _get_organisation(organisation_id)
    form = LocationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_location(organisation=organisation, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The location was added."))
            return redirect("organisations:detail", organisation_id=organisation.pk)
    context = {
        "organisation": organisation,
        "can_manage": True,
        **_detail_forms(organisation, location_form=form),
    }
    return render(request, "organisations/detail.html", context, status=form_status(request, form))


@login_required
@submit_once
def opening_time_add(request: HttpRequest, organisation_id: int) -> HttpResponse:
    require_perm(request, "organisations.manage_organisations")
    organisation = _get_organisation(organisation_id)
    form = OpeningTimeForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_opening_time(actor=request.user, **form.target_kwargs(), **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The opening hours were added."))
            return redirect("organisations:detail", organisation_id=organisation.pk)
    context = {
        "organisation": organisation,
        "can_manage": True,
        **_detail_forms(organisation, hours_form=form),
    }
    return render(request, "organisations/detail.html", context, status=form_status(request, form))


@login_required
@require_POST
def opening_time_remove(request: HttpRequest, opening_time_id: int) -> HttpResponse:
    require_perm(request, "organisations.manage_organisations")
    opening = selectors.get_opening_time(opening_time_id=opening_time_id)
    organisation_id = opening.organisation_id
    services.remove_opening_time(opening_time=opening, actor=request.user)
    messages.success(request, _("The opening hours were removed."))
    return redirect("organisations:detail", organisation_id=organisation_id)


def _download(request: HttpRequest, content: bytes, *, kind: str, filename: str, count: int) -> HttpResponse:
    """The export as a file, recorded as an export (no person is in the directory: ids and counts only)."""
    record_event(
        request=request,
        action=AuditAction.EXPORT,
        object_type="organisations.directory",
        detail={"format": kind, "organisations": count},
    )
    response = HttpResponse(content, content_type="application/zip" if kind == "csv" else "application/json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def export_json(request: HttpRequest) -> HttpResponse:
    require_perm(request, "organisations.view_directory")
    document = selectors.hsds_document()
    return _download(
        request, to_json(document), kind="json", filename="hsds-directory.json", count=len(document)
    )


@login_required
def export_csv(request: HttpRequest) -> HttpResponse:
    require_perm(request, "organisations.view_directory")
    document = selectors.hsds_document()
    package = tabular.write_package(document)
    return _download(request, package, kind="csv", filename="hsds-directory.zip", count=len(document))


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    """An administrator's upload of an HSDS file: every problem listed, or everything saved."""
    require_perm(request, "organisations.manage_organisations")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = read_document(form.cleaned_data["file"].read())
            counts = services.import_directory(actor=request.user, document=document)
        except ValidationError as error:
            add_service_errors(form, ValidationError({"file": error.messages}))
        else:
            messages.success(
                request,
                _(
                    "Imported: %(organisations)s organisations, %(services)s services, %(locations)s locations."
                )
                % {key: counts.get(key, 0) for key in ("organisations", "services", "locations")},
            )
            return redirect("organisations:list")
    return render(request, "organisations/import.html", {"form": form}, status=form_status(request, form))
