"""The read-only endpoints of /api/v1/. Thin: the permission of the role (`require_perm`), the scoped
queryset of the owning app (api/selectors.py), a page by key, and one audit event listing the people the
response shows (`record_people_seen`, as every page does). Statistics are counts only and record an EXPORT
of the figures, as the statistician's downloads do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tsunagu.api import selectors
from tsunagu.api import serializers as shown
from tsunagu.api.authentication import TokenAuthentication
from tsunagu.api.paging import CaseFilter, ListQuery, PersonFilter, page_by_key, read_query
from tsunagu.api.rules import READ_PEOPLE, READ_PROGRAMS, READ_REFERRALS, READ_STATISTICS
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event, record_people_seen
from tsunagu.core.http import require_perm
from tsunagu.statistics import selectors as statistics
from tsunagu.statistics.indicators import fiscal_year_period, month_period


class ApiView(APIView):
    """Token or session (with CSRF, for the browsable pages); Japanese unless the language cookie, or a
    token client's Accept-Language, asks for English."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]

    def initial(self, request, *args, **kwargs):
        # As the pages: Japanese unless the language switch's cookie says otherwise. A system sending a
        # token has no cookie; its Accept-Language is its choice (a browser's is not: front-line staff
        # expect Japanese on every machine, see core.middleware.JapaneseFirstLocaleMiddleware).
        language = request.LANGUAGE_CODE
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES and request.META.get("HTTP_AUTHORIZATION"):
            language = translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        super().initial(request, *args, **kwargs)


def paged(serializer_class):
    return inline_serializer(
        name=f"{serializer_class.Meta.model.__name__}Page",
        fields={
            "next": serializers.CharField(
                allow_null=True, help_text=gettext_lazy("The cursor of the next page, or null.")
            ),
            "results": serializer_class(many=True),
        },
    )


class Endpoint:
    """One kind of record: its permission, its scoped rows, how it is shown, its paging key, the people
    each row shows, the filters its list takes."""

    def __init__(
        self,
        *,
        name: str,
        permission: str,
        rows: Callable,
        serializer,
        key: str,
        people: Callable,
        query=ListQuery,
        filters: dict[str, str] | None = None,
        context: Callable | None = None,
    ) -> None:
        self.name, self.permission, self.rows, self.serializer = name, permission, rows, serializer
        self.key, self.people, self.query, self.filters = key, people, query, filters or {}
        self.context = context or (lambda user: {})

    def list_view(self):
        endpoint = self

        class ListView(ApiView):
            @extend_schema(
                parameters=[endpoint.query],
                responses=paged(endpoint.serializer),
                operation_id=f"{endpoint.name}_list",
            )
            def get(self, request: Request) -> Response:
                require_perm(request, endpoint.permission)
                query = read_query(endpoint.query, request.query_params)
                rows = endpoint.rows(request.user)
                for param, field in endpoint.filters.items():
                    if param in query:
                        rows = rows.filter(**{field: query[param]})
                page = page_by_key(rows, key=endpoint.key, query=query)
                record_people_seen(
                    request, [endpoint.people(row) for row in page.rows], page=f"api.{endpoint.name}"
                )
                data = endpoint.serializer(page.rows, many=True, context=endpoint.context(request.user)).data
                return Response({"next": page.next_cursor, "results": data})

        ListView.__name__ = ListView.__qualname__ = f"{endpoint.name.title().replace('_', '')}List"
        return ListView.as_view()

    def detail_view(self):
        endpoint = self

        class DetailView(ApiView):
            @extend_schema(responses=endpoint.serializer, operation_id=f"{endpoint.name}_retrieve")
            def get(self, request: Request, **kwargs: int) -> Response:
                (pk,) = kwargs.values()
                require_perm(request, endpoint.permission)
                row = selectors.one(endpoint.rows(request.user), pk)
                record_people_seen(request, [endpoint.people(row)], page=f"api.{endpoint.name}", target=row)
                return Response(endpoint.serializer(row, context=endpoint.context(request.user)).data)

        DetailView.__name__ = DetailView.__qualname__ = f"{endpoint.name.title().replace('_', '')}Detail"
        return DetailView.as_view()


ENDPOINTS = {
    "people": Endpoint(
        name="people", permission=READ_PEOPLE, rows=selectors.people, serializer=shown.PersonSerializer,
        key="updated_at", people=lambda person: person.pk,
    ),
    "cases": Endpoint(
        name="cases", permission=READ_PEOPLE, rows=selectors.cases_of, serializer=shown.CaseSerializer,
        key="updated_at", people=lambda case: case.person_id, query=PersonFilter, filters={"person": "person_id"},
    ),
    "notes": Endpoint(
        name="notes", permission=READ_PEOPLE, rows=selectors.notes, serializer=shown.NoteSerializer,
        key="created_at", people=lambda note: note.case.person_id, query=CaseFilter,
        filters={"person": "case__person_id", "case": "case_id"},
    ),
    "plans": Endpoint(
        name="plans", permission=READ_PEOPLE, rows=selectors.plans, serializer=shown.PlanSerializer,
        key="updated_at", people=lambda plan: plan.case.person_id, query=CaseFilter,
        filters={"person": "case__person_id", "case": "case_id"},
    ),
    "placements": Endpoint(
        name="placements", permission=READ_PROGRAMS, rows=selectors.placements,
        serializer=shown.PlacementSerializer, key="updated_at", people=lambda p: p.person_id,
        query=PersonFilter, filters={"person": "person_id"},
    ),
    "attendance": Endpoint(
        name="attendance", permission=READ_PROGRAMS, rows=selectors.attendance,
        serializer=shown.AttendanceSerializer, key="recorded_at", people=lambda a: a.placement.person_id,
        query=PersonFilter, filters={"person": "placement__person_id"},
        context=lambda user: {"sees_absence_reasons": selectors.sees_absence_reasons(user)},
    ),
    "referrals": Endpoint(
        name="referrals", permission=READ_REFERRALS, rows=selectors.referrals, serializer=shown.ReferralSerializer,
        key="updated_at", people=lambda r: r.case.person_id, query=PersonFilter,
        filters={"person": "case__person_id"}, context=lambda user: {"sees_case": selectors.sees_referral_case(user)},
    ),
    "work_logs": Endpoint(
        name="work_logs", permission=READ_PROGRAMS, rows=selectors.work_logs, serializer=shown.WorkLogSerializer,
        key="recorded_at", people=lambda log: log.person_id, query=PersonFilter, filters={"person": "person_id"},
    ),
}  # fmt: skip


class StatisticsQuery(serializers.Serializer):
    month = serializers.RegexField(
        r"^\d{4}-(0[1-9]|1[0-2])$",
        required=False,
        help_text=gettext_lazy("A month, e.g. 2026-10 (default: last month)."),
    )
    year = serializers.IntegerField(
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=gettext_lazy("A fiscal year (the year of its April)."),
    )
    office = serializers.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, help_text=gettext_lazy("An office's id.")
    )


class StatisticsView(ApiView):
    """The national monthly figures (生活困窮者自立支援統計) of the user's organisation: counts only."""

    @extend_schema(
        parameters=[StatisticsQuery],
        responses=shown.StatisticsSerializer,
        operation_id="statistics_retrieve",
    )
    def get(self, request: Request) -> Response:
        require_perm(request, READ_STATISTICS)
        query = read_query(StatisticsQuery, request.query_params)
        if "year" in query:
            period = fiscal_year_period(query["year"])
        else:
            today = timezone.localdate()
            last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
            month = dt.date.fromisoformat(query["month"] + "-01") if "month" in query else last_month
            period = month_period(month)
        office_id = query.get("office")
        if office_id is not None and not statistics.offices(request.user).filter(pk=office_id).exists():
            raise serializers.ValidationError(
                {"office": [translation.gettext("No office of yours has this id.")]}
            )
        report = statistics.report_for(request.user, period=period, office_id=office_id, reporter="")
        record_event(
            action=AuditAction.EXPORT, request=request._request, actor=request.user,
            detail={"page": "api.statistics", "first_day": period.first.isoformat(), "months": period.months,
                    "office": office_id},
        )  # fmt: skip
        return Response(shown.StatisticsSerializer(report).data)
