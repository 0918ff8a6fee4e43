"""Children: their records, まじくる and the high-school entrance support."""

from django.urls import path

from tsunagu.children import views

app_name = "children"

urlpatterns = [
    path("", views.child_list, name="child_list"),
    path("household/<int:person_id>/add/", views.child_add, name="child_add"),
    path("<int:child_id>/", views.child_detail, name="child_detail"),
    path("<int:child_id>/edit/", views.child_edit, name="child_edit"),
]
