"""The report is counted by the database: a fixed number of queries whatever the number of people, and
the reference tables read as of the period's first day."""

import datetime as dt
from decimal import Decimal

from tsunagu.statistics.indicators import Scope, benchmarks_on, month_period, national_report, population_of
from tsunagu.testing.factories import AreaFactory, CaseFactory, PersonFactory

JUNE = dt.date(2026, 6, 1)


def test_the_report_takes_a_dozen_queries_however_many_cases_there_are(
    consultation_worker, hub_office, django_assert_max_num_queries
):
    area = AreaFactory(name="中央", municipality="釧路市")
    for day in range(1, 21):
        CaseFactory(
            worker=consultation_worker, intake_date=JUNE.replace(day=day), person=PersonFactory(area=area)
        )
    scope = Scope(organisation_id=hub_office.organisation_id, reporter="釧路市")
    with django_assert_max_num_queries(12):
        report = national_report(month_period(JUNE), scope)
    assert report.figures.new_consultations == 20


def test_the_population_and_the_target_are_those_in_force_on_the_periods_first_day(db):
    assert population_of(["釧路市"], dt.date(2020, 1, 1)) == 180_893  # the H25 figure, until 2025-04-01
    assert population_of(["釧路市"], dt.date(2026, 1, 1)) == 160_000
    assert population_of(["釧路市", "どこにもない町"], dt.date(2026, 1, 1)) is None
    assert benchmarks_on(dt.date(2016, 6, 1))["new_consultations"] == Decimal("22")
    assert benchmarks_on(dt.date(2026, 6, 1))["new_consultations"] == Decimal("24")


def test_another_organisations_cases_are_never_counted(consultation_worker, hub_office, partner_office):
    CaseFactory(worker=consultation_worker, intake_date=JUNE)
    CaseFactory(worker=consultation_worker, office=partner_office, intake_date=JUNE)
    report = national_report(month_period(JUNE), Scope(organisation_id=hub_office.organisation_id))
    assert report.figures.new_consultations == 1
