"""The catalog's pages, inside the "programs" namespace (mounted at /programs/)."""

from django.urls import path

from tsunagu.programs import views_catalog as views

urlpatterns = [
    path("", views.catalog, name="catalog"),
    path("new/", views.program_create, name="program_create"),
    path("<int:program_id>/", views.program_detail, name="program_detail"),
    path("<int:program_id>/edit/", views.program_edit, name="program_edit"),
    path("<int:program_id>/end/", views.program_end, name="program_end"),
    path("<int:program_id>/hosts/", views.host_add, name="host_add"),
    path("hosts/<int:host_id>/edit/", views.host_edit, name="host_edit"),
]
