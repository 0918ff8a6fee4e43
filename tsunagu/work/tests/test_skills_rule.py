"""The skill rule and the projection, as pure arithmetic: no database."""

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tsunagu.work.charts import fit_line, project_goal
from tsunagu.work.skills import DayFigures, LevelStep, propose_next_level

LEVELS = [
    LevelStep(id=1, rank=1, name="見習い"),
    LevelStep(
        id=2, rank=2, name="一人前", units_per_hour_to_reach=Decimal(5), max_defect_rate=Decimal("0.05")
    ),
    LevelStep(id=3, rank=3, name="熟練", units_per_hour_to_reach=Decimal(8), max_defect_rate=Decimal("0.02")),
]
START = dt.date(2026, 4, 1)


def days(*figures: tuple[int | str, int, int | str]) -> list[DayFigures]:
    """(quantity, minutes, defects) per working day, one day apart from START."""
    return [
        DayFigures(START + dt.timedelta(days=i), Decimal(q), m, Decimal(d))
        for i, (q, m, d) in enumerate(figures)
    ]


def propose(worked, *, rank=1, since=None, review_days=3):
    return propose_next_level(
        days=worked, levels=LEVELS, current_rank=rank, since=since, review_days=review_days
    )


def test_the_rule_proposes_the_next_level_when_the_average_reaches_the_threshold_exactly():
    # 10 + 10 + 10 units in 120 minutes each: exactly 5 an hour, 1 defect in 30 (3.3 %).
    proposal = propose(days((10, 120, 1), (10, 120, 0), (10, 120, 0)))
    assert proposal is not None
    assert proposal.level.rank == 2
    assert proposal.figures.units_per_hour == Decimal(5)
    assert proposal.figures.units_per_hour_shown == Decimal("5.00")
    assert proposal.figures.defect_rate_shown == Decimal("0.033")
    assert proposal.figures.days_counted == 3
    assert (proposal.figures.first_day, proposal.figures.last_day) == (START, START + dt.timedelta(days=2))


def test_the_rule_does_not_propose_just_under_the_threshold():
    assert propose(days((10, 120, 0), (10, 120, 0), ("9.99", 120, 0))) is None


def test_the_average_is_weighted_by_minutes_not_a_mean_of_daily_rates():
    # Daily rates 12/h (30 min) and 4/h twice (120 min): mean 6.67, but 14 units in 270 minutes is 3.1/h.
    assert propose(days((6, 30, 0), (8, 120, 0), (8, 120, 0))) is None


def test_defects_over_the_limit_stop_the_proposal_and_at_the_limit_do_not():
    assert propose(days((20, 120, 1), (20, 120, 1), (20, 120, "1.01"))) is None  # 3.01 / 60 > 5 %
    assert propose(days((20, 120, 1), (20, 120, 1), (20, 120, 1))) is not None  # 3 / 60 = 5 %


def test_fewer_working_days_than_the_review_days_propose_nothing_yet():
    assert propose(days((50, 120, 0), (50, 120, 0))) is None
    assert propose(days((50, 120, 0), (50, 120, 0), (50, 120, 0), (50, 120, 0)), review_days=5) is None


def test_only_the_last_review_days_count_so_slow_early_days_are_forgotten():
    slow_then_fast = days((1, 120, 0), (1, 120, 0), (12, 120, 0), (12, 120, 0), (12, 120, 0))
    proposal = propose(slow_then_fast)
    assert proposal is not None and proposal.figures.first_day == START + dt.timedelta(days=2)


def test_days_before_the_current_level_began_do_not_count():
    worked = days((12, 120, 0), (12, 120, 0), (12, 120, 0), (12, 120, 0))
    assert propose(worked, since=START + dt.timedelta(days=2)) is None  # two days since
    assert propose(worked, since=START + dt.timedelta(days=1)) is not None


def test_the_rule_proposes_one_level_at_a_time_and_none_above_the_top():
    fast = days((20, 120, 0), (20, 120, 0), (20, 120, 0))  # 10 an hour: past both thresholds
    assert propose(fast).level.rank == 2
    assert propose(fast, rank=2).level.rank == 3
    assert propose(fast, rank=3) is None


def test_a_level_without_a_threshold_is_never_proposed_by_the_rule():
    levels = [LevelStep(1, 1, "a"), LevelStep(2, 2, "b")]
    fast = days((20, 120, 0), (20, 120, 0), (20, 120, 0))
    assert propose_next_level(days=fast, levels=levels, current_rank=1, since=None, review_days=3) is None


def test_days_without_minutes_propose_nothing():
    assert propose(days((10, 0, 0), (10, 0, 0), (10, 0, 0))) is None


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 200), st.integers(1, 480), st.integers(0, 20)), min_size=3, max_size=12)
)
def test_a_proposal_always_meets_its_thresholds(figures):
    proposal = propose(days(*figures))
    if proposal is not None:
        assert proposal.figures.units_per_hour >= proposal.level.units_per_hour_to_reach
        assert proposal.figures.defect_rate <= proposal.level.max_defect_rate
        assert proposal.figures.days_counted == 3


# ---------------------------------------------------------------- the projection

TODAY = dt.date(2026, 8, 15)  # six complete months: February to July


def monthly(*values: int) -> dict[dt.date, Decimal]:
    months = [dt.date(2026, m, 1) for m in range(8 - len(values), 8)]
    return {month: Decimal(value) for month, value in zip(months, values, strict=True)}


def test_a_steady_rise_reaches_the_goal_in_the_month_the_line_reaches_it():
    # +2,000 yen a month from 10,000 (February) to 20,000 (July): 30,000 is 5 months after July.
    projection = project_goal(
        earnings=monthly(10000, 12000, 14000, 16000, 18000, 20000),
        started=dt.date(2025, 1, 1),
        goal=Decimal(30000),
        today=TODAY,
    )
    assert projection.slope == Decimal(2000) and projection.latest == Decimal(20000)
    assert projection.months_to_go == 5
    assert projection.reached_in == dt.date(2026, 12, 1)


def test_a_goal_between_months_is_reached_in_the_next_whole_month():
    projection = project_goal(
        earnings=monthly(10000, 12000, 14000, 16000, 18000, 20000),
        started=START,
        goal=Decimal(21000),
        today=TODAY,
    )
    assert projection.months_to_go == 1 and projection.reached_in == dt.date(2026, 8, 1)


def test_flat_or_falling_earnings_do_not_reach_the_goal_at_the_current_rate():
    for values in ((15000,) * 6, (20000, 18000, 16000, 14000, 12000, 10000)):
        projection = project_goal(earnings=monthly(*values), started=START, goal=Decimal(30000), today=TODAY)
        assert projection.reached_in is None and not projection.rising


def test_a_goal_already_earned_last_month_is_reached_already():
    projection = project_goal(
        earnings=monthly(5000, 30000), started=dt.date(2026, 6, 1), goal=Decimal(25000), today=TODAY
    )
    assert projection.too_few_months  # two months: too few for a line
    projection = project_goal(
        earnings=monthly(5000, 8000, 30000), started=dt.date(2026, 5, 1), goal=Decimal(25000), today=TODAY
    )
    assert projection.already and projection.months_to_go == 0


def test_months_without_work_count_as_nothing_from_the_start_and_this_month_is_left_out():
    earnings = monthly(10000, 20000) | {dt.date(2026, 8, 1): Decimal(999999)}
    projection = project_goal(
        earnings=earnings, started=dt.date(2026, 4, 1), goal=Decimal(50000), today=TODAY
    )
    assert projection.months_used == [dt.date(2026, m, 1) for m in (4, 5, 6, 7)]
    # 0, 0, 10,000, 20,000: slope 7,000 a month; the line stands at 18,000 in July.
    assert projection.slope == Decimal(7000) and projection.latest == Decimal(18000)
    assert projection.months_to_go == 5  # 18,000 + 5 × 7,000 = 53,000 ≥ 50,000 > 18,000 + 4 × 7,000


def test_the_fitted_line_is_exact():
    assert fit_line([Decimal(1), Decimal(3), Decimal(5)]) == (1, 2)
