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
]
