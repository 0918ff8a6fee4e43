"""The referral pages (つなぎ) and the network view, included in network's urls (same namespace)."""

from django.urls import path

from tsunagu.network import views_referrals as views

urlpatterns = [
    path("referrals/", views.referral_list, name="referral_list"),
    path("referrals/inbox/", views.referral_inbox, name="referral_inbox"),
    path("referrals/overdue/", views.referral_overdue, name="referral_overdue"),
    path("referrals/new/<int:case_id>/", views.referral_create, name="referral_create"),
    path("referrals/<int:referral_id>/", views.referral_detail, name="referral_detail"),
    path("referrals/<int:referral_id>/answer/", views.referral_answer, name="referral_answer"),
    path("referrals/<int:referral_id>/forward/", views.referral_forward, name="referral_forward"),
    path("referrals/<int:referral_id>/withdraw/", views.referral_withdraw, name="referral_withdraw"),
    path("map/", views.network_view, name="network_view"),
]
