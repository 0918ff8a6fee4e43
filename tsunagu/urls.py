from django.urls import include, path
from django.views.i18n import set_language

from tsunagu.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("tsunagu.accounts.urls")),
    path("organisations/", include("tsunagu.organisations.urls")),
    path("audit/", include("tsunagu.audit.urls")),
    path("people/", include("tsunagu.people.urls")),
    path("cases/", include("tsunagu.cases.urls")),
    path("programs/", include("tsunagu.programs.urls")),
    path("work/", include("tsunagu.work.urls")),
    path("network/", include("tsunagu.network.urls")),
    path("jobs/", include("tsunagu.jobs.urls")),
    path("children/", include("tsunagu.children.urls")),
    path("community/", include("tsunagu.community.urls")),
    path("contracts/", include("tsunagu.contracts.urls")),
    path("statistics/", include("tsunagu.statistics.urls")),
    path("imports/", include("tsunagu.imports.urls")),
    path("background/", include("tsunagu.background.urls")),
    path("api/", include("tsunagu.api.urls")),
    path("", include("tsunagu.core.urls")),
]
