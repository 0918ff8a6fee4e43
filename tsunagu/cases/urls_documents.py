"""The printable PDFs; included by the lead inside the "cases" namespace (cases:plan_pdf, …)."""

from django.urls import path

from tsunagu.cases import views_documents

urlpatterns = [
    path("plans/<int:plan_id>/pdf/", views_documents.plan_pdf_view, name="plan_pdf"),
    path(
        "<int:case_id>/support-record.pdf", views_documents.support_record_pdf_view, name="support_record_pdf"
    ),
    path(
        "assessments/<int:assessment_id>/pdf/",
        views_documents.intake_assessment_pdf_view,
        name="intake_assessment_pdf",
    ),
    path("evaluations/<int:evaluation_id>/pdf/", views_documents.evaluation_pdf_view, name="evaluation_pdf"),
]
