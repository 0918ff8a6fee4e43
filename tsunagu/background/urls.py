"""Background jobs: the user's list, one page per job with its progress, cancel and download."""

from django.urls import path

from tsunagu.background import views

app_name = "background"

urlpatterns = [
    path("", views.my_jobs, name="my_jobs"),
    path("<int:job_id>/", views.job_detail, name="job_detail"),
    path("<int:job_id>/progress/", views.job_progress, name="job_progress"),
    path("<int:job_id>/cancel/", views.job_cancel, name="job_cancel"),
    path("<int:job_id>/download/", views.job_download, name="job_download"),
]
