"""The printable PDFs of a case: thin views; scope is decided by the selectors (404 outside it)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_people_seen
from tsunagu.cases import selectors


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    """Inline, never cached: a PDF of personal data must not stay in a shared browser or proxy cache."""
    response = HttpResponse(content, content_type="application/pdf")
    # Ids only: a person's name never goes into a filename or URL.
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _documents():
    """WeasyPrint is imported on the first PDF only: it costs every server worker memory and start-up time."""
    from tsunagu.cases import documents

    return documents


@login_required
@require_GET
def plan_pdf_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.get_plan(request.user, plan_id)
    content = _documents().plan_pdf(plan)
    record_people_seen(
        request, [plan.case.person_id], page="plan_pdf", target=plan, action=AuditAction.EXPORT
    )
    return _pdf_response(content, f"plan-{plan.pk}.pdf")


@login_required
@require_GET
def support_record_pdf_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.get_case(request.user, case_id)
    # 404, not 403: whoever may not read the notes learns nothing about the case either.
    if not selectors.can_read_notes(request.user, case):
        raise Http404
    notes = list(case.notes.select_related("worker").order_by("occurred_at", "id"))
    content = _documents().support_record_pdf(case, notes)
    record_people_seen(
        request,
        [case.person_id],
        page="support_record_pdf",
        target=case,
        action=AuditAction.EXPORT,
        extra={"notes": len(notes)},
    )
    return _pdf_response(content, f"support-record-{case.pk}.pdf")


@login_required
@require_GET
def intake_assessment_pdf_view(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = selectors.get_assessment(request.user, assessment_id)
    content = _documents().intake_assessment_pdf(assessment.case, assessment)
    record_people_seen(
        request,
        [assessment.case.person_id],
        page="intake_assessment_pdf",
        target=assessment,
        action=AuditAction.EXPORT,
    )
    return _pdf_response(content, f"intake-assessment-{assessment.pk}.pdf")


@login_required
@require_GET
def evaluation_pdf_view(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    evaluation = selectors.get_evaluation(request.user, evaluation_id)
    content = _documents().evaluation_pdf(evaluation)
    record_people_seen(
        request,
        [evaluation.case.person_id],
        page="evaluation_pdf",
        target=evaluation,
        action=AuditAction.EXPORT,
    )
    return _pdf_response(content, f"evaluation-{evaluation.pk}.pdf")
