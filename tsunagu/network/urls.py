"""The hub network: meetings (and, later, the directory and referrals)."""

from django.urls import include, path

from tsunagu.network import views

app_name = "network"

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_id>/minutes/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:meeting_id>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("meetings/<int:meeting_id>/attendees/", views.attendee_add, name="attendee_add"),
    path("meetings/<int:meeting_id>/confidentiality/", views.acknowledge, name="acknowledge"),
    path("meetings/<int:meeting_id>/agenda/", views.agenda_add, name="agenda_add"),
    path("meetings/<int:meeting_id>/coordination/", views.coordination_decide, name="coordination_decide"),
    path("meetings/<int:meeting_id>/decisions/", views.decision_add, name="decision_add"),
    path("meetings/<int:meeting_id>/actions/", views.action_add, name="action_add"),
    path("actions/<int:action_id>/done/", views.action_done, name="action_done"),
    path("bodies/", views.body_list, name="body_list"),
    path("bodies/<int:body_id>/", views.body_edit, name="body_edit"),
    path("", include("tsunagu.network.urls_referrals")),
]
