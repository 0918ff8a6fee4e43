"""Person pages. Ids only in addresses, never names or other personal data."""

from django.urls import path

from tsunagu.people import views

app_name = "people"
urlpatterns = [
    path("<int:person_id>/", views.person_detail, name="detail"),
    path("<int:person_id>/edit/", views.person_edit, name="edit"),
    path("<int:person_id>/household/", views.household_add, name="household_add"),
    path("household/<int:member_id>/remove/", views.household_remove, name="household_remove"),
    path("<int:person_id>/consents/", views.consent_add, name="consent_add"),
    path("consents/<int:consent_id>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("<int:person_id>/stage/", views.stage_change, name="stage_change"),
    path("<int:person_id>/merge/", views.person_merge, name="merge"),
    path("reading-suggestion/", views.reading_suggestion, name="reading_suggestion"),
]
