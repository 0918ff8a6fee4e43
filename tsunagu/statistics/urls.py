"""The national statistics (counts only) and their reference tables."""

from django.urls import path

from tsunagu.statistics import views

app_name = "statistics"

urlpatterns = [
    path("", views.report, name="report"),
    path("xlsx/", views.report_xlsx, name="report_xlsx"),
    path("csv/", views.report_csv, name="report_csv"),
    path("csv/cp932/", views.report_csv_cp932, name="report_csv_cp932"),
    path("pdf/", views.report_pdf, name="report_pdf"),
    path("background/", views.report_job, name="report_job"),
    path("reference/", views.reference, name="reference"),
    path("reference/population/", views.population_add, name="population_add"),
    path("reference/targets/", views.benchmark_add, name="benchmark_add"),
]
