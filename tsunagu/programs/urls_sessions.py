from django.urls import path

from tsunagu.programs import views_sessions

urlpatterns = [
    path("sessions/", views_sessions.session_index, name="session_index"),
    path("sessions/<int:session_id>/", views_sessions.roll_call, name="roll_call"),
    path("sessions/<int:session_id>/cancel/", views_sessions.session_cancel, name="session_cancel"),
    path("hosts/<int:host_id>/sessions/", views_sessions.host_sessions, name="host_sessions"),
    path(
        "hosts/<int:host_id>/sessions/generate/", views_sessions.sessions_generate, name="sessions_generate"
    ),
]
