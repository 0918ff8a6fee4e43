"""What the API shows of each record: the fields a page of the same user shows, by id for related records.
A DV-protected person's address and phones are withheld (null) from anyone the person page withholds them
from; a receiver of a referral sees its minimum (the person's name, no case); the host's staff see whether
an absence was notified, never the hub's reason."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tsunagu.cases.models import Case, Note, Plan
from tsunagu.network.models import Referral
from tsunagu.people.models import Person
from tsunagu.programs.models import Attendance, Placement, shared_absence
from tsunagu.work.models import WorkLog

CONTACT_FIELDS = ("postal_code", "address", "phone", "mobile_phone", "email")


class PersonSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)
    full_name_kana = serializers.CharField(read_only=True)
    area_name = serializers.CharField(source="area.name", default=None, read_only=True)
    contact_withheld = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = (
            "id", "full_name", "full_name_kana", "family_name", "given_name", "family_name_kana",
            "given_name_kana", "date_of_birth", "sex", "area", "area_name", *CONTACT_FIELDS,
            "is_dv_protected", "contact_withheld", "current_stage", "anonymised_on", "created_at", "updated_at",
        )  # fmt: skip

    def get_contact_withheld(self, person) -> bool:
        return not getattr(person, "contact_shown", True)

    def to_representation(self, person):
        data = super().to_representation(person)
        if not getattr(person, "contact_shown", True):
            for name in CONTACT_FIELDS:
                data[name] = None
        return data


class CaseSerializer(serializers.ModelSerializer):
    office_name = serializers.CharField(source="office.name", read_only=True)

    class Meta:
        model = Case
        fields = (
            "id", "reference", "person", "office", "office_name", "intake_date", "route", "screening_outcome",
            "contract", "welfare_status", "worker", "employment_worker", "status", "closed_on",
            "last_contact_on", "next_monitoring_on", "created_at", "updated_at",
        )  # fmt: skip


class NoteSerializer(serializers.ModelSerializer):
    person = serializers.IntegerField(source="case.person_id", read_only=True)

    class Meta:
        model = Note
        fields = (
            "id",
            "case",
            "person",
            "occurred_at",
            "method",
            "worker",
            "minutes",
            "content",
            "created_at",
        )


class PlanSerializer(serializers.ModelSerializer):
    person = serializers.IntegerField(source="case.person_id", read_only=True)

    class Meta:
        model = Plan
        fields = (
            "id", "case", "person", "version", "kind", "status", "period_start", "period_end", "long_term_goal",
            "short_term_goals", "own_actions", "employment_support", "agreed_on", "next_monitoring_on",
            "submitted_at", "approved_on", "decided_on", "created_at", "updated_at",
        )  # fmt: skip


class PlacementSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    program = serializers.IntegerField(source="host.program_id", read_only=True)
    program_name = serializers.CharField(source="host.program.name", read_only=True)
    organisation = serializers.IntegerField(source="host.organisation_id", read_only=True)

    class Meta:
        model = Placement
        fields = (
            "id", "person", "person_name", "host", "program", "program_name", "organisation", "status",
            "waiting_since", "visited_on", "trial_from", "started_on", "completed_on", "interrupted_on",
            "created_at", "updated_at",
        )  # fmt: skip


class AttendanceSerializer(serializers.ModelSerializer):
    person = serializers.IntegerField(source="placement.person_id", read_only=True)
    date = serializers.DateField(source="session.date", read_only=True)
    absence_reason = serializers.SerializerMethodField()
    absence_category = serializers.SerializerMethodField()

    class Meta:
        model = Attendance
        fields = (
            "id", "session", "date", "placement", "person", "status", "absence_category", "absence_reason",
            "hours", "recorded_at",
        )  # fmt: skip

    def _hub(self) -> bool:
        return self.context.get("sees_absence_reasons", False)

    def get_absence_category(self, attendance) -> str:
        return attendance.absence_category if self._hub() else shared_absence(attendance.absence_category)

    def get_absence_reason(self, attendance) -> str:
        return attendance.absence_reason if self._hub() else ""


class ReferralSerializer(serializers.ModelSerializer):
    person = serializers.IntegerField(source="case.person_id", read_only=True)
    person_name = serializers.CharField(source="case.person.full_name", read_only=True)
    case = serializers.SerializerMethodField()
    service_name = serializers.CharField(source="service.name", default=None, read_only=True)

    class Meta:
        model = Referral
        fields = (
            "id", "case", "person", "person_name", "sender", "receiver", "service", "service_name", "need",
            "message", "status", "sent_on", "respond_by", "responded_on", "closed_on", "decline_reason",
            "created_at", "updated_at",
        )  # fmt: skip

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_case(self, referral):
        return referral.case_id if self.context.get("sees_case") else None


class WorkLogSerializer(serializers.ModelSerializer):
    work_type_name = serializers.CharField(source="work_type.name", read_only=True)

    class Meta:
        model = WorkLog
        fields = (
            "id", "person", "placement", "attendance", "date", "work_type", "work_type_name", "quantity",
            "minutes", "defects", "recorded_at",
        )  # fmt: skip


class StatisticsLineSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField(allow_null=True)
    rate = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True, coerce_to_string=False)
    per_100k = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, coerce_to_string=False
    )
    target = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, coerce_to_string=False
    )
    ratio = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True, coerce_to_string=False)


class StatisticsSerializer(serializers.Serializer):
    first_day = serializers.DateField(source="period.first")
    last_day = serializers.DateField(source="period.last")
    months = serializers.IntegerField(source="period.months")
    office = serializers.IntegerField(source="scope.office_id", allow_null=True)
    reporter = serializers.CharField(source="scope.reporter")
    population = serializers.IntegerField(allow_null=True)
    lines = StatisticsLineSerializer(many=True)
