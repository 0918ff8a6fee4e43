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
    path("cases/<int:case_id>/hello-work/new/", views.hello_work_add, name="hello_work_add"),
    path("hello-work/<int:hello_work_id>/", views.hello_work_detail, name="hello_work_detail"),
    path("hello-work/<int:hello_work_id>/plan/", views.hello_work_plan, name="hello_work_plan"),
    path("hello-work/<int:hello_work_id>/result/", views.hello_work_result, name="hello_work_result"),
    path("cases/<int:case_id>/internships/new/", views.internship_add, name="internship_add"),
    path("internships/<int:internship_id>/", views.internship_detail, name="internship_detail"),
    path("internships/<int:internship_id>/end/", views.internship_end, name="internship_end"),
    path("partner/internships/", views.partner_internships, name="partner_internships"),
    path("partner/internships/<int:internship_id>/", views.partner_internship, name="partner_internship"),
    path("cases/<int:case_id>/qualifications/new/", views.qualification_add, name="qualification_add"),
    path("qualifications/<int:qualification_id>/", views.qualification_result, name="qualification_result"),
]
