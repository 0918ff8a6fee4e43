"""The printable PDFs; included by the lead inside the "cases" namespace (cases:plan_pdf, …)."""

from django.urls import path

from tsunagu.cases import views_documents

urlpatterns = [
    path("plans/<int:plan_id>/pdf/", views_documents.plan_pdf_view, name="plan_pdf"),
    path(
        "<int:case_id>/support-record.pdf", views_documents.support_record_pdf_view, name="support_record_pdf"
    ),
]
