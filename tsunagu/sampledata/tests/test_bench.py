"""bench-data fills a database with realistic synthetic data: the ratios of the brief, statuses that follow
from the records, dates that hold together, working search keys and logins, the same data for the same seed.

A 200-person run is made once for the module, with a fixed seed and a fixed `as_of` day so that its counts
are the same every day; the run of the seed test ends today, to check that nothing lies in the future."""

import datetime as dt
import random
from io import StringIO

import jaconv
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection, models, transaction
from django.db.models import F, Max, Q
from django.test import override_settings
from django.utils import timezone

from tsunagu.accounts.models import User
from tsunagu.cases.models import (
    OPEN_STATUSES,
    Assessment,
    Case,
    CaseStatus,
    Closure,
    ClosureStatus,
    Monitoring,
    Note,
    Plan,
    PlanStatus,
)
from tsunagu.cases.selectors import CaseFilters, case_list
from tsunagu.cases.services import CONTACT_METHODS, derive_status
from tsunagu.people.models import Consent, ConsentScope, Person, StageChange
from tsunagu.programs.models import (
    OPEN_PLACEMENT_STATUSES,
    Attendance,
    AttendanceStatus,
    Placement,
    PlacementStatus,
    Session,
)
from tsunagu.sampledata.bench import TABLES, generate
from tsunagu.sampledata.stories import workday_between
from tsunagu.sampledata.tables import FOLLOW_UP_NOTES
from tsunagu.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db
PEOPLE = 200
AS_OF = dt.date(2026, 11, 27)
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def bench(django_db_setup, django_db_blocker):
    """200 people, generated once in a transaction that is rolled back after this module's tests."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER), transaction.atomic():
        counts = generate(people=PEOPLE, as_of=AS_OF, stream=None)
        yield counts
        transaction.set_rollback(True)


def per_person(model) -> float:
    return model.objects.count() / PEOPLE


def test_rows_per_person_follow_the_ratios(bench):
    assert Person.objects.count() == PEOPLE
    assert per_person(Case) == pytest.approx(1.2, rel=0.2)
    assert per_person(Note) == pytest.approx(20, rel=0.2)
    assert per_person(Attendance) == pytest.approx(30, rel=0.2)
    assert per_person(Assessment) == pytest.approx(1, rel=0.2)
    assert per_person(Plan) == pytest.approx(1, rel=0.2)
    assert per_person(Placement) == pytest.approx(0.5, rel=0.3)
    # What the command reports is what is in the database.
    assert bench["notes"] == Note.objects.count()
    assert bench["attendance"] == Attendance.objects.count()


def test_every_status_appears_in_realistic_proportions(bench):
    counts = {s: Case.objects.filter(status=s).count() for s in CaseStatus.values}
    assert all(counts.values()), counts
    assert max(counts, key=counts.get) == CaseStatus.SUPPORT
    assert counts[CaseStatus.CLOSED] > counts[CaseStatus.INTAKE]
    # A person has at most one open case: earlier cases have ended.
    for person in Person.objects.filter(cases__status__in=OPEN_STATUSES).distinct()[:100]:
        assert person.cases.filter(status__in=OPEN_STATUSES).count() == 1


def test_statuses_follow_from_the_records(bench):
    sample = list(Case.objects.order_by("id"))[::3]
    wrong = [
        (c.pk, c.status, c.closed_on, derive_status(c))
        for c in sample
        if derive_status(c) != (c.status, c.closed_on)
    ]
    assert not wrong, wrong[:5]


def test_derived_fields_are_those_the_services_would_set(bench):
    for case in Case.objects.order_by("id")[::4]:
        contact_days = [
            timezone.localtime(at).date()
            for at in case.notes.filter(method__in=CONTACT_METHODS).values_list("occurred_at", flat=True)
        ]
        contact_days += case.monitorings.values_list("monitored_on", flat=True)
        assert case.last_contact_on == max(contact_days), case.pk
        # The current plan's approval set the next monitoring, and each monitoring of it since.
        approved = case.plans.filter(status=PlanStatus.APPROVED).first()
        latest_monitoring = case.monitorings.filter(plan=approved).order_by("-monitored_on").first()
        if case.status not in OPEN_STATUSES:
            assert case.next_monitoring_on is None  # a case that has ended has no monitoring to come
        elif latest_monitoring:
            assert case.next_monitoring_on == latest_monitoring.next_monitoring_on
        elif approved:
            assert case.next_monitoring_on == approved.next_monitoring_on
        else:
            assert case.next_monitoring_on is None
    support = Case.objects.filter(status=CaseStatus.SUPPORT)
    assert not support.filter(next_monitoring_on__isnull=True).exists()
    overdue = support.filter(next_monitoring_on__lt=AS_OF).count()
    assert 0 < overdue < support.count() / 2  # some overdue, not most


def _dates_out_of_order(as_of: dt.date) -> list[str]:
    """Every event date is before `as_of` and on or after its case's intake."""
    problems = []
    midnight = timezone.make_aware(dt.datetime.combine(as_of, dt.time()))
    checks = [
        (Case, ("intake_date", "application_signed_on", "closed_on", "last_contact_on"), "intake_date"),
        (Assessment, ("assessed_on",), "case__intake_date"),
        (Plan, ("period_start", "agreed_on", "approved_on", "meeting_date"), "case__intake_date"),
        (Closure, ("closed_on",), "case__intake_date"),
        (Monitoring, ("monitored_on",), "case__intake_date"),
        (Placement, ("waiting_since", "visited_on", "trial_from", "started_on", "completed_on", "interrupted_on"),
         "case__intake_date"),
        (Session, ("date",), None),
        (StageChange, ("changed_on",), None),
        (Consent, ("signed_on",), None),
    ]  # fmt: skip
    for model, fields, intake in checks:
        for name in fields:
            if model.objects.filter(**{f"{name}__gte": as_of}).exists():
                problems.append(f"{model.__name__}.{name} in the future")
            if intake and model.objects.filter(**{f"{name}__lt": F(intake)}).exists():
                problems.append(f"{model.__name__}.{name} before intake")
    if Note.objects.filter(occurred_at__gte=midnight).exists():
        problems.append("note in the future")
    if Note.objects.filter(occurred_at__date__lt=F("case__intake_date")).exists():
        problems.append("note before intake")
    follow_ups = [text for _method, _minutes, text in FOLLOW_UP_NOTES]  # the one note after closure
    if (
        Note.objects.filter(case__closed_on__isnull=False, occurred_at__date__gt=F("case__closed_on"))
        .exclude(content__in=follow_ups)
        .exists()
    ):
        problems.append("note after closure")
    if Attendance.objects.filter(session__date__lt=F("placement__case__intake_date")).exists():
        problems.append("attendance before intake")
    if (
        Person.objects.filter(date_of_birth__year__lt=as_of.year - 86).exists()
        or Person.objects.filter(date_of_birth__year__gt=as_of.year - 18).exists()
    ):
        problems.append("someone younger than 18 or older than 86")
    first = Case.objects.order_by("intake_date").values_list("intake_date", flat=True).first()
    if first and first < as_of - dt.timedelta(days=5 * 366):
        problems.append("intake more than five years back")
    return problems


def test_dates_hold_together(bench):
    assert _dates_out_of_order(AS_OF) == []
    # Spread over the five years, not bunched up.
    years = set(Case.objects.values_list("intake_date__year", flat=True))
    assert len(years) >= 5


def test_search_keys_are_filled_and_a_worker_finds_a_person_by_reading(bench):
    for person in Person.objects.order_by("id")[:50]:
        keys = (person.name_key, person.reading_key, person.phone_key, person.mobile_key)
        person.refresh_search_keys()
        assert keys == (person.name_key, person.reading_key, person.phone_key, person.mobile_key)
        assert person.reading_key and person.name_key
        assert jaconv.kata2hira(person.family_name_kana) == person.family_name_kana  # kept in hiragana
    soudan = User.objects.get(username="soudan")
    case = Case.objects.filter(office=soudan.office).select_related("person").order_by("id").first()
    person = case.person
    katakana = jaconv.hira2kata(f"{person.family_name_kana} {person.given_name_kana}")
    assert case in case_list(soudan, CaseFilters(query=katakana))
    assert case in case_list(soudan, CaseFilters(query=person.family_name + person.given_name))
    if person.mobile_phone:
        assert case in case_list(soudan, CaseFilters(query=person.mobile_phone))


def test_foreign_keys_point_at_rows(bench):
    """The load may skip the database's own checks (PostgreSQL), so check every key here."""
    for _label, model, _columns, _ratio in TABLES:
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.ForeignKey):
                continue
            target = field.related_model._default_manager.values("pk")
            dangling = model.objects.exclude(**{f"{field.attname}__isnull": True}).exclude(
                **{f"{field.attname}__in": target}
            )
            assert not dangling.exists(), f"{model.__name__}.{field.name}"


def test_the_connection_is_left_as_it_was(bench):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW session_replication_role")
            assert cursor.fetchone()[0] == "origin"  # foreign-key triggers are on again


def test_demo_logins_keep_working_with_a_caseload(bench):
    soudan = User.objects.get(username="soudan")
    assert Case.objects.filter(worker=soudan, status__in=OPEN_STATUSES).exists()
    worker = User.objects.get(username="bench-honsho-01")
    assert worker.check_password(settings.TSUNAGU_DEMO_PASSWORD)
    assert worker.office_id == soudan.office_id
    # Every office with cases has a supervisor, who approved its plans and closures.
    for case in Case.objects.filter(status=CaseStatus.CLOSED).select_related("office")[:20]:
        closure = case.closures.get(status=ClosureStatus.APPROVED)
        assert closure.decided_by.office_id == case.office_id
        assert closure.decided_by.has_role("supervisor")
    # Most people are at the hub's main office; the others at its other offices.
    assert Case.objects.filter(office=soudan.office).count() > Case.objects.count() / 2
    assert Case.objects.exclude(office=soudan.office).exists()
    # A share of cases came from the city case worker, most with consent to share with the city.
    referred = Case.objects.filter(referring_caseworker__username="cw")
    assert referred.exists()
    assert Consent.objects.filter(scope=ConsentScope.SHARE_CITY, person__cases__in=referred).exists()
    assert Person.objects.filter(is_dv_protected=True).exists()


def test_placements_and_attendance_hold_together(bench):
    assert (
        not Placement.objects.filter(status__in=OPEN_PLACEMENT_STATUSES)
        .exclude(case__status__in=OPEN_STATUSES)
        .exists()
    )
    assert not Placement.objects.filter(status=PlacementStatus.INTERRUPTED, interruption_reason="").exists()
    assert not Attendance.objects.exclude(session__host=F("placement__host")).exists()
    assert not Attendance.objects.filter(
        Q(session__date__gt=F("placement__completed_on"))
        | Q(session__date__gt=F("placement__interrupted_on"))
    ).exists()
    assert not Placement.objects.filter(status=PlacementStatus.WAITING, attendances__isnull=False).exists()
    present = Attendance.objects.filter(status=AttendanceStatus.PRESENT).count()
    assert present > 0.75 * Attendance.objects.count()
    # Sessions are shared by the placements of a host.
    busiest = Session.objects.annotate(n=models.Count("attendances")).aggregate(m=Max("n"))["m"]
    assert busiest > 1


def test_steps_into_work_are_dated_inside_their_cases_and_counted_by_the_statistics(bench):
    from tsunagu.cases.models import ClosureReason
    from tsunagu.jobs.models import OutcomeKind, RetentionCheck, WorkOutcome
    from tsunagu.statistics.indicators import Period, Scope, count_figures

    outcomes = WorkOutcome.objects.all()
    assert outcomes.filter(kind=OutcomeKind.STARTED_WORK).exists()
    assert outcomes.filter(kind=OutcomeKind.INCOME_RISE).exists()
    assert not outcomes.filter(on__lt=F("case__intake_date")).exists()
    assert not outcomes.filter(on__gte=AS_OF).exists()
    assert not outcomes.filter(case__closed_on__lt=F("on")).exists()
    assert not outcomes.filter(kind=OutcomeKind.INCOME_RISE, income_after__lte=F("income_before")).exists()
    # A start has its three retention checks, as the jobs service makes them; those due are answered.
    starts = outcomes.filter(kind=OutcomeKind.STARTED_WORK).count()
    assert RetentionCheck.objects.count() == 3 * starts
    assert not RetentionCheck.objects.filter(due_on__lt=AS_OF, checked_on__isnull=True).exists()
    assert not RetentionCheck.objects.filter(due_on__gte=AS_OF, checked_on__isnull=False).exists()
    # A case closed because the person found work has a start of work before its closure.
    employed = Case.objects.filter(
        closures__reason=ClosureReason.EMPLOYED, closures__status=ClosureStatus.APPROVED
    )
    assert employed.exists()
    assert not employed.exclude(work_outcomes__kind=OutcomeKind.STARTED_WORK).exists()
    # Over the five years, most steps into work are of people who held a plan flagged 就労支援対象.
    office = Case.objects.values_list("office__organisation_id", flat=True).first()
    figures = count_figures(Period(dt.date(2021, 11, 27), AS_OF, 60), Scope(organisation_id=office))
    assert 0 < figures.started_work_supported <= figures.started_work
    assert figures.started_work_supported > figures.started_work / 2
    assert (
        0.2
        < (figures.started_work_supported + figures.income_rise_supported) / figures.employment_support
        < 1
    )


def test_a_drawn_working_day_never_lies_past_its_upper_bound():
    workdays = [10, 11, 12, 15, 16]
    draws = {workday_between(workdays, random.Random(seed).random, 9, 15) for seed in range(50)}
    assert draws == {10, 11, 12, 15}
    assert workday_between(workdays, random.random, 13, 14) == 13  # a weekend: the first day
    assert workday_between(workdays, random.random, 17, 16) == 16  # no room: the bound wins
    assert workday_between(workdays, random.random, 16, 16) == 16


def _people(seed: int) -> tuple[list[tuple], list[str]]:
    with transaction.atomic():
        # The module's 200-person run is in the same database, told up to AS_OF: so is this one.
        generate(people=30, seed=seed, as_of=AS_OF, stream=None)
        people = list(
            Person.objects.order_by("id").values_list(
                "family_name", "given_name", "given_name_kana", "date_of_birth", "mobile_phone", "area__name"
            )
        )
        problems = _dates_out_of_order(AS_OF)
        transaction.set_rollback(True)
    return people, problems


def test_the_same_seed_gives_the_same_people_and_nothing_lies_in_the_future():
    first, problems = _people(seed=7)
    again, _problems = _people(seed=7)
    other, _problems = _people(seed=8)
    assert first == again
    assert first != other
    assert problems == []


def test_refuses_a_database_that_holds_people_unless_forced():
    PersonFactory()
    before = Person.objects.count()
    with pytest.raises(CommandError, match="--force"):
        call_command("bench_data", size="S", people=5, stdout=StringIO(), stderr=StringIO())
    assert Person.objects.count() == before
    out = StringIO()
    call_command("bench_data", size="S", people=5, force=True, verbosity=0, stdout=out)
    assert Person.objects.count() == before + 5
    assert "people 5" in out.getvalue()


def test_a_year_of_coordination_meetings_and_referrals_as_the_services_would_have_written(bench):
    from tsunagu.network.models import AgendaCase, Decision, Meeting, Referral, ReferralChange
    from tsunagu.network.selectors_referrals import inbox

    year_ago = AS_OF - dt.timedelta(days=365)
    meetings = Meeting.objects.all()
    assert meetings.exists() and bench["meetings"] == meetings.count()
    assert not meetings.exclude(kind="coordination").exists()
    assert not meetings.filter(Q(held_on__lt=year_ago) | Q(held_on__gte=AS_OF)).exists()
    # Each decision approves a plan of a case on the agenda, at that meeting's date.
    for decision in Decision.objects.select_related("plan", "meeting")[:50]:
        assert decision.plan.meeting_date == decision.meeting.held_on
        assert AgendaCase.objects.filter(meeting=decision.meeting, case=decision.case_id).exists()
    assert not Meeting.objects.filter(attendees__isnull=True).exists()

    referrals = Referral.objects.select_related("consent", "case")
    assert referrals.exists() and bench["referrals"] == referrals.count()
    for referral in referrals:
        # The basis: the person's consent to share with the receiver, signed by the day it was sent.
        assert referral.consent.person_id == referral.case.person_id
        assert referral.consent.shared_with.filter(pk=referral.receiver_id).exists()
        assert referral.consent.signed_on <= referral.sent_on < AS_OF
        assert referral.case.intake_date <= referral.sent_on
        last = ReferralChange.objects.filter(referral=referral).order_by("-on", "-id").first()
        assert last.to_status == referral.status
        assert referral.is_open == (referral.closed_on is None)
    # 法テラス's partner login has an inbox; a declined referral says why.
    houterasu = User.objects.get(username="houterasu")
    assert inbox(houterasu).exists()
    assert (
        referrals.filter(status="declined").exclude(decline_reason="").count()
        == referrals.filter(status="declined").count()
    )
