"""The screens of the configurable lists (organisations/lists.py): the lists, one page per list with its
entries and a form to add one, and an entry's edit (rename, reorder, retire). Each list is changed by the
users its registration names; the services ask again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tsunagu.core.forms import add_service_errors, edit_conflict_in, form_status
from tsunagu.core.http import require_perm
from tsunagu.core.submissions import submit_once
from tsunagu.organisations import selectors, services
from tsunagu.organisations.forms import list_entry_form
from tsunagu.organisations.lists import configured_list, configured_lists


@login_required
@require_GET
def list_index(request: HttpRequest) -> HttpResponse:
    """Every configurable list, with a link to those the user may change."""
    require_perm(request, "organisations.view_directory")
    lists = list(configured_lists())
    sizes = selectors.list_sizes(lists)
    rows = [
        {
            "list": configured,
            "sizes": sizes[configured.key],
            "may_edit": request.user.has_perm(configured.permission),
        }
        for configured in lists
    ]
    return render(request, "organisations/lists.html", {"rows": rows})


@login_required
@submit_once
def list_page(request: HttpRequest, list_key: str) -> HttpResponse:
    """A list's entries (retired ones last) and the form to add one."""
    configured = configured_list(list_key)
    require_perm(request, configured.permission)
    form = list_entry_form(configured, new=True)(request.POST or None, initial={"is_active": True})
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.add_list_entry(actor=request.user, list_key=list_key, fields=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": entry.name})
            return redirect(configured.url_name)
    extras = configured.extra_fields
    context = {
        "configured": configured,
        "extra_headings": [capfirst(configured.model._meta.get_field(name).verbose_name) for name in extras],
        "entries": [
            (entry, configured.entry_url(entry), [getattr(entry, name) for name in extras])
            for entry in selectors.list_entries(configured)
        ],
        "form": form,
    }
    return render(request, "organisations/list_entries.html", context, status=form_status(request, form))


@login_required
def entry_edit(request: HttpRequest, list_key: str, **ids: int) -> HttpResponse:
    """Rename, reorder or retire one entry (the address names its id by the list's model: theme_id …)."""
    configured = configured_list(list_key)
    require_perm(request, configured.permission)
    entry = selectors.get_list_entry(configured, ids[configured.id_kwarg])
    shown_name = entry.name  # the name saved, whatever a refused save tried
    form = list_entry_form(configured, new=False)(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_list_entry(
                actor=request.user, list_key=list_key, entry=entry, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(configured.url_name)
    context = {
        "configured": configured,
        "entry_name": shown_name,
        "form": form,
        "conflict": edit_conflict_in(form),
    }
    return render(request, "organisations/list_entry_form.html", context, status=form_status(request, form))
