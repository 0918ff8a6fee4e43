from django.urls import path

from tsunagu.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("new/", views.organisation_create, name="create"),
    path("<int:organisation_id>/", views.organisation_detail, name="detail"),
    path("<int:organisation_id>/edit/", views.organisation_edit, name="edit"),
    path("<int:organisation_id>/offices/", views.office_add, name="office_add"),
    path("<int:organisation_id>/contacts/", views.contact_add, name="contact_add"),
    path("<int:organisation_id>/services/new/", views.service_add, name="service_add"),
    path("services/<int:service_id>/edit/", views.service_edit, name="service_edit"),
    path("<int:organisation_id>/locations/", views.location_add, name="location_add"),
    path("<int:organisation_id>/hours/", views.opening_time_add, name="opening_time_add"),
    path(
        "hours/<int:opening_time_id>/remove/",
        views.opening_time_remove,
        name="opening_time_remove",
    ),
    path("export/hsds.json", views.export_json, name="export_json"),
    path("export/hsds-csv.zip", views.export_csv, name="export_csv"),
    path("import/", views.import_upload, name="import"),
]
