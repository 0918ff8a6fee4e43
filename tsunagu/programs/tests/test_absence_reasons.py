"""Why someone was absent is the hub's: the host's staff see only whether the absence was notified
(連絡あり / 連絡なし), never the reason (体調不良, 通院 ...) nor the worker's note, and what they save keeps
what the hub recorded behind it."""

import importlib
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tsunagu.programs import selectors, services
from tsunagu.programs.models import AbsenceCategory, Attendance, AttendanceStatus
from tsunagu.testing.factories import CaseFactory, PlacementFactory, SessionFactory

HEALTH_NOTE = "通院のため（精神科）"


@pytest.fixture
def session(zoo_host):
    return SessionFactory(host=zoo_host)


@pytest.fixture
def placement(zoo_host, consultation_worker):
    return PlacementFactory(
        host=zoo_host, case=CaseFactory(worker=consultation_worker), worker=consultation_worker
    )


def absent(placement, category="", note=""):
    return services.RollCallEntry(placement.pk, AttendanceStatus.ABSENT, Decimal(0), note, category)


@pytest.fixture
def health_absence(consultation_worker, session, placement) -> Attendance:
    """The worker records the absence with its reason and a note."""
    services.record_roll_call(
        actor=consultation_worker,
        session=session,
        entries=[absent(placement, AbsenceCategory.HEALTH, HEALTH_NOTE)],
    )
    return Attendance.objects.get()


def test_a_partner_never_sees_a_health_reason_typed_by_the_hub(
    client_as, partner_staff, session, health_absence
):
    page = client_as(partner_staff).get(f"/programs/sessions/{session.pk}/").text
    assert HEALTH_NOTE not in page and "通院" not in page and "体調不良" not in page
    assert '<option value="notified" selected>連絡あり</option>' in page  # what the host may know
    recorded = selectors.recorded_attendance(partner_staff, session, [health_absence.placement])
    (shown,) = recorded.values()
    assert (shown.absence_category, shown.absence_reason) == ("notified", "")


def test_the_worker_sees_the_reason_and_the_note_and_is_told_what_the_host_sees(
    client_as, consultation_worker, session, health_absence
):
    page = client_as(consultation_worker).get(f"/programs/sessions/{session.pk}/").text
    assert '<option value="health" selected>体調不良・通院</option>' in page
    assert f'value="{HEALTH_NOTE}"' in page
    assert (
        "受入先の担当者には「連絡あり」か「連絡なし」だけが表示されます。理由やメモは表示されません。" in page
    )
    assert "支援員向けメモ（受入先には表示されません）" in page


def test_the_placement_page_shows_the_worker_the_reason_and_the_note(
    client_as, consultation_worker, health_absence
):
    page = client_as(consultation_worker).get(f"/programs/placements/{health_absence.placement_id}/").text
    assert "体調不良・通院" in page and HEALTH_NOTE in page


def test_a_partner_saving_the_roll_call_again_keeps_the_hubs_reason_and_note(
    client_as, partner_staff, session, health_absence
):
    placement = health_absence.placement
    response = client_as(partner_staff).post(
        f"/programs/sessions/{session.pk}/",
        {
            "placement": [placement.pk],
            f"p{placement.pk}-status": "absent",
            f"p{placement.pk}-absence_category": "notified",
        },
    )
    assert response.status_code == 302
    health_absence.refresh_from_db()
    assert (health_absence.absence_category, health_absence.absence_reason) == ("health", HEALTH_NOTE)
    assert health_absence.recorded_by_id != placement.worker_id  # saved by the partner, reason untouched


def test_a_partner_marking_no_word_changes_the_category_but_keeps_the_hubs_note(
    partner_staff, session, health_absence
):
    services.record_roll_call(
        actor=partner_staff, session=session, entries=[absent(health_absence.placement, "no_contact")]
    )
    health_absence.refresh_from_db()
    assert (health_absence.absence_category, health_absence.absence_reason) == ("no_contact", HEALTH_NOTE)


def test_a_partner_cannot_record_a_reason_or_a_note(partner_staff, session, placement):
    with pytest.raises(ValidationError):
        services.record_roll_call(actor=partner_staff, session=session, entries=[absent(placement, "health")])
    with pytest.raises(ValidationError):
        services.record_roll_call(
            actor=partner_staff, session=session, entries=[absent(placement, "notified", "熱")]
        )
    assert not Attendance.objects.exists()


def test_the_partners_roll_call_form_offers_only_notified_or_not_and_no_note(
    client_as, partner_staff, session, placement
):
    page = client_as(partner_staff).get(f"/programs/sessions/{session.pk}/").text
    assert "欠席の連絡" in page and '<option value="no_contact">連絡なし</option>' in page
    assert 'value="health"' not in page and f'name="p{placement.pk}-absence_reason"' not in page


def test_a_note_a_partner_slips_into_the_form_is_not_saved(client_as, partner_staff, session, placement):
    response = client_as(partner_staff).post(
        f"/programs/sessions/{session.pk}/",
        {
            "placement": [placement.pk],
            f"p{placement.pk}-status": "absent",
            f"p{placement.pk}-absence_category": "notified",
            f"p{placement.pk}-absence_reason": "風邪",
        },
    )
    assert response.status_code == 302
    assert Attendance.objects.get().absence_reason == ""


def test_a_reason_is_cleared_when_the_person_turns_out_to_have_come(
    consultation_worker, session, health_absence
):
    services.record_roll_call(
        actor=consultation_worker,
        session=session,
        entries=[
            services.RollCallEntry(health_absence.placement_id, "late", Decimal(1), HEALTH_NOTE, "health")
        ],
    )
    health_absence.refresh_from_db()
    assert (health_absence.status, health_absence.absence_category, health_absence.absence_reason) == (
        "late",
        "",
        "",
    )


@pytest.mark.parametrize(
    ("typed", "category"),
    [("体調不良", "health"), ("通院のため", "health"), ("連絡なし", "no_contact"), ("家庭の事情", "family"),
     ("ハローワークの面接", "work"), ("寝坊", "")],
)  # fmt: skip
def test_reasons_typed_before_the_categories_are_sorted_only_where_the_words_say_so(typed, category):
    """The migration keeps every typed reason as the hub's note; the category comes from plain words, and
    anything unclear gets none (the host then sees just 欠席)."""
    migration = importlib.import_module("tsunagu.programs.migrations.0004_absence_categories_from_reasons")
    assert migration.categorise(typed) == category
