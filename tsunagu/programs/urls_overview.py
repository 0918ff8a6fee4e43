"""The overview (全体概況), inside the lead's "programs" namespace mounted at /programs/."""

from django.urls import path

from tsunagu.programs import views_overview

urlpatterns = [
    path("overview/", views_overview.overview, name="overview"),
    path("overview/rates/", views_overview.overview_rates, name="overview_rates"),
    path("overview/hosts/<int:host_id>/", views_overview.overview_host, name="overview_host"),
]
