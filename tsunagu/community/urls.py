"""The community: local issues and resources, cafeterias, supporters, the area view, projects."""

from django.urls import path

from tsunagu.community import views

app_name = "community"

urlpatterns = [
    path("", views.home, name="home"),
    path("issues/", views.issue_list, name="issue_list"),
    path("issues/new/", views.issue_create, name="issue_create"),
    path("issues/<int:issue_id>/", views.issue_detail, name="issue_detail"),
    path("issues/<int:issue_id>/match/", views.issue_match, name="issue_match"),
    path("issues/<int:issue_id>/status/", views.issue_status, name="issue_status"),
    path("issues/<int:issue_id>/edit/", views.issue_edit, name="issue_edit"),
    path("resources/", views.resource_list, name="resource_list"),
    path("resources/new/", views.resource_create, name="resource_create"),
    path("resources/<int:resource_id>/", views.resource_detail, name="resource_detail"),
    path("resources/<int:resource_id>/sessions/", views.session_create, name="session_create"),
    path("sessions/<int:resource_session_id>/edit/", views.session_edit, name="session_edit"),
    path("people/<int:person_id>/supporter/", views.supporter_create, name="supporter_create"),
    path("supporters/<int:role_id>/edit/", views.supporter_edit, name="supporter_edit"),
    path("supporters/<int:role_id>/end/", views.supporter_end, name="supporter_end"),
    path("areas/", views.area_view, name="area_view"),
    path("areas/export.csv", views.area_export, name="area_export"),
    path("bodies/<int:body_id>/", views.body_detail, name="body_detail"),
    path("bodies/<int:body_id>/area/", views.body_area, name="body_area"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:project_id>/", views.project_detail, name="project_detail"),
    path("projects/<int:project_id>/diagram.svg", views.project_diagram, name="project_diagram"),
    path("projects/<int:project_id>/partners/", views.partner_add, name="partner_add"),
    path("projects/<int:project_id>/flows/", views.flow_add, name="flow_add"),
    path("projects/<int:project_id>/days/", views.work_day_add, name="work_day_add"),
]
