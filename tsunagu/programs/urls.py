from django.urls import include, path

from tsunagu.programs import views

app_name = "programs"
urlpatterns = [
    path("placements/new/<int:person_id>/", views.placement_create, name="placement_create"),
    path("placements/<int:placement_id>/", views.placement_detail, name="placement_detail"),
    path("placements/<int:placement_id>/step/", views.placement_step, name="placement_step"),
    path("people/<int:person_id>/ladder/", views.person_ladder, name="ladder"),
    path("", include("tsunagu.programs.urls_catalog")),
    path("", include("tsunagu.programs.urls_sessions")),
    path("", include("tsunagu.programs.urls_partner")),
    path("", include("tsunagu.programs.urls_overview")),
]
