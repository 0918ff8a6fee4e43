"""Intermediate-employment totals, inside the "work" namespace."""

from django.urls import path

from tsunagu.work import views_totals

urlpatterns = [path("totals/", views_totals.work_totals, name="totals")]
