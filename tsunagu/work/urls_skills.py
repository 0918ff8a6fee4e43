"""The supervisors' skill ladder: /work/skills/…"""

from django.urls import path

from tsunagu.work import views_skills

urlpatterns = [
    path("sites/<int:host_id>/", views_skills.skill_queue, name="skill_queue"),
    path("people/<int:person_id>/confirm/", views_skills.skill_confirm, name="skill_confirm"),
    path("people/<int:person_id>/set/", views_skills.skill_set, name="skill_set"),
]
