"""The work catalog's services: what is saved, and what is refused (with the field named, the message in
words a supervisor understands, and nothing saved)."""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.testing.factories import (
    OrganisationFactory,
    PayRateFactory,
    ProgramHostFactory,
    SkillLevelFactory,
    WorkLogFactory,
    WorkTypeFactory,
)
from tsunagu.work import services_catalog as services
from tsunagu.work.models import CustomerOrder, MinimumWage, PayMonth, PayRate, SkillLevel, WorkType

pytestmark = pytest.mark.django_db

D = dt.date


def refusal(call, **kwargs) -> dict[str, list[str]]:
    """The messages of a refused call, by field, in English."""
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value.message_dict


def audited(target, action) -> bool:
    return AuditEvent.objects.filter(
        object_type=target._meta.label_lower, object_id=str(target.pk), action=action
    ).exists()


def close(host, month: dt.date, by) -> None:
    PayMonth.objects.create(host=host, month=month, closed_at=timezone.now(), closed_by=by)


@pytest.fixture
def level(db):
    """Level 1 of a work type without rates."""
    return SkillLevelFactory(work_type=WorkTypeFactory(levels=False), rank=1, name="見習い")


# ---------------------------------------------------------------- work types


def test_a_supervisor_adds_a_work_type_to_a_host(supervisor):
    host = ProgramHostFactory()
    work_type = services.create_work_type(
        actor=supervisor, host=host, name="ごみ袋の封入作業", unit="袋", work_form="training",
        pay_basis="per_unit", max_units_per_hour=Decimal("120"), review_days=15, active=True,
    )  # fmt: skip
    work_type.refresh_from_db()
    assert (work_type.host, work_type.unit, work_type.review_days) == (host, "袋", 15)
    assert audited(work_type, AuditAction.CREATE)


def test_training_paid_by_the_hour_is_refused_and_nothing_is_saved(supervisor):
    errors = refusal(
        services.create_work_type, actor=supervisor, host=ProgramHostFactory(), name="整網", unit="時間",
        work_form="training", pay_basis="per_hour", review_days=10,
    )  # fmt: skip
    assert "never paid by the hour" in errors["pay_basis"][0]
    assert not WorkType.objects.exists()


def test_employment_may_be_paid_by_the_hour(administrator):
    work_type = services.create_work_type(
        actor=administrator, host=ProgramHostFactory(), name="清掃", unit="時間", work_form="employment",
        pay_basis="per_hour", max_units_per_hour=1, review_days=10,
    )  # fmt: skip
    assert work_type.pay_basis == "per_hour"


@pytest.mark.parametrize("pay_basis", ["per_unit", "per_hour"])
def test_a_work_type_without_the_most_units_an_hour_is_refused_next_to_that_field(supervisor, pay_basis):
    """Whoever sets the work up states how much an hour could hold: without it any quantity would pass."""
    errors = refusal(
        services.create_work_type, actor=supervisor, host=ProgramHostFactory(), name="封入", unit="袋",
        work_form="employment", pay_basis=pay_basis, max_units_per_hour=None, review_days=10,
    )  # fmt: skip
    assert "Give the most units one person can do in an hour" in errors["max_units_per_hour"][0]
    assert not WorkType.objects.exists()


def test_the_most_units_an_hour_cannot_be_taken_away_from_a_work_type(supervisor):
    work_type = WorkTypeFactory(levels=False, max_units_per_hour=20)
    errors = refusal(
        services.update_work_type, actor=supervisor, work_type=work_type, edit_version=1,
        max_units_per_hour=None,
    )  # fmt: skip
    assert "max_units_per_hour" in errors
    assert WorkType.objects.get().max_units_per_hour == 20


@pytest.mark.parametrize(
    ("logged", "thresholds", "ceiling"),
    [
        # The fastest log (25 枚 in 60 minutes) is above twice the best level's pace (2 × 8): 25.
        ([(Decimal(25), 60), (Decimal(10), 120)], [Decimal(4), Decimal(8)], Decimal(25)),
        # 10.5 an hour logged; twice the best threshold, 12.25 × 2 = 24.5, rounds up to 25.
        ([(Decimal("10.5"), 60)], [Decimal("12.25")], Decimal(25)),
        # 7 in 40 minutes is 10.5 an hour: rounded up to 11, so the log itself stays possible.
        ([(Decimal(7), 40), (Decimal(3), 0)], [], Decimal(11)),
        # Nothing known of the work: 100 an hour, for a supervisor to correct on the work type's page.
        ([], [], Decimal(100)),
    ],
)
def test_a_work_type_set_up_without_a_ceiling_gets_one_from_its_logs_and_levels(logged, thresholds, ceiling):
    migration = importlib.import_module("tsunagu.work.migrations.0005_work_type_most_units_filled")
    assert migration.sensible_ceiling(logged=logged, thresholds=thresholds) == ceiling


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("max_units_per_hour", Decimal("0"), "above 0"),
        ("max_units_per_hour", Decimal("1000000"), "10,000"),
        ("review_days", 0, "from 1 to 120"),
        ("review_days", 500, "from 1 to 120"),
        ("name", "  ", "name"),
    ],
)
def test_impossible_figures_of_a_work_type_are_refused(supervisor, field, value, words):
    fields = {
        "name": "整網",
        "unit": "枚",
        "work_form": "training",
        "pay_basis": "per_unit",
        "max_units_per_hour": Decimal(20),
        "review_days": 10,
    }
    errors = refusal(
        services.create_work_type, actor=supervisor, host=ProgramHostFactory(), **fields | {field: value}
    )
    assert words in errors[field][0]
    assert not WorkType.objects.exists()


def test_the_same_name_twice_at_one_host_is_refused(supervisor):
    existing = WorkTypeFactory(levels=False)
    errors = refusal(
        services.create_work_type, actor=supervisor, host=existing.host, name=existing.name, unit="枚",
        work_form="training", pay_basis="per_unit", max_units_per_hour=20, review_days=10,
    )  # fmt: skip
    assert errors["name"] == ["This host already has a work type of this name."]


@pytest.mark.parametrize(
    "role", ["consultation_worker", "employment_worker", "partner_staff", "city_caseworker"]
)
def test_only_supervisors_and_administrators_keep_work_types(request, role):
    with pytest.raises(PermissionDenied):
        services.create_work_type(
            actor=request.getfixturevalue(role), host=ProgramHostFactory(), name="整網", unit="枚",
            work_form="training", pay_basis="per_unit", max_units_per_hour=20, review_days=10,
        )  # fmt: skip


def test_unknown_fields_are_a_programming_error(supervisor):
    with pytest.raises(TypeError):
        services.create_work_type(actor=supervisor, host=ProgramHostFactory(), nmae="x")


def test_a_work_type_is_changed_as_it_was_seen(supervisor):
    work_type = WorkTypeFactory(levels=False)
    services.update_work_type(
        actor=supervisor, work_type=work_type, edit_version=work_type.edit_version, review_days=20
    )
    work_type.refresh_from_db()
    assert work_type.review_days == 20
    with pytest.raises(ValidationError):  # the old version again: someone else's save is not overwritten
        services.update_work_type(actor=supervisor, work_type=work_type, edit_version=1, review_days=5)
    work_type.refresh_from_db()
    assert work_type.review_days == 20


def test_the_way_of_paying_stays_once_work_is_logged(supervisor):
    log = WorkLogFactory()
    work_type = log.work_type
    errors = refusal(
        services.update_work_type, actor=supervisor, work_type=work_type, edit_version=work_type.edit_version,
        work_form="employment",
    )  # fmt: skip
    assert "Add a new work type" in errors["work_form"][0]
    work_type.refresh_from_db()
    assert work_type.work_form == "training"


# ---------------------------------------------------------------- levels


def test_a_level_is_added_with_its_criteria_and_threshold(supervisor):
    work_type = WorkTypeFactory()
    level = services.add_skill_level(
        actor=supervisor, work_type=work_type, rank=3, name="熟練", criteria="一人で網を仕上げる",
        units_per_hour_to_reach=Decimal("12"), max_defect_rate=Decimal("0.05"),
    )  # fmt: skip
    level.refresh_from_db()
    assert (level.rank, level.units_per_hour_to_reach, level.max_defect_rate) == (3, 12, Decimal("0.05"))
    assert audited(level, AuditAction.CREATE)


def test_a_rank_taken_and_a_threshold_on_level_one_are_refused(supervisor):
    work_type = WorkTypeFactory()  # levels 1 and 2
    errors = refusal(services.add_skill_level, actor=supervisor, work_type=work_type, rank=2, name="二")
    assert errors["rank"] == ["This work type already has a level 2."]
    other = WorkTypeFactory(levels=False)
    errors = refusal(
        services.add_skill_level, actor=supervisor, work_type=other, rank=1, name="見習い",
        units_per_hour_to_reach=Decimal("5"),
    )  # fmt: skip
    assert "starts at level 1" in errors["units_per_hour_to_reach"][0]
    assert SkillLevel.objects.filter(work_type=other).count() == 0


def test_a_defect_share_above_one_is_refused(supervisor):
    work_type = WorkTypeFactory()
    errors = refusal(
        services.add_skill_level, actor=supervisor, work_type=work_type, rank=3, name="熟練",
        max_defect_rate=Decimal("1.5"),
    )  # fmt: skip
    assert "from 0 to 1" in errors["max_defect_rate"][0]


def test_two_edits_of_one_level_from_the_same_version_save_once(supervisor, administrator):
    level = WorkTypeFactory().levels.get(rank=2)
    services.update_skill_level(actor=supervisor, level=level, edit_version=1, criteria="十枚を一時間で")
    with pytest.raises(ValidationError):
        services.update_skill_level(actor=administrator, level=level, edit_version=1, criteria="別の基準")
    level.refresh_from_db()
    assert level.criteria == "十枚を一時間で"


# ---------------------------------------------------------------- pay rates


def test_a_rate_is_saved_with_its_dates_and_audited(supervisor, level):
    rate = services.add_pay_rate(
        actor=supervisor, level=level, amount=Decimal("110"), effective_from=D(2025, 4, 1)
    )
    assert (rate.amount, rate.effective_from, rate.effective_until, rate.created_by) == (
        110,
        D(2025, 4, 1),
        None,
        supervisor,
    )
    assert audited(rate, AuditAction.CREATE)


def test_a_new_rate_ends_the_open_ended_one_the_day_before(supervisor, level):
    old = PayRateFactory(level=level, amount=100, effective_from=D(2024, 4, 1))
    new = services.add_pay_rate(
        actor=supervisor, level=level, amount=Decimal("120"), effective_from=D(2025, 6, 15)
    )
    old.refresh_from_db()
    assert old.effective_until == D(2025, 6, 14)
    assert new.effective_until is None


def test_a_rate_without_a_start_is_refused(supervisor, level):
    errors = refusal(services.add_pay_rate, actor=supervisor, level=level, amount=100, effective_from=None)
    assert errors["effective_from"] == ["Give the date the rate takes effect."]
    assert not PayRate.objects.exists()


@pytest.mark.parametrize(
    "amount", [Decimal("-1"), Decimal("100000.01"), Decimal("1e9"), "abc", Decimal("1.001")]
)
def test_a_negative_absurd_or_unreadable_amount_is_refused(supervisor, level, amount):
    errors = refusal(
        services.add_pay_rate, actor=supervisor, level=level, amount=amount, effective_from=D(2025, 4, 1)
    )
    assert errors["amount"]
    assert not PayRate.objects.exists()


def test_overlapping_rates_are_refused_naming_the_rate_in_the_way(supervisor, level):
    PayRateFactory(level=level, amount=100, effective_from=D(2025, 4, 1), effective_until=D(2025, 9, 30))
    errors = refusal(
        services.add_pay_rate, actor=supervisor, level=level, amount=130, effective_from=D(2025, 1, 1),
        effective_until=D(2025, 5, 31),
    )  # fmt: skip
    assert "already has the rate of 100.00 yen" in errors["effective_from"][0]
    # The same start as an open-ended rate, and an open-ended rate before a later one.
    PayRateFactory(level=level, amount=140, effective_from=D(2025, 10, 1))
    assert refusal(
        services.add_pay_rate, actor=supervisor, level=level, amount=1, effective_from=D(2025, 10, 1)
    )
    assert refusal(
        services.add_pay_rate, actor=supervisor, level=level, amount=1, effective_from=D(2025, 2, 1)
    )
    assert PayRate.objects.filter(level=level).count() == 2


def test_a_rate_that_would_leave_days_without_a_rate_is_refused(supervisor, level):
    PayRateFactory(level=level, amount=100, effective_from=D(2025, 4, 1))
    errors = refusal(
        services.add_pay_rate, actor=supervisor, level=level, amount=120, effective_from=D(2025, 6, 1),
        effective_until=D(2025, 6, 30),
    )  # fmt: skip
    assert "Leave the end date empty" in errors["effective_until"][0]
    assert PayRate.objects.get(level=level).effective_until is None


def test_a_rate_touching_a_closed_month_is_refused_and_the_old_rate_is_untouched(supervisor, level):
    old = PayRateFactory(level=level, amount=100, effective_from=D(2025, 4, 1))
    close(level.work_type.host, D(2025, 6, 1), supervisor)
    errors = refusal(
        services.add_pay_rate, actor=supervisor, level=level, amount=120, effective_from=D(2025, 6, 20)
    )
    assert "The pay of 2025-06 is closed" in errors["effective_from"][0]
    # Starting before a closed month and going on would rewrite it too.
    assert refusal(
        services.add_pay_rate, actor=supervisor, level=level, amount=120, effective_from=D(2025, 5, 1)
    )
    old.refresh_from_db()
    assert old.effective_until is None
    assert PayRate.objects.filter(level=level).count() == 1
    # From the month after, it is a new rate.
    services.add_pay_rate(actor=supervisor, level=level, amount=120, effective_from=D(2025, 7, 1))
    old.refresh_from_db()
    assert old.effective_until == D(2025, 6, 30)


def test_a_closed_month_at_another_host_does_not_matter(supervisor, level):
    close(ProgramHostFactory(), D(2025, 6, 1), supervisor)
    assert services.add_pay_rate(actor=supervisor, level=level, amount=100, effective_from=D(2025, 6, 1))


def test_a_wrong_rate_without_logs_is_removed_and_the_one_it_ended_goes_on(supervisor, level):
    old = PayRateFactory(level=level, amount=100, effective_from=D(2024, 4, 1))
    wrong = services.add_pay_rate(actor=supervisor, level=level, amount=1200, effective_from=D(2030, 1, 1))
    wrong_id = wrong.pk
    services.remove_pay_rate(actor=supervisor, rate=wrong)
    old.refresh_from_db()
    assert old.effective_until is None
    assert not PayRate.objects.filter(pk=wrong_id).exists()
    assert AuditEvent.objects.filter(
        object_type="work.payrate", object_id=str(wrong_id), action="delete"
    ).exists()


def test_a_rate_with_work_logged_in_its_period_stays(supervisor):
    log = WorkLogFactory()
    rate = PayRate.objects.filter(level__work_type=log.work_type).first()
    errors = refusal(services.remove_pay_rate, actor=supervisor, rate=rate)
    assert "it stays" in errors["rate"][0]
    assert PayRate.objects.filter(pk=rate.pk).exists()


def test_a_rate_of_a_closed_month_stays(supervisor, level):
    rate = PayRateFactory(level=level, effective_from=D(2025, 4, 1))
    close(level.work_type.host, D(2025, 4, 1), supervisor)
    assert refusal(services.remove_pay_rate, actor=supervisor, rate=rate)["rate"]
    assert PayRate.objects.filter(pk=rate.pk).exists()


# ---------------------------------------------------------------- the minimum wage and orders


def test_a_new_minimum_wage_is_added_and_a_second_on_the_same_day_refused(supervisor):
    wage = services.add_minimum_wage(actor=supervisor, hourly=Decimal("1150"), effective_from=D(2026, 10, 1))
    assert MinimumWage.objects.get(pk=wage.pk).hourly == 1150
    errors = refusal(services.add_minimum_wage, actor=supervisor, hourly=1200, effective_from=D(2026, 10, 1))
    assert "already takes effect" in errors["effective_from"][0]
    assert MinimumWage.objects.filter(effective_from=D(2026, 10, 1)).count() == 1


@pytest.mark.parametrize("hourly", [0, -5, 100_000])
def test_a_minimum_wage_of_nothing_or_absurd_is_refused(supervisor, hourly):
    count = MinimumWage.objects.count()
    assert refusal(services.add_minimum_wage, actor=supervisor, hourly=hourly, effective_from=D(2026, 10, 1))[
        "hourly"
    ]
    assert MinimumWage.objects.count() == count


def test_casework_staff_do_not_change_the_minimum_wage(consultation_worker):
    with pytest.raises(PermissionDenied):
        services.add_minimum_wage(actor=consultation_worker, hourly=1200, effective_from=D(2026, 10, 1))


def test_an_order_names_its_customer_and_is_due_after_it_was_placed(supervisor):
    work_type = WorkTypeFactory()
    company = OrganisationFactory(name="釧路漁網株式会社")
    order = services.add_customer_order(
        actor=supervisor, work_type=work_type, customer=company, customer_name="", reference="A-12",
        ordered_on=D(2025, 5, 1), due_on=D(2025, 6, 30), quantity=Decimal("300"),
    )  # fmt: skip
    assert (order.customer, order.quantity) == (company, 300)
    assert audited(order, AuditAction.CREATE)
    errors = refusal(
        services.add_customer_order, actor=supervisor, work_type=work_type, customer=None, customer_name=" ",
        reference="", ordered_on=D(2025, 5, 1), due_on=D(2025, 4, 1), quantity=Decimal("10"),
    )  # fmt: skip
    assert errors == {"customer_name": ["Choose the customer organisation or give its name."]}
    errors = refusal(
        services.add_customer_order, actor=supervisor, work_type=work_type, customer=None, customer_name="漁協",
        reference="", ordered_on=D(2025, 5, 1), due_on=D(2025, 4, 1), quantity=Decimal("10"),
    )  # fmt: skip
    assert errors == {"due_on": ["An order cannot be due before it was placed."]}
    assert CustomerOrder.objects.count() == 1
