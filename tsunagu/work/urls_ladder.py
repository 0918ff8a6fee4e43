"""The ladder, shown: /work/ladder/… (the sites) and a person's work page /work/people/<id>/."""

from django.urls import path

from tsunagu.work import views_ladder

urlpatterns = [
    path("ladder/", views_ladder.ladder_sites, name="ladder_sites"),
    path("ladder/sites/<int:host_id>/", views_ladder.site_levels, name="site_levels"),
    path("people/<int:person_id>/", views_ladder.person_work, name="person"),
]
