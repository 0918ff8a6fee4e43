"""High-school entrance support: a cohort per fiscal year of 中3 pupils with a parent, their plans,
sessions, applications and results, the follow-up a year later, and the 進学率 beside the national figure."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tsunagu.children import services_entrance as entrance
from tsunagu.children.models_entrance import ReferenceFigure, ReferenceKey
from tsunagu.children.selectors_entrance import cohort_figures
from tsunagu.children.tests.conftest import add_child

pytestmark = pytest.mark.django_db
YEAR = 2024  # a past cohort: entered in April 2025, followed up in April 2026


def pupil_of(worker, guardian, name, *, year=YEAR):
    child = add_child(worker, guardian, given_name=name, born=dt.date(year - 15, 6, 1))
    return entrance.add_pupil(
        actor=worker, child=child, fiscal_year=year, fields={"goals": "", "schools_considered": ""}
    )


def result(worker, pupil, course, *, entered=True, graduated=True, follow_up=""):
    entrance.add_application(
        actor=worker, pupil=pupil,
        fields={"school_name": "釧路の学校", "course": course, "passed_on": dt.date(YEAR + 1, 3, 2), "entered": entered},
    )  # fmt: skip
    pupil.refresh_from_db()
    entrance.record_outcome(
        actor=worker, pupil=pupil, edit_version=pupil.edit_version,
        fields={"graduated_junior_high": graduated, "follow_up": follow_up,
                "follow_up_on": dt.date(YEAR + 2, 4, 10) if follow_up else None},
    )  # fmt: skip


def test_the_entry_rate_of_a_cohort_matches_a_hand_count(family, consultation_worker):
    w, g = consultation_worker, family.guardian
    result(w, pupil_of(w, g, "一"), "full_time", follow_up="enrolled")  # graduate, entered, still enrolled
    result(w, pupil_of(w, g, "二"), "part_time", follow_up="left")  # graduate, entered, left (中退)
    result(w, pupil_of(w, g, "三"), "technical_college")  # graduate, entered 高専, not followed up yet
    result(w, pupil_of(w, g, "四"), "employment")  # graduate, went to work: not high school or equivalent
    result(w, pupil_of(w, g, "五"), "full_time", entered=False)  # graduate, passed but did not enter
    undecided = pupil_of(w, g, "六")  # graduation not known yet: outside the denominator
    assert undecided.graduated_junior_high is None
    pupil_of(w, g, "七", year=YEAR + 1)  # another year's cohort
    # Hand count for 2024: 6 pupils; graduates 一二三四五 = 5; entered 一二三 = 3 → 3 ÷ 5 = 60.0 %.
    # Followed up 一二 = 2: still enrolled 一 → 1 ÷ 2 = 50.0 %; left 二 → 50.0 % (中退率).
    row = next(r for r in cohort_figures() if r.fiscal_year == YEAR)
    assert (row.pupils, row.graduates, row.entered, row.followed_up) == (6, 5, 3, 2)
    assert row.entry_rate == Decimal("60.0")
    assert (row.enrolled_rate, row.dropout_rate) == (Decimal("50.0"), Decimal("50.0"))


def test_the_page_shows_the_years_rate_beside_the_national_figure(client_as, family, consultation_worker):
    w = consultation_worker
    result(w, pupil_of(w, family.guardian, "一"), "full_time")
    page = client_as(w).get(reverse("children:entrance"), {"year": YEAR}).content.decode()
    assert "100.0 %" in page and "90.8 %" in page and "5.3 %" in page
    assert "一" in page and "専修学校高等課程" in page  # the pupil, and the definition in words


def test_only_a_pupil_in_junior_high_3_that_year_joins_the_cohort(family, consultation_worker):
    with pytest.raises(ValidationError) as refused:
        entrance.add_pupil(actor=consultation_worker, child=family.child, fiscal_year=YEAR, fields={})
    assert "fiscal_year" in refused.value.message_dict


def test_a_pupil_joins_with_the_guardian_as_the_parent_and_only_once_a_year(family, consultation_worker):
    pupil = pupil_of(consultation_worker, family.guardian, "一")
    assert pupil.parent == family.guardian
    with pytest.raises(ValidationError):
        entrance.add_pupil(actor=consultation_worker, child=pupil.child, fiscal_year=YEAR, fields={})


def test_an_entry_needs_its_pass_date_and_one_entry_only(family, consultation_worker):
    pupil = pupil_of(consultation_worker, family.guardian, "一")
    fields = {"school_name": "湖陵", "course": "full_time", "passed_on": None, "entered": True}
    with pytest.raises(ValidationError) as refused:
        entrance.add_application(actor=consultation_worker, pupil=pupil, fields=fields)
    assert "passed_on" in refused.value.message_dict
    entrance.add_application(
        actor=consultation_worker, pupil=pupil, fields={**fields, "passed_on": dt.date(YEAR + 1, 3, 2)}
    )
    with pytest.raises(ValidationError) as refused:
        entrance.add_application(
            actor=consultation_worker, pupil=pupil, fields={**fields, "passed_on": dt.date(YEAR + 1, 3, 2)}
        )
    assert "entered" in refused.value.message_dict


def test_the_follow_up_comes_after_the_april_of_entrance(family, consultation_worker):
    pupil = pupil_of(consultation_worker, family.guardian, "一")
    with pytest.raises(ValidationError) as refused:
        entrance.record_outcome(
            actor=consultation_worker, pupil=pupil, edit_version=pupil.edit_version,
            fields={"graduated_junior_high": True, "follow_up": "enrolled", "follow_up_on": dt.date(YEAR, 12, 1)},
        )  # fmt: skip
    assert "follow_up_on" in refused.value.message_dict


def test_the_supervisor_sees_the_counts_but_no_pupil(
    client_as, family, consultation_worker, supervisor, children_support
):
    pupil = pupil_of(consultation_worker, family.guardian, "見えない子")
    client = client_as(supervisor)
    page = client.get(reverse("children:entrance"), {"year": YEAR}).content.decode()
    assert "見えない子" not in page and 'data-testid="figures-2024"' in page
    assert client.get(reverse("children:pupil_detail", args=[pupil.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        entrance.add_parent_session(
            actor=supervisor,
            pupil=pupil,
            fields={"held_on": dt.date(YEAR, 6, 1), "parent_attended": True, "note": ""},
        )
    for user in (consultation_worker, children_support):
        assert (
            "見えない子"
            in client_as(user).get(reverse("children:pupil_detail", args=[pupil.pk])).content.decode()
        )


def test_a_worker_records_a_parent_session_and_a_result_on_the_pupils_page(
    client_as, family, consultation_worker
):
    pupil = pupil_of(consultation_worker, family.guardian, "一")
    client = client_as(consultation_worker)
    page = client.get(reverse("children:pupil_detail", args=[pupil.pk])).content.decode()
    token = page.split('name="form_token" value="')[1].split('"')[0]
    response = client.post(
        reverse("children:parent_session_add", args=[pupil.pk]),
        {"held_on": f"{YEAR}-06-15", "parent_attended": "on", "note": "説明会", "form_token": token},
    )
    assert response.status_code == 302
    page = client.get(reverse("children:pupil_detail", args=[pupil.pk])).content.decode()
    assert "説明会" in page


def test_an_administrator_edits_a_reference_figure_and_a_worker_may_not(
    client_as, administrator, consultation_worker
):
    figure = ReferenceFigure.objects.get(key=ReferenceKey.ENTRY_RATE)
    assert figure.value == Decimal("90.8") and figure.source
    url = reverse("children:reference_edit", args=[figure.pk])
    assert client_as(consultation_worker).get(url).status_code == 403
    response = client_as(administrator).post(
        url,
        {
            "value": "91.2",
            "year": "2024",
            "source": "内閣府 こども白書",
            "url": "",
            "edit_version": figure.edit_version,
        },
    )
    assert response.status_code == 302
    figure.refresh_from_db()
    assert (figure.value, figure.year) == (Decimal("91.2"), 2024)


def test_the_cohort_list_takes_a_fixed_number_of_queries(
    client_as, family, children_support, consultation_worker
):
    client = client_as(children_support)
    pupil_of(consultation_worker, family.guardian, "一")
    client.get(reverse("children:entrance"), {"year": YEAR})
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("children:entrance"), {"year": YEAR})
    for n in range(4):
        result(consultation_worker, pupil_of(consultation_worker, family.guardian, f"児{n}"), "full_time")
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("children:entrance"), {"year": YEAR})
    assert response.content.decode().count("entrance/") >= 5
    assert len(many) == len(few)
