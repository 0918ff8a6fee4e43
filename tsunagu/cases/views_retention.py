"""The administrator's retention screen: what the retention job would blank today (a dry run, counts only),
and the apply, confirmed, by POST. Applying twice is harmless: the second run finds no one due."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from tsunagu.cases.retention import anonymise_due, report_rows
from tsunagu.core.forms import form_status
from tsunagu.core.http import require_perm


class ApplyRetentionForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have read the report: blank these records for good (this cannot be undone)."),
        required=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def retention(request: HttpRequest) -> HttpResponse:
    require_perm(request, "cases.anonymise_closed_cases")
    today = timezone.localdate()
    form = ApplyRetentionForm(request.POST) if request.method == "POST" else ApplyRetentionForm()
    applied = request.method == "POST" and form.is_valid()
    report = anonymise_due(actor=request.user, today=today, dry_run=not applied)
    context = {
        "form": ApplyRetentionForm() if applied else form,
        "report": report,
        "rows": report_rows(report),
        "applied": applied,
    }
    return render(request, "cases/retention.html", context, status=form_status(request, form))
