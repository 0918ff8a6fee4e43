"""The ladder's pages per role: a person's work page, the supervisors' queue, confirming and setting a
level, each site's levels; and the fixed number of queries of the queue and the distribution."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.testing.factories import CaseFactory, UserFactory
from tsunagu.work import selectors_skills
from tsunagu.work.models import SkillAssessment
from tsunagu.work.tests.test_skills_services import ladder_work_type, log_days, placed, recent_days

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def site(consultation_worker):
    """A net-mending site where one person's last three days (12 an hour) propose level 2."""
    work_type = ladder_work_type(name="漁網の整網作業")
    placement = placed(consultation_worker, work_type)
    log_days(placement, work_type, recent_days(3))
    return work_type, placement.person


def test_casework_staff_see_a_persons_level_history_and_chart_and_the_read_is_recorded(
    client_as, employment_worker, supervisor, site
):
    work_type, person = site
    SkillAssessment.objects.create(
        person=person, work_type=work_type, level=work_type.levels.get(rank=2),
        effective_from=TODAY - dt.timedelta(days=1), assessed_by=supervisor, note="早くて丁寧",
    )  # fmt: skip
    response = client_as(employment_worker).get(reverse("work:person", args=[person.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert person.full_name in body and "漁網の整網作業" in body
    assert "2 一人前" in body and "早くて丁寧" in body  # level now and the history's evidence
    assert '<svg class="chart" role="img" aria-labelledby="ladder-chart-title ladder-chart-desc"' in body
    assert '<title id="ladder-chart-title">' in body and 'data-testid="chart-table"' in body
    # The earnings: 12 × 100 on the first day, 12 × 150 on the two days from the new level on.
    cells = body.split('data-testid="month-earnings">')[1:]
    yen = [int(cell.split("<")[0].replace(",", "")) for cell in cells]
    assert sum(yen) == 1200 + 1800 + 1800
    event = AuditEvent.objects.get(action=AuditAction.VIEW, actor=employment_worker)
    assert event.detail["people"] == [person.pk]


def test_the_work_page_is_for_casework_staff_with_the_person_in_scope(
    client_as, city_caseworker, partner_staff, other_hub_office, site
):
    _work_type, person = site
    url = reverse("work:person", args=[person.pk])
    assert client_as(city_caseworker).get(url).status_code == 403
    assert client_as(partner_staff).get(url).status_code == 403
    elsewhere = UserFactory(office=other_hub_office, roles=["consultation_worker"])
    assert client_as(elsewhere).get(url).status_code == 404


def test_the_projection_states_its_method_and_a_goal_out_of_range_is_refused(
    client_as, consultation_worker, site
):
    _work_type, person = site
    url = reverse("work:person", args=[person.pk])
    response = client_as(consultation_worker).get(url, {"goal": "50000"})
    body = response.content.decode()
    assert response.status_code == 200 and 'data-testid="projection"' in body
    assert 'data-testid="projection-method"' in body
    assert 'data-outcome="too-few-months"' in body  # the work began this month (or the last)
    for goal in ("999", "1000001", "many"):
        refused = client_as(consultation_worker).get(url, {"goal": goal})
        assert refused.status_code == 400 and 'data-testid="projection"' not in refused.content.decode()


def test_the_person_page_links_to_the_work_page_only_when_the_person_has_work(
    client_as, consultation_worker, site
):
    _work_type, person = site
    link = reverse("work:person", args=[person.pk])
    assert (
        link
        in client_as(consultation_worker).get(reverse("people:detail", args=[person.pk])).content.decode()
    )
    idle = CaseFactory(worker=consultation_worker).person
    page = client_as(consultation_worker).get(reverse("people:detail", args=[idle.pk])).content.decode()
    assert reverse("work:person", args=[idle.pk]) not in page


def test_a_supervisor_sees_the_sites_queue_with_the_evidence_and_others_are_refused(
    client_as, supervisor, consultation_worker, other_hub_office, site
):
    work_type, person = site
    onbetsu = CaseFactory(worker=UserFactory(office=other_hub_office, roles=["consultation_worker"]))
    from tsunagu.testing.factories import PlacementFactory

    far = PlacementFactory(case=onbetsu, host=work_type.host)
    log_days(far, work_type, recent_days(3))
    url = reverse("work:skill_queue", args=[work_type.host_id])
    response = client_as(supervisor).get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert person.full_name in body and "6.00" in body and "0.000" in body  # 36 in 360 minutes, no defects
    assert onbetsu.person.full_name not in body  # out of the supervisor's scope
    assert AuditEvent.objects.get(action=AuditAction.VIEW, actor=supervisor).detail["people"] == [person.pk]
    assert client_as(consultation_worker).get(url).status_code == 403


def test_confirming_a_proposal_saves_the_evidence_computed_on_the_server(client_as, supervisor, site):
    work_type, person = site
    level2 = work_type.levels.get(rank=2)
    response = client_as(supervisor).post(
        reverse("work:skill_confirm", args=[person.pk]),
        {"work_type": work_type.pk, "level": level2.pk, "effective_from": TODAY.isoformat()},
    )
    assert response.status_code == 302 and response["Location"] == reverse(
        "work:skill_queue", args=[work_type.host_id]
    )
    saved = SkillAssessment.objects.get()
    assert (saved.level, saved.units_per_hour, saved.defect_rate, saved.days_counted) == (
        level2, Decimal("6.00"), Decimal("0.000"), 3
    )  # fmt: skip
    assert saved.proposed_by_rule
    # Confirmed: the queue is empty now (new days are needed from the new level on).
    assert person.full_name not in client_as(supervisor).get(response["Location"]).content.decode()


def test_confirming_a_level_the_figures_do_not_propose_is_refused(client_as, supervisor, site):
    work_type, person = site
    level1 = work_type.levels.get(rank=1)
    response = client_as(supervisor).post(
        reverse("work:skill_confirm", args=[person.pk]),
        {"work_type": work_type.pk, "level": level1.pk, "effective_from": TODAY.isoformat()},
    )
    assert response.status_code == 400 and 'class="error" role="alert"' in response.content.decode()
    assert not SkillAssessment.objects.exists()


def test_a_supervisor_sets_a_level_and_a_future_date_is_refused_next_to_the_field(
    client_as, supervisor, site
):
    work_type, person = site
    url = reverse("work:skill_set", args=[person.pk])
    level2 = work_type.levels.get(rank=2)
    body = {"work_type": work_type.pk, "level": level2.pk, "note": "丁寧"}
    future = client_as(supervisor).post(
        url, body | {"effective_from": (TODAY + dt.timedelta(days=1)).isoformat()}
    )
    assert future.status_code == 400 and not SkillAssessment.objects.exists()
    saved = client_as(supervisor).post(url, body | {"effective_from": TODAY.isoformat()})
    assert saved.status_code == 302 and saved["Location"] == reverse("work:person", args=[person.pk])
    assert SkillAssessment.objects.get().note == "丁寧"


def test_a_sites_levels_show_people_now_and_the_median_months_to_reach_each_level(
    client_as, consultation_worker, supervisor
):
    work_type = ladder_work_type(name="ごみ袋の封入作業")
    level2 = work_type.levels.get(rank=2)
    for months_taken in (2, 4, 9):  # three people, assessed 2, 4 and 9 months after their first day
        placement = placed(consultation_worker, work_type)
        first = TODAY - dt.timedelta(days=300)
        log_days(placement, work_type, [first, TODAY - dt.timedelta(days=5)])
        SkillAssessment.objects.create(
            person=placement.person, work_type=work_type, level=level2, assessed_by=supervisor,
            effective_from=first + dt.timedelta(days=round(months_taken * 30.4375)),
        )  # fmt: skip
    log_days(placed(consultation_worker, work_type), work_type, [TODAY])  # a newcomer at level 1
    gone = placed(consultation_worker, work_type)
    log_days(gone, work_type, [TODAY - dt.timedelta(days=400)])  # left long ago: not counted now
    (entry,) = selectors_skills.site_levels(work_type.host, today=TODAY)
    assert [(row.level.rank, row.people_now, row.reached, row.median_months) for row in entry.rows] == [
        (1, 1, 0, None),
        (2, 3, 3, Decimal("4.0")),
    ]
    response = client_as(consultation_worker).get(reverse("work:site_levels", args=[work_type.host_id]))
    body = response.content.decode()
    assert response.status_code == 200 and 'role="img"' in body and "4.0" in body
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()  # counts only: nobody named


def test_the_sites_list_links_supervisors_to_their_queue(client_as, supervisor, consultation_worker, site):
    work_type, _person = site
    queue = reverse("work:skill_queue", args=[work_type.host_id])
    assert queue in client_as(supervisor).get(reverse("work:ladder_sites")).content.decode()
    page = client_as(consultation_worker).get(reverse("work:ladder_sites")).content.decode()
    assert reverse("work:site_levels", args=[work_type.host_id]) in page and queue not in page


# ---------------------------------------------------------------- query counts


def _queries(run) -> int:
    with CaptureQueriesContext(connection) as queries:
        run()
    return len(queries.captured_queries)


def test_the_queue_reads_a_fixed_number_of_queries_whatever_the_number_of_people(
    supervisor, consultation_worker
):
    work_type = ladder_work_type()
    other = ladder_work_type(host=work_type.host)

    def add_people(count: int) -> None:
        for _ in range(count):
            placement = placed(consultation_worker, work_type)
            log_days(placement, work_type, recent_days(3))
            log_days(placement, other, recent_days(3, until=TODAY - dt.timedelta(days=5)))

    add_people(1)
    selectors_skills.skill_queue(supervisor, work_type.host)  # the supervisor's roles, read once
    few = _queries(lambda: selectors_skills.skill_queue(supervisor, work_type.host))
    add_people(4)
    rows: list = []
    many = _queries(lambda: rows.extend(selectors_skills.skill_queue(supervisor, work_type.host)))
    assert len(rows) == 10 and few == many <= 7


def test_the_sites_distribution_reads_a_fixed_number_of_queries(supervisor, consultation_worker):
    work_type = ladder_work_type()
    level2 = work_type.levels.get(rank=2)

    def add_people(count: int) -> None:
        for _ in range(count):
            placement = placed(consultation_worker, work_type)
            log_days(placement, work_type, [TODAY - dt.timedelta(days=30), TODAY])
            SkillAssessment.objects.create(
                person=placement.person,
                work_type=work_type,
                level=level2,
                effective_from=TODAY,
                assessed_by=supervisor,
            )

    add_people(1)
    selectors_skills.site_levels(work_type.host)
    few = _queries(lambda: selectors_skills.site_levels(work_type.host))
    add_people(4)
    many = _queries(lambda: selectors_skills.site_levels(work_type.host))
    assert few == many <= 6
