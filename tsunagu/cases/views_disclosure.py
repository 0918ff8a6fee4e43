"""Disclosure (開示): an administrator confirms, then downloads, the PDF of everything Tsunagu holds on one
person. The confirmation page shows counts per section and the person's id, never their content."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from tsunagu.cases import selectors
from tsunagu.cases.disclosure import DISCLOSURE_PERMISSION, disclosure_counts, disclosure_pdf
from tsunagu.core.forms import form_status
from tsunagu.core.http import require_perm


class DisclosureForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have checked the request and the requester's identity: produce the disclosure."),
        required=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def disclosure(request: HttpRequest, person_id: int) -> HttpResponse:
    require_perm(request, DISCLOSURE_PERMISSION)
    person = selectors.person_for_disclosure(request.user, person_id)
    form = DisclosureForm(request.POST) if request.method == "POST" else DisclosureForm()
    if request.method == "POST" and form.is_valid():
        content = disclosure_pdf(actor=request.user, person=person)  # audits the export itself
        response = HttpResponse(content, content_type="application/pdf")
        # Ids only: a person's name never goes into a filename or URL.
        response["Content-Disposition"] = f'attachment; filename="disclosure-{person.pk}.pdf"'
        response["Cache-Control"] = "no-store"
        return response
    context = {
        "form": form,
        "person_id": person.pk,
        "counts": disclosure_counts(actor=request.user, person=person),
    }
    return render(request, "cases/disclosure.html", context, status=form_status(request, form))
