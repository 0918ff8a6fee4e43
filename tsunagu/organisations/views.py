from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tsunagu.core.forms import add_service_errors, edit_conflict_in, form_status, query_status
from tsunagu.core.http import require_perm
from tsunagu.core.submissions import submit_once
from tsunagu.organisations import selectors, services
from tsunagu.organisations.forms import ContactForm, OfficeForm, OrganisationFilterForm, OrganisationForm
from tsunagu.organisations.models import Organisation, OrganisationType


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
    organisations = selectors.list_organisations(
        query=query.strip(), type=type_, area_id=area.pk if area else None
    )
    context = {
        "page": Paginator(organisations, 100).get_page(form.value("page", 1)),
        "query": query,
        "type": type_,
        "area": str(area.pk) if area else "",
        "types": OrganisationType.choices,
        "areas": selectors.areas(),
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
        "office_form": OfficeForm(),
        "contact_form": ContactForm(),
    }
    return render(request, "organisations/detail.html", context)


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
        "office_form": form,
        "contact_form": ContactForm(),
        "can_manage": True,
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
        "office_form": OfficeForm(),
        "contact_form": form,
        "can_manage": True,
    }
    return render(
        request, "organisations/detail.html", context, status=400 if request.method == "POST" else 200
    )
