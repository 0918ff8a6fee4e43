"""Work and pay. Each area adds its own urls_<area>.py here."""

from django.urls import include, path

app_name = "work"

urlpatterns: list = [
    path("catalog/", include("tsunagu.work.urls_catalog")),
    path("skills/", include("tsunagu.work.urls_skills")),
    path("", include("tsunagu.work.urls_ladder")),
    path("", include("tsunagu.work.urls_daysheet")),
    path("pay/", include("tsunagu.work.urls_pay")),
    path("", include("tsunagu.work.urls_totals")),
]
