"""Job placement (無料職業紹介) and a case's work outcomes."""

from django.urls import path

from tsunagu.jobs import views, views_paperwork

app_name = "jobs"

urlpatterns = [
    path("", views.home, name="home"),
    path("licence/", views.licence, name="licence"),
    path("openings/new/", views.opening_create, name="opening_create"),
    path("openings/<int:opening_id>/", views.opening_detail, name="opening_detail"),
    path("cases/<int:case_id>/seeker/", views.seeker_create, name="seeker_create"),
    path("seekers/<int:seeker_id>/", views.seeker_detail, name="seeker_detail"),
    path("seekers/<int:seeker_id>/introductions/", views.introduction_add, name="introduction_add"),
    path("introductions/<int:introduction_id>/", views.introduction_step, name="introduction_step"),
    path("cases/<int:case_id>/outcomes/new/", views.outcome_add, name="outcome_add"),
    path("checks/<int:check_id>/", views.retention_check, name="retention_check"),
    path("register/", views_paperwork.register, name="register"),
    path("register/xlsx/", views_paperwork.register_xlsx, name="register_xlsx"),
    path("register/pdf/", views_paperwork.register_pdf, name="register_pdf"),
    path("report/", views_paperwork.placement_report, name="placement_report"),
    path("report/pdf/", views_paperwork.placement_report_pdf, name="placement_report_pdf"),
]
