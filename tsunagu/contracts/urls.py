"""The council's contracts (受託事業) and the 沿革."""

from django.urls import path

from tsunagu.contracts import views

app_name = "contracts"

urlpatterns = [
    path("", views.history, name="history"),
    path("new/", views.contract_create, name="contract_create"),
    path("<int:contract_id>/", views.contract_detail, name="contract_detail"),
    path("<int:contract_id>/edit/", views.contract_edit, name="contract_edit"),
    path("<int:contract_id>/xlsx/", views.contract_xlsx, name="contract_xlsx"),
    path("cases/<int:case_id>/assign/", views.case_assign, name="case_assign"),
    path("placements/<int:placement_id>/assign/", views.placement_assign, name="placement_assign"),
    path(
        "case-assignments/<int:case_assignment_id>/end/",
        views.case_assignment_end,
        name="case_assignment_end",
    ),
    path(
        "placement-assignments/<int:placement_assignment_id>/end/",
        views.placement_assignment_end,
        name="placement_assignment_end",
    ),
    path("milestones/new/", views.milestone_create, name="milestone_create"),
    path("milestones/<int:milestone_id>/edit/", views.milestone_edit, name="milestone_edit"),
    path("milestones/<int:milestone_id>/remove/", views.milestone_remove, name="milestone_remove"),
]
