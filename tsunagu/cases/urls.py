from django.urls import include, path

from tsunagu.cases import views, views_disclosure, views_report, views_retention

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("caseload/", views.caseload, name="caseload"),
    path("new/", views.intake, name="intake"),
    path("approvals/", views.approval_queue, name="approvals"),
    path("transfers/", views.transfers, name="transfers"),
    path("municipal-report/", views_report.municipal_report_page, name="municipal_report"),
    path("retention/", views_retention.retention, name="retention"),
    path("disclosure/<int:person_id>/", views_disclosure.disclosure, name="disclosure"),
    path("municipal-report/pdf/", views_report.municipal_report_pdf, name="municipal_report_pdf"),
    path("transfers/<int:transfer_id>/decide/", views.transfer_decide, name="transfer_decide"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/notes/", views.note_add, name="note_add"),
    path("<int:case_id>/assessment/", views.assessment_create, name="assessment_create"),
    path("<int:case_id>/plans/new/", views.plan_create, name="plan_create"),
    path("<int:case_id>/monitoring/", views.monitoring_create, name="monitoring_create"),
    path("<int:case_id>/evaluation/", views.evaluation_create, name="evaluation_create"),
    path("<int:case_id>/closure/", views.closure_request, name="closure_request"),
    path("<int:case_id>/emergency/", views.emergency_support_add, name="emergency_support_add"),
    path("<int:case_id>/reassign/", views.reassign, name="reassign"),
    path("<int:case_id>/confirm-contact/", views.confirm_contact, name="confirm_contact"),
    path("assessments/<int:assessment_id>/", views.assessment_detail, name="assessment_detail"),
    path("plans/<int:plan_id>/", views.plan_edit, name="plan_edit"),
    path("plans/<int:plan_id>/submit/", views.plan_submit, name="plan_submit"),
    path("plans/<int:plan_id>/return/", views.plan_return, name="plan_return"),
    path("plans/<int:plan_id>/decision/", views.plan_decision, name="plan_decision"),
    path("closures/<int:closure_id>/decide/", views.closure_decide, name="closure_decide"),
    path("", include("tsunagu.cases.urls_documents")),
]
