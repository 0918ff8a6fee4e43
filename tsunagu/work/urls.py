"""Work and pay. Each area adds its own urls_<area>.py here."""

from django.urls import include, path

app_name = "work"

urlpatterns: list = []
urlpatterns += [path("pay/", include("tsunagu.work.urls_pay"))]
