from django.urls import path

from tsunagu.programs import views_partner

urlpatterns = [
    path("partner/", views_partner.partner_home, name="partner_home"),
    path(
        "partner/placements/<int:placement_id>/evaluate/",
        views_partner.partner_evaluate,
        name="partner_evaluate",
    ),
]
