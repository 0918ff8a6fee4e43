"""The work catalog's pages and production totals, inside the "work" namespace (mounted at /work/catalog/)."""

from django.urls import path

from tsunagu.work import views_catalog as views
from tsunagu.work import views_production

urlpatterns = [
    path("", views.work_sites, name="sites"),
    path("new/", views.work_type_create, name="work_type_create"),
    path("types/<int:work_type_id>/", views.work_type_detail, name="work_type_detail"),
    path("types/<int:work_type_id>/edit/", views.work_type_edit, name="work_type_edit"),
    path("types/<int:work_type_id>/levels/new/", views.level_add, name="level_add"),
    path("types/<int:work_type_id>/orders/new/", views.order_add, name="order_add"),
    path("levels/<int:level_id>/edit/", views.level_edit, name="level_edit"),
    path("levels/<int:level_id>/rates/new/", views.rate_add, name="rate_add"),
    path("rates/<int:rate_id>/remove/", views.rate_remove, name="rate_remove"),
    path("minimum-wages/", views.minimum_wages, name="minimum_wages"),
    path("production/", views_production.production_totals, name="production"),
    path("production.xlsx", views_production.production_export, name="production_export"),
]
