"""The assessment sheet proposes the stage beside the stage field, with the scores behind it; a saved
assessment is a page of its own, its scores beside the case's assessment before it."""

import re

import pytest

from tsunagu.cases.models import Assessment
from tsunagu.cases.tests.helpers import SCORES_DAILY, SCORES_READY, assess, days_ago
from tsunagu.people.models import Stage
from tsunagu.testing.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def case(consultation_worker):
    return CaseFactory(worker=consultation_worker, intake_date=days_ago(60))


def sheet(**overrides) -> dict:
    data = {"assessed_on": days_ago(1).isoformat(), "work_status": "unemployed", "housing_type": "rented",
            "urgency": "medium"}  # fmt: skip
    data.update(overrides)
    return data


def selected_stage(html: str) -> str:
    select = re.search(r'<select name="confirmed_stage".*?</select>', html, re.S).group(0)
    found = re.search(r'<option value="(\w*)" selected>', select)
    return found.group(1) if found else ""


def test_changing_a_score_shows_the_proposed_stage_with_its_scores_and_fills_in_the_stage(
    client_as, consultation_worker, case
):
    response = client_as(consultation_worker).post(
        f"/cases/{case.pk}/assessment/",
        sheet(propose="1", score_daily_routine="2", score_physical_health="2", score_work="4"),
        headers=HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'data-testid="proposed-stage">日常生活自立<', html)
    assert "生活リズム 2・身体の健康 2" in html and "平均 2.0" in html
    assert "3未満のため「日常生活自立」" in html
    assert selected_stage(html) == Stage.DAILY_LIFE
    assert not Assessment.objects.exists()


def test_a_stage_the_worker_chose_stays_when_the_scores_change_again(client_as, consultation_worker, case):
    response = client_as(consultation_worker).post(
        f"/cases/{case.pk}/assessment/",
        sheet(propose="1", score_daily_routine="2", confirmed_stage=Stage.SOCIAL_LIFE,
              stage_offered=Stage.DAILY_LIFE),
        headers=HTMX,
    )  # fmt: skip
    html = response.content.decode()
    assert re.search(r'data-testid="proposed-stage">日常生活自立<', html)
    assert selected_stage(html) == Stage.SOCIAL_LIFE


def test_without_scripts_the_propose_button_shows_the_proposal_on_the_whole_page_and_saves_nothing(
    client_as, consultation_worker, case
):
    scores = {f"score_{code}": str(value) for code, value in SCORES_READY.items()}
    response = client_as(consultation_worker).post(
        f"/cases/{case.pk}/assessment/", sheet(propose="1", **scores)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert case.person.full_name in html
    assert re.search(r'data-testid="proposed-stage">就労自立<', html)
    assert "どの領域も平均が3以上です" in html
    assert selected_stage(html) == Stage.EMPLOYMENT
    assert not Assessment.objects.exists()


def test_the_empty_sheet_says_where_the_proposal_will_appear(client_as, consultation_worker, case):
    html = client_as(consultation_worker).get(f"/cases/{case.pk}/assessment/").content.decode()
    assert "評価点を入力すると、提案されるステージとその根拠となった評価点がここに表示されます。" in html


def test_a_stage_left_as_the_page_filled_it_before_the_scores_changed_is_not_saved_unchecked(
    client_as, consultation_worker, case
):
    """The person is at daily life; the worker (no scripts) scores them ready for work and saves without
    looking at the stage: asked to check it, with the proposal now in the field."""
    case.person.current_stage = Stage.DAILY_LIFE
    case.person.save()
    scores = {f"score_{code}": str(value) for code, value in SCORES_READY.items()}
    client = client_as(consultation_worker)
    data = sheet(confirmed_stage=Stage.DAILY_LIFE, stage_offered=Stage.DAILY_LIFE, **scores)
    response = client.post(f"/cases/{case.pk}/assessment/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert (
        "評価点からの提案が「就労自立」に変わりました。ステージを確認して、もう一度保存してください。" in html
    )
    assert selected_stage(html) == Stage.EMPLOYMENT
    assert not Assessment.objects.exists()

    # Choosing daily life again on purpose is saved, as the worker's judgement.
    data.update(confirmed_stage=Stage.DAILY_LIFE, stage_offered=Stage.EMPLOYMENT)
    response = client.post(f"/cases/{case.pk}/assessment/", data)
    saved = Assessment.objects.get()
    assert (saved.proposed_stage, saved.confirmed_stage) == (Stage.EMPLOYMENT, Stage.DAILY_LIFE)
    assert response.url == f"/cases/assessments/{saved.pk}/"


def test_a_saved_assessment_has_its_own_page_with_its_scores_beside_the_earlier_one(
    client_as, consultation_worker, case
):
    first = assess(case, consultation_worker, scores=SCORES_DAILY, assessed_on=days_ago(50))
    second = assess(
        case, consultation_worker, assessed_on=days_ago(10), confirmed_stage=Stage.SOCIAL_LIFE,
        scores={**SCORES_DAILY, "daily_routine": 4, "housing": 1, "work": 3},
    )  # fmt: skip
    html = client_as(consultation_worker).get(f"/cases/assessments/{second.pk}/").content.decode()
    assert f"{days_ago(10).year}年{days_ago(10).month}月{days_ago(10).day}日のアセスメント" in html
    assert "前回のアセスメント" in html and f"/cases/assessments/{first.pk}/" in html
    rows = dict(re.findall(r'<th scope="row">(.+?)</th>(.*?)</tr>', html, re.S))
    assert re.findall(r">([^<>]+)</(?:td|span)>", rows["生活リズム"]) == ["2", "4", "▲ 2 改善"]
    assert re.findall(r">([^<>]+)</(?:td|span)>", rows["住まい"]) == ["2", "1", "▼ 1 悪化"]
    assert re.findall(r">([^<>]+)</(?:td|span)>", rows["こころの健康"]) == ["3", "3", "変化なし"]
    assert re.findall(r">([^<>]+)</(?:td|span)>", rows["仕事"]) == ["未評価", "3", "—"]
    assert re.search(
        r'data-testid="confirmed-stage">社会生活自立 <span class="badge warn">提案と異なる', html
    )


def test_the_first_assessment_says_the_next_one_will_be_compared(client_as, consultation_worker, case):
    first = assess(case, consultation_worker)
    html = client_as(consultation_worker).get(f"/cases/assessments/{first.pk}/").content.decode()
    assert "このケースで最初のアセスメントです。" in html
    assert "前回のアセスメント" not in html


def test_the_case_page_links_to_its_latest_assessment(client_as, consultation_worker, case):
    assess(case, consultation_worker, assessed_on=days_ago(50))
    latest = assess(case, consultation_worker, assessed_on=days_ago(5))
    html = client_as(consultation_worker).get(f"/cases/{case.pk}/").content.decode()
    assert re.search(rf'href="/cases/assessments/{latest.pk}/" data-testid="latest-assessment"', html)


def test_an_assessment_of_another_office_is_not_found(client_as, consultation_worker, other_hub_office):
    onbetsu = UserFactory(office=other_hub_office, roles=["consultation_worker"])
    elsewhere = CaseFactory(worker=onbetsu, intake_date=days_ago(60))
    assessment = assess(elsewhere, elsewhere.worker)
    assert client_as(consultation_worker).get(f"/cases/assessments/{assessment.pk}/").status_code == 404
