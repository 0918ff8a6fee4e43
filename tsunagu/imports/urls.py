"""Imports of a hub's existing ledgers."""

from django.urls import path

from tsunagu.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.home, name="home"),
    path("template.xlsx", views.template, name="template"),
    path("sample-ledger.xlsx", views.sample_ledger, name="sample_ledger"),
    path("sample-ledger.csv", views.sample_ledger_csv, name="sample_ledger_csv"),
    path("sample-records.xlsx", views.sample_records, name="sample_records"),
    path("uploads/<int:upload_id>/mapping/", views.mapping, name="mapping"),
    path("uploads/<int:upload_id>/preview/", views.preview, name="preview"),
    path("uploads/<int:upload_id>/discard/", views.discard, name="discard"),
]
