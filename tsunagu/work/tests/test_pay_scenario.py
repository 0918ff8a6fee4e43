"""A month reckoned by hand and by the application, to the yen: a mid-month rate change, a level change and
the minimum-wage top-up (保障給); then the month closed, its statements, an adjustment, and the PDFs."""

import datetime as dt
from decimal import Decimal

import pytest

from tsunagu.testing.factories import (
    CaseFactory,
    PayRateFactory,
    PersonFactory,
    PlacementFactory,
    ProgramHostFactory,
    SkillLevelFactory,
    WorkTypeFactory,
    log_work,
)
from tsunagu.testing.pdf import pdf_fonts, pdf_missing_glyphs, pdf_text
from tsunagu.work import documents
from tsunagu.work.models import MinimumWage, PayRate, PayStatement, SkillAssessment, SkillLevel
from tsunagu.work.pay import compute_months
from tsunagu.work.services_pay import add_pay_adjustment, close_pay_month

pytestmark = pytest.mark.django_db

OCTOBER = dt.date(2025, 10, 1)  # 1,010 円 until the 3rd, 1,075 円 from the 4th
NOVEMBER = dt.date(2025, 11, 1)  # Hokkaido minimum wage 1,075 円 from 2025-10-04
DECEMBER = dt.date(2025, 12, 1)


def _placed(host, worker, family_name: str, given_name: str):
    person = PersonFactory(family_name=family_name, given_name=given_name)
    case = CaseFactory(person=person, worker=worker)
    return PlacementFactory(host=host, case=case, worker=worker, started_on=dt.date(2025, 4, 1))


@pytest.fixture
def net_mending(supervisor):
    """漁網の整網作業 (非雇用型, per 枚): 1 見習い at 100 円 until 15 November, 110 円 from the 16th; 2 一人前 150 円."""
    host = ProgramHostFactory(program__name="漁網の整網作業", organisation__name="釧路漁網株式会社")
    work_type = WorkTypeFactory(host=host, name="整網", unit="枚")
    first = SkillLevel.objects.get(work_type=work_type, rank=1)
    PayRate.objects.filter(level=first).update(effective_until=dt.date(2025, 11, 15))
    PayRateFactory(level=first, amount=110, effective_from=dt.date(2025, 11, 16), created_by=supervisor)
    return work_type


@pytest.fixture
def bag_packing(supervisor):
    """ごみ袋の封入作業 (雇用型, per 袋): 1 見習い at 2.50 円 a 袋."""
    host = ProgramHostFactory(program__name="ごみ袋の封入作業", organisation__name="くしろ福祉工房")
    work_type = WorkTypeFactory(host=host, name="封入", unit="袋", work_form="employment", levels=False)
    level = SkillLevelFactory(work_type=work_type, rank=1, name="見習い")
    PayRateFactory(level=level, amount=Decimal("2.50"), created_by=supervisor)
    return work_type


def test_a_training_month_with_a_rate_change_and_a_level_change_matches_the_hand_reckoning(
    net_mending, consultation_worker, supervisor
):
    placement = _placed(net_mending.host, consultation_worker, "釧路", "花子")
    second = SkillLevel.objects.get(work_type=net_mending, rank=2)
    SkillAssessment.objects.create(
        person=placement.person, work_type=net_mending, level=second,
        effective_from=dt.date(2025, 11, 20), assessed_by=supervisor,
    )  # fmt: skip
    for day, quantity, minutes in (
        (4, "12", 120), (10, "7.5", 90), (17, "10", 120), (20, "9.3", 120), (25, "3.33", 60),
    ):  # fmt: skip
        log_work(
            placement=placement, work_type=net_mending, day=NOVEMBER.replace(day=day),
            quantity=Decimal(quantity), minutes=minutes,
        )  # fmt: skip

    # By hand:
    #   4 Nov   level 1 at 100 円:  12    × 100 = 1,200
    #  10 Nov   level 1 at 100 円:   7.5  × 100 =   750
    #  17 Nov   level 1 at 110 円 (the new rate from the 16th):  10 × 110 = 1,100
    #  20 Nov   level 2 at 150 円 (assessed from the 20th):     9.3 × 150 = 1,395
    #  25 Nov   level 2 at 150 円:   3.33 × 150 = 499.5 → half up → 500
    #  month: 1,200 + 750 + 1,100 + 1,395 + 500 = 4,945; training has no top-up
    (pay,) = compute_months(month=NOVEMBER)
    assert [day.amount for day in pay.days] == [1200, 750, 1100, 1395, 500]
    assert [log.rate for day in pay.days for log in day.logs] == [100, 100, 110, 150, 150]
    assert pay.earned == Decimal(4945)
    assert pay.minimum_wage_top_up == 0
    assert pay.total == Decimal(4945)
    assert pay.days_worked == 5 and pay.minutes == 510


def test_an_employment_month_is_topped_up_to_the_minimum_wage_on_the_days_under_it(
    bag_packing, consultation_worker
):
    placement = _placed(bag_packing.host, consultation_worker, "厚岸", "次郎")
    for day, quantity, minutes in ((5, 300, 240), (12, 2000, 240), (19, 1000, 50), (26, 100, 50)):
        log_work(
            placement=placement, work_type=bag_packing, day=NOVEMBER.replace(day=day),
            quantity=quantity, minutes=minutes,
        )  # fmt: skip

    # By hand, at 2.50 円 a 袋 and the minimum wage of 1,075 円 an hour:
    #   5 Nov    300 袋 × 2.5 =   750; minimum 240 min × 1,075 ÷ 60 = 4,300 → top-up 3,550
    #  12 Nov  2,000 袋 × 2.5 = 5,000; minimum 4,300 → none
    #  19 Nov  1,000 袋 × 2.5 = 2,500; minimum 50 × 1,075 ÷ 60 = 895.83… → up → 896 → none
    #  26 Nov    100 袋 × 2.5 =   250; minimum 896 → top-up 646
    #  earned 750 + 5,000 + 2,500 + 250 = 8,500; 保障給 3,550 + 646 = 4,196; total 12,696
    (pay,) = compute_months(month=NOVEMBER)
    assert [day.amount for day in pay.days] == [750, 5000, 2500, 250]
    assert [day.minimum for day in pay.days] == [4300, 4300, 896, 896]
    assert [day.top_up for day in pay.days] == [3550, 0, 0, 646]
    assert [day.topped_up for day in pay.days] == [True, False, False, True]
    assert pay.earned == Decimal(8500)
    assert pay.minimum_wage_top_up == Decimal(4196)
    assert pay.total == Decimal(12696)


def test_an_employment_month_tops_up_each_day_to_the_minimum_wage_in_force_that_day(
    bag_packing, consultation_worker
):
    """October 2025: the Hokkaido minimum wage was 1,010 円 until the 3rd and 1,075 円 from the 4th.

    By hand, at 2.50 円 a 袋:
       1 Oct  100 袋 × 2.5 = 250;  50 min × 1,010 ÷ 60 =   841.66… → up →   842 → top-up   592
       3 Oct  100 袋 × 2.5 = 250; 240 min × 1,010 ÷ 60 = 4,040                 → top-up 3,790
       4 Oct  100 袋 × 2.5 = 250; 240 min × 1,075 ÷ 60 = 4,300                 → top-up 4,050
      10 Oct  200 袋 × 2.5 = 500;  50 min × 1,075 ÷ 60 =   895.83… → up →   896 → top-up   396
    earned 250 + 250 + 250 + 500 = 1,250; 保障給 592 + 3,790 + 4,050 + 396 = 8,828; total 10,078
    (the whole month at 1,075 円 would have owed 896 + 4,300 + 4,300 + 896: 65 + 260 = 325 円 more).
    """
    wages = MinimumWage.objects.filter(region="北海道").values_list("effective_from", "hourly")
    assert {(dt.date(2024, 10, 1), Decimal(1010)), (dt.date(2025, 10, 4), Decimal(1075))} <= set(wages)
    placement = _placed(bag_packing.host, consultation_worker, "標茶", "三郎")
    for day, quantity, minutes in ((1, 100, 50), (3, 100, 240), (4, 100, 240), (10, 200, 50)):
        log_work(
            placement=placement, work_type=bag_packing, day=OCTOBER.replace(day=day),
            quantity=quantity, minutes=minutes,
        )  # fmt: skip

    (pay,) = compute_months(month=OCTOBER)
    assert [day.amount for day in pay.days] == [250, 250, 250, 500]
    assert [day.minimum for day in pay.days] == [842, 4040, 4300, 896]
    assert [day.top_up for day in pay.days] == [592, 3790, 4050, 396]
    assert pay.earned == Decimal(1250)
    assert pay.minimum_wage_top_up == Decimal(8828)
    assert pay.total == Decimal(10078)


def test_closing_keeps_the_hand_reckoned_statements_and_an_adjustment_is_paid_the_month_after(
    net_mending, bag_packing, consultation_worker, supervisor
):
    hanako = _placed(net_mending.host, consultation_worker, "釧路", "花子")
    jiro = _placed(bag_packing.host, consultation_worker, "厚岸", "次郎")
    log_work(placement=hanako, work_type=net_mending, day=dt.date(2025, 11, 17), quantity=10, minutes=120)
    log_work(placement=jiro, work_type=bag_packing, day=dt.date(2025, 11, 5), quantity=300, minutes=240)

    close_pay_month(actor=supervisor, host=net_mending.host, month=NOVEMBER)
    close_pay_month(actor=supervisor, host=bag_packing.host, month=NOVEMBER)
    training = PayStatement.objects.get(person=hanako.person)
    employment = PayStatement.objects.get(person=jiro.person)
    assert (training.earned, training.minimum_wage_top_up, training.total) == (1100, 0, 1100)  # 10 × 110
    assert (employment.earned, employment.minimum_wage_top_up, employment.total) == (750, 3550, 4300)
    (day,) = employment.lines["days"]
    assert day["top_up"] == "3550" and day["minimum"] == "4300"
    assert day["work"][0]["rate"] == "2.50" and day["work"][0]["work_type_name"] == "封入"

    # A rate raised afterwards does not rewrite the closed month's statement.
    PayRate.objects.filter(level__work_type=net_mending, effective_from=dt.date(2025, 11, 16)).update(
        amount=500
    )
    training.refresh_from_db()
    assert training.total == 1100

    add_pay_adjustment(
        actor=supervisor, person=hanako.person, host=net_mending.host, month=DECEMBER,
        corrects_month=NOVEMBER, amount=300, reason="11月17日の数量の記入漏れ（3枚）",
    )  # fmt: skip
    (december,) = compute_months(month=DECEMBER, host_ids=[net_mending.host.pk])
    assert december.days == [] and december.adjustments_total == 300 and december.total == 300


def test_the_statements_print_in_japanese_with_wareki_the_total_the_rounding_rule_and_the_top_up_flagged(
    net_mending, bag_packing, consultation_worker, supervisor
):
    hanako = _placed(net_mending.host, consultation_worker, "釧路", "花子")
    jiro = _placed(bag_packing.host, consultation_worker, "厚岸", "次郎")
    log_work(
        placement=hanako,
        work_type=net_mending,
        day=dt.date(2025, 11, 25),
        quantity=Decimal("12.5"),
        minutes=90,
    )
    log_work(placement=jiro, work_type=bag_packing, day=dt.date(2025, 11, 5), quantity=300, minutes=240)
    close_pay_month(actor=supervisor, host=net_mending.host, month=NOVEMBER)
    close_pay_month(actor=supervisor, host=bag_packing.host, month=NOVEMBER)

    training_pdf = documents.statement_pdf(PayStatement.objects.get(person=hanako.person))
    text = pdf_text(training_pdf)
    assert "工賃明細書" in text.replace(" ", "")
    assert "令和7年11月分" in text
    assert "令和7年11月25日" in text
    assert "釧路 花子" in text
    assert "漁網の整網作業" in text and "釧路漁網株式会社" in text
    assert "1,375円" in text  # 12.5 枚 × 110 円 (the rate from 16 November)
    assert "1円未満四捨五入" in text
    assert "非雇用型" in text
    assert {font.name: font.embedded for font in pdf_fonts(training_pdf)}.get("IPAexGothic") is True
    assert not pdf_missing_glyphs(training_pdf)

    wage_text = pdf_text(documents.statement_pdf(PayStatement.objects.get(person=jiro.person)))
    assert "賃金明細書" in wage_text.replace(" ", "")
    assert "※保障給 3,550円" in wage_text
    assert "4,300円" in wage_text  # the total: 750 earned + 3,550 top-up
    assert "北海道最低賃金" in wage_text
