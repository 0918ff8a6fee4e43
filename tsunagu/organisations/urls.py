from django.urls import path

from tsunagu.organisations import views, views_lists
from tsunagu.organisations.lists import configured_lists

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
    path("lists/", views_lists.list_index, name="lists"),
]
# One page and one edit address per configurable list (registered by the apps in ready(), which has run
# when the URLs are first read), each named for the list so that the URL matrix states its permission.
for _list in configured_lists():
    urlpatterns += [
        path(f"lists/{_list.key}/", views_lists.list_page, {"list_key": _list.key}, name=f"list_{_list.key}"),
        path(
            f"lists/{_list.key}/<int:{_list.id_kwarg}>/",
            views_lists.entry_edit,
            {"list_key": _list.key},
            name=f"list_{_list.key}_edit",
        ),
    ]
