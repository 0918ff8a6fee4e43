"""The demo caseload reads like a real hub's: every stage of the journey, dates that hold together, and
each case in the status its records imply. The real demo (300 people) is loaded once for the module."""

import datetime as dt
import re
from collections import Counter

import jaconv
import pytest
from django.db import transaction
from django.db.models import Count, F, Max, Q, QuerySet
from django.test import override_settings
from django.utils import timezone
from faker.providers.person.ja_JP import Provider as JapaneseNames

from tsunagu.accounts.models import User
from tsunagu.cases.models import (
    Assessment,
    Case,
    CaseStatus,
    Closure,
    ClosureStatus,
    Concern,
    EmergencyKind,
    EmergencySupport,
    Evaluation,
    Monitoring,
    Note,
    Plan,
    PlanStatus,
    Route,
    WelfareStatus,
)
from tsunagu.cases.municipal_report import municipal_report
from tsunagu.cases.services import CONTACT_METHODS, derive_status
from tsunagu.people.models import Consent, ConsentScope, Person, Stage, StageChange
from tsunagu.programs.models import Placement, PlacementEvaluation, PlacementStatus, Session
from tsunagu.programs.selectors import roll_call_placements
from tsunagu.sampledata.accounts import load_users
from tsunagu.sampledata.cases import load_caseload
from tsunagu.sampledata.catalog import load_catalog
from tsunagu.sampledata.organisations import TOWNS, load_organisations
from tsunagu.sampledata.tables import FOLLOW_UP_NOTES, PLAN_RETURNS

pytestmark = pytest.mark.django_db
HIRAGANA = re.compile(r"^[ぁ-ゖー]+$")
LADDER = [Stage.DAILY_LIFE, Stage.SOCIAL_LIFE, Stage.EMPLOYMENT]
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
RETURN_COMMENTS = "|".join(comment for comment, _goal in PLAN_RETURNS)
FOLLOW_UPS = [text for _method, _minutes, text in FOLLOW_UP_NOTES]


@pytest.fixture(scope="module")
def caseload(django_db_setup, django_db_blocker):
    """The full demo (with the catalog, for the placements), loaded once in a transaction that is rolled back after this module's tests."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER), transaction.atomic():
        load_organisations()
        load_users()
        load_catalog()
        load_caseload()
        yield
        transaction.set_rollback(True)


def never(queryset: QuerySet) -> None:
    """Assert that no row matches, showing the first offenders if some do."""
    assert not queryset.exists(), list(queryset[:3])


def test_the_demo_caseload_has_about_300_people_with_matching_readings(caseload):
    families = {(kanji, jaconv.kata2hira(kana)) for kanji, kana, _romaji in JapaneseNames.last_name_pairs}
    givens = {(kanji, jaconv.kata2hira(kana)) for kanji, kana, _romaji in JapaneseNames.first_name_pairs}
    people = list(Person.objects.all())
    assert len(people) == 300
    for person in people:
        assert (person.family_name, person.family_name_kana) in families
        assert (person.given_name, person.given_name_kana) in givens
        assert HIRAGANA.match(person.family_name_kana + person.given_name_kana)
        assert person.reading_key == person.family_name_kana + person.given_name_kana
    assert len({person.full_name for person in people}) == 300  # no two people share a name


def test_demo_cases_cover_every_stage_of_the_journey(caseload):
    statuses = Counter(Case.objects.values_list("status", flat=True))
    assert set(statuses) == set(CaseStatus.values)
    assert 0.2 <= statuses[CaseStatus.CLOSED] / 300 <= 0.3
    assert statuses[CaseStatus.SUPPORT] == max(statuses.values())
    assert set(Person.objects.exclude(current_stage="").values_list("current_stage", flat=True)) == set(
        LADDER
    )


def test_some_people_move_up_the_ladder_and_a_few_move_down(caseload):
    moves = [
        LADDER.index(change.stage) - LADDER.index(change.previous_stage)
        for change in StageChange.objects.exclude(previous_stage="")
    ]
    ups, downs = sum(move > 0 for move in moves), sum(move < 0 for move in moves)
    assert ups > downs > 0
    for person in Person.objects.exclude(current_stage="")[:50]:
        assert person.stage_changes.last().stage == person.current_stage


def test_demo_dates_are_consistent(caseload):
    today, now = timezone.localdate(), timezone.now()
    eighteen_months_ago = today - dt.timedelta(days=548)
    never(Case.objects.filter(Q(intake_date__gt=today) | Q(intake_date__lt=eighteen_months_ago)))
    never(Case.objects.filter(application_signed_on__lt=F("intake_date")))
    never(Case.objects.filter(Q(closed_on__lt=F("intake_date")) | Q(closed_on__gt=today)))
    never(Case.objects.filter(Q(last_contact_on__lt=F("intake_date")) | Q(last_contact_on__gt=today)))
    # Notes: after intake, never in the future, and nothing happens to a closed case after it closed.
    never(Note.objects.filter(Q(occurred_at__gt=now) | Q(occurred_at__date__lt=F("case__intake_date"))))
    never(
        Note.objects.filter(
            case__status=CaseStatus.CLOSED, occurred_at__date__gt=F("case__closed_on")
        ).exclude(
            content__in=FOLLOW_UPS  # but a follow-up after closure
        )
    )
    # Plans: periods in order and after intake; agreed, submitted, then approved, all in the past.
    never(
        Plan.objects.filter(Q(period_start__lt=F("case__intake_date")) | Q(period_end__lt=F("period_start")))
    )
    never(Plan.objects.filter(Q(agreed_on__gt=today) | Q(approved_on__gt=today) | Q(submitted_at__gt=now)))
    never(
        Plan.objects.filter(
            Q(submitted_at__date__lt=F("agreed_on")) | Q(approved_on__lt=F("submitted_at__date"))
        )
    )
    never(Plan.objects.filter(meeting_date__gt=F("approved_on")))
    # A later version starts after the first one's period has ended.
    never(
        Plan.objects.filter(
            version__gt=1, period_start__lt=F("case__plans__period_end"), case__plans__version=1
        )
    )
    never(Assessment.objects.filter(Q(assessed_on__lt=F("case__intake_date")) | Q(assessed_on__gt=today)))
    never(Monitoring.objects.filter(Q(monitored_on__lt=F("plan__approved_on")) | Q(monitored_on__gt=today)))
    never(Evaluation.objects.filter(Q(evaluated_on__lt=F("plan__period_start")) | Q(evaluated_on__gt=today)))
    # Closures: after intake, requested before decided, all in the past.
    never(Closure.objects.filter(Q(closed_on__lt=F("case__intake_date")) | Q(closed_on__gt=today)))
    never(Closure.objects.filter(Q(requested_at__gt=now) | Q(decided_at__gt=now)))
    never(Closure.objects.filter(decided_at__lt=F("requested_at")))
    never(StageChange.objects.filter(changed_on__gt=today))
    never(Consent.objects.filter(Q(signed_on__gt=today) | Q(withdrawn_on__gt=today)))
    for case in Case.objects.select_related("person"):
        age_at_intake = (case.intake_date - case.person.date_of_birth).days // 365.25
        assert 16 <= age_at_intake <= 85, case.reference


def test_the_supervisor_has_plans_waiting_for_approval(caseload):
    shunin = User.objects.get(username="shunin")
    waiting = list(Plan.objects.filter(status=PlanStatus.SUBMITTED, case__office=shunin.office))
    assert 5 <= len(waiting) <= 20
    for plan in waiting:
        assert shunin.has_perm("cases.supervise_case", plan.case)
        assert plan.agreed_on and plan.submitted_at < timezone.now()


def test_every_demo_case_status_follows_from_its_records(caseload):
    for case in Case.objects.all():
        assert derive_status(case) == (case.status, case.closed_on), case.reference


def test_most_plans_are_approved_with_some_drafts_and_a_few_second_versions(caseload):
    plans = Counter(Plan.objects.values_list("status", flat=True))
    assert plans[PlanStatus.APPROVED] > sum(plans.values()) / 2
    assert plans[PlanStatus.DRAFT] >= 3
    renewed = Case.objects.filter(plans__version=2).count()
    assert 5 <= renewed < Case.objects.filter(plans__status=PlanStatus.APPROVED).count() / 3


def test_a_quarter_of_the_cases_are_closed_for_various_reasons_and_a_few_wait_for_approval(caseload):
    approved = Closure.objects.filter(status=ClosureStatus.APPROVED)
    assert approved.values("reason").distinct().count() >= 5
    assert 1 <= Closure.objects.filter(status=ClosureStatus.REQUESTED).count() <= 10
    never(approved.filter(decided_by__isnull=True))


def test_some_welfare_recipients_were_referred_by_the_city_case_worker(caseload):
    cw = User.objects.get(username="cw")
    referred = Case.objects.filter(referring_caseworker=cw)
    assert referred.count() >= 10
    assert set(referred.values_list("welfare_status", flat=True)) == {WelfareStatus.RECEIVING}
    assert set(referred.values_list("route", flat=True)) == {Route.CITY_DEPARTMENT}
    assert all(cw.has_perm("cases.view_case", case) for case in referred)


def test_each_case_has_one_to_four_concerns_with_one_most_pressing(caseload):
    counts = Case.objects.annotate(
        marked=Count("concerns"), pressing=Count("concerns", filter=Q(concerns__is_most_pressing=True))
    )
    never(counts.filter(Q(marked__lt=1) | Q(marked__gt=4) | ~Q(pressing=1)))


def test_a_few_people_are_dv_protected_and_their_cases_say_why(caseload):
    protected = Person.objects.filter(is_dv_protected=True)
    assert 1 <= protected.count() <= 20
    never(protected.exclude(cases__concerns__concern=Concern.DV_ABUSE))


def test_people_in_support_signed_the_application_and_welfare_recipients_agreed_to_share_with_the_city(
    caseload,
):
    in_support = Person.objects.filter(cases__status=CaseStatus.SUPPORT)
    never(in_support.exclude(consents__scope=ConsentScope.APPLICATION))
    shared = Person.objects.filter(consents__scope=ConsentScope.SHARE_CITY)
    assert shared.filter(cases__welfare_status=WelfareStatus.RECEIVING).count() >= 10


def test_cases_in_support_have_five_to_twenty_five_notes_and_their_last_contact_is_the_latest(caseload):
    cases = Case.objects.filter(status=CaseStatus.SUPPORT).annotate(
        # (a plan sent back adds the supervisor's note to the story's notes)
        count=Count("notes", distinct=True, filter=~Q(notes__content__regex=RETURN_COMMENTS)),
        # A note counts as contact only when it records contact with the person, as add_note has it.
        last_note=Max("notes__occurred_at", filter=Q(notes__method__in=CONTACT_METHODS)),
        last_monitoring=Max("monitorings__monitored_on"),
    )
    for case in cases:
        assert 5 <= case.count <= 25, case.reference
        latest = max(filter(None, [timezone.localtime(case.last_note).date(), case.last_monitoring]))
        assert case.last_contact_on == latest, case.reference


def test_a_small_demo_still_covers_every_status(db, settings):
    settings.PASSWORD_HASHERS = FAST_HASHER
    load_organisations()
    load_users()
    before = Case.objects.aggregate(last=Max("pk"))["last"] or 0
    load_caseload(people=20, seed=7)
    statuses = set(Case.objects.filter(pk__gt=before).values_list("status", flat=True))
    assert statuses == set(CaseStatus.values)


def test_the_demo_partner_login_has_people_to_take_the_roll_call_for(caseload):
    zoo = User.objects.get(username="zoo")
    today = timezone.localdate()
    sessions = Session.objects.filter(host__organisation=zoo.organisation_id)
    recorded = sessions.filter(date__lt=today, attendances__recorded_by=zoo).distinct()
    assert recorded.exists()
    assert roll_call_placements(zoo, recorded.latest("date")).exists()
    assert sessions.filter(date__gt=today).exists()  # the next weeks are scheduled


def test_people_in_support_take_part_in_programs_at_every_step_and_hosts_evaluate_them(caseload):
    statuses = set(Placement.objects.values_list("status", flat=True))
    assert {PlacementStatus.ACTIVE, PlacementStatus.COMPLETED, PlacementStatus.VISIT} <= statuses
    never(Placement.objects.filter(started_on__lt=F("plan__approved_on")))
    assert PlacementEvaluation.objects.exists()


def test_the_demo_timeline_dates_each_record_on_the_day_it_happened_not_the_load_day(caseload):
    """The timeline shows when a case was opened, a plan drafted and approved, an assessment, monitoring or
    evaluation entered: in the demo these are the days of the story, not the day the demo was loaded."""

    def day(moment: dt.datetime) -> dt.date:
        return timezone.localdate(moment)

    assert all(day(c.created_at) == c.intake_date for c in Case.objects.all())
    assert all(day(a.created_at) == a.assessed_on for a in Assessment.objects.all())
    assert all(day(m.created_at) == m.monitored_on for m in Monitoring.objects.all())
    assert all(day(e.created_at) == e.evaluated_on for e in Evaluation.objects.all())
    approved = Plan.objects.exclude(approved_on=None)
    assert approved.exists()
    assert all(day(p.approved_at) == p.approved_on and day(p.created_at) <= p.approved_on for p in approved)


# ---------------------------------------------------------------- the later stories


def test_some_cases_get_emergency_support_after_intake_and_before_their_plan(caseload):
    supports = EmergencySupport.objects.select_related("case")
    kinds = Counter(support.kind for support in supports)
    assert {EmergencyKind.FOOD, EmergencyKind.LOAN, EmergencyKind.SHELTER} <= set(kinds)
    for support in supports:
        assert support.case.intake_date <= support.provided_on <= timezone.localdate()
        assert support.provider
        first_plan = support.case.plans.order_by("version").first()
        assert first_plan is None or support.provided_on <= first_plan.created_at.date()


def test_people_live_in_kushiro_city_and_the_towns_so_last_months_municipal_report_fills(caseload):
    municipalities = Counter(Person.objects.values_list("area__municipality", flat=True))
    assert municipalities["釧路市"] > 150
    assert sum(count for name, count in municipalities.items() if name in TOWNS) >= 20
    supervisor = User.objects.get(username="shunin")
    last_month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    city = municipal_report(supervisor, month=last_month, reporter="釧路市")
    towns = municipal_report(supervisor, month=last_month, reporter="北海道")
    assert len(city.rows) >= 20
    assert {row.municipality for row in towns.rows} & set(TOWNS)


def test_a_few_closed_cases_have_a_follow_up_note_after_closure(caseload):
    follow_ups = Note.objects.filter(content__in=FOLLOW_UPS).select_related("case")
    assert follow_ups.count() >= 3
    for note in follow_ups:
        assert note.case.status == CaseStatus.CLOSED
        assert timezone.localtime(note.occurred_at).date() > note.case.closed_on


def test_a_few_plans_were_sent_back_once_and_re_sent_and_some_wait_in_the_approvals_queue(caseload):
    resent = Plan.objects.filter(submission_count=2)
    assert resent.count() >= 5
    assert resent.filter(status=PlanStatus.SUBMITTED).exists()
    for plan in resent:
        assert plan.changed_since_submission == ["short_term_goals"]
    assert Note.objects.filter(case__plans__in=resent, content__regex=RETURN_COMMENTS).exists()
