"""Intermediate-employment totals: hours and units by month, site and work type, and pay by month and site
(reckoned from the logs of an open month), with a line of fewer than 5 people hidden from the statistician."""

import datetime as dt

import pytest
from django.utils import timezone

from tsunagu.testing.factories import PlacementFactory, WorkTypeFactory, log_work
from tsunagu.work.totals import pay_lines, work_lines

pytestmark = pytest.mark.django_db
URL = "/work/totals/"


@pytest.fixture
def logged(consultation_worker):
    work_type = WorkTypeFactory()
    placement = PlacementFactory(host=work_type.host, worker=consultation_worker,
                                 started_on=timezone.localdate().replace(day=1) - dt.timedelta(days=40))  # fmt: skip
    day = timezone.localdate().replace(day=1)
    log_work(placement=placement, work_type=work_type, day=day)
    return work_type, day


def test_the_month_s_hours_units_and_pay_are_summed_per_site(logged):
    work_type, day = logged
    (line,) = work_lines(day, day + dt.timedelta(days=27))
    assert line.people == 1 and line.minutes > 0 and line.work_type == work_type.name
    (pay,) = pay_lines(day, day + dt.timedelta(days=27))
    assert pay.people == 1 and pay.total > 0 and not pay.closed


def test_the_supervisor_sees_the_sums_and_the_statistician_sees_less_than_5(
    logged, client_as, supervisor, statistician
):
    work_type, _day = logged
    exact = client_as(supervisor).get(URL).text
    hidden = client_as(statistician).get(URL).text
    assert work_type.name in exact and work_type.unit in exact
    assert (
        "&lt;5" in hidden
        and work_type.unit not in hidden.split('data-testid="work-totals"')[1].split("</table>")[0]
    )
