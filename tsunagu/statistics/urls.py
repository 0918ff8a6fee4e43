"""The national statistics (counts only) and their reference tables."""

from django.urls import path

from tsunagu.statistics import views

app_name = "statistics"

urlpatterns = [
    path("", views.report, name="report"),
    path("background/", views.report_job, name="report_job"),
    path("reference/", views.reference, name="reference"),
    path("reference/population/", views.population_add, name="population_add"),
    path("reference/targets/", views.benchmark_add, name="benchmark_add"),
]
