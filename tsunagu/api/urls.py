"""/api/: the token page, the OpenAPI schema and its browsable documentation, and the read-only /api/v1/."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from tsunagu.api import views
from tsunagu.api.views_api import ENDPOINTS, StatisticsView

app_name = "api"

urlpatterns = [
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("v1/statistics/", StatisticsView.as_view(), name="statistics"),
]

# The kwarg of each detail names its kind (the trust matrix finds the object by it).
DETAIL_KWARGS = {
    "people": "person_id",
    "cases": "case_id",
    "notes": "note_id",
    "plans": "plan_id",
    "placements": "placement_id",
    "attendance": "attendance_id",
    "referrals": "referral_id",
    "work_logs": "work_log_id",
}

for _name, _endpoint in ENDPOINTS.items():
    _route = _name.replace("_", "-")
    urlpatterns += [
        path(f"v1/{_route}/", _endpoint.list_view(), name=f"{_name}_list"),
        path(f"v1/{_route}/<int:{DETAIL_KWARGS[_name]}>/", _endpoint.detail_view(), name=f"{_name}_detail"),
    ]
