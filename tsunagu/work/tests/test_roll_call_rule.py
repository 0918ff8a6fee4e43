"""Work's rule on the ordinary roll-call (programs' service and page, asked through programs' attendance
checks): a day with a work log is not marked absent there (the log is removed first on the day sheet), and
nothing of the attendance of a month whose pay is closed changes. Refused, nothing is saved."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from tsunagu.programs.models import Attendance
from tsunagu.programs.services import RollCallEntry, record_roll_call
from tsunagu.testing.factories import (
    CaseFactory,
    PersonFactory,
    PlacementFactory,
    ProgramHostFactory,
    SessionFactory,
    WorkTypeFactory,
    log_work,
)
from tsunagu.work.models import PayMonth, WorkLog
from tsunagu.work.services_logs import DaySheetLog, DaySheetRow, record_day_sheet

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LOG_FIRST = "Work is logged for this person on this day: remove the work log first on the day sheet."


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def site(partner_org, consultation_worker):
    """A net-mending site of the partner's organisation, today's session, 釧路 花子 who came for 3 hours and
    mended 10 枚 (a work log on her attendance), and 厚岸 次郎 who came for 2.5 hours and has no log."""
    host = ProgramHostFactory(organisation=partner_org)
    work_type = WorkTypeFactory(host=host, levels=False)
    session = SessionFactory(host=host)
    hanako, jiro = (
        PlacementFactory(
            host=host,
            worker=consultation_worker,
            started_on=TODAY - dt.timedelta(days=60),
            case=CaseFactory(
                worker=consultation_worker, person=PersonFactory(family_name=family, given_name=given)
            ),
        )
        for family, given in (("釧路", "花子"), ("厚岸", "次郎"))
    )
    log_work(placement=hanako, work_type=work_type, day=TODAY, quantity=10, minutes=120)
    record_roll_call(
        actor=consultation_worker, session=session,
        entries=[RollCallEntry(jiro.pk, "present", Decimal("2.5"))],
    )  # fmt: skip
    return host, work_type, session, hanako, jiro


def entry(placement, status, hours="2.5") -> RollCallEntry:
    return RollCallEntry(placement.pk, status, Decimal(hours))


def statuses(session) -> dict[int, str]:
    return dict(Attendance.objects.filter(session=session).values_list("placement_id", "status"))


def test_the_roll_call_may_not_mark_absent_someone_with_a_work_log_that_day(site, consultation_worker):
    _host, _work_type, session, hanako, jiro = site
    before = statuses(session)
    with pytest.raises(ValidationError) as refused:
        record_roll_call(
            actor=consultation_worker,
            session=session,
            entries=[entry(hanako, "absent", "0"), entry(jiro, "late")],
        )
    assert refused.value.message_dict == {f"placement_{hanako.pk}": [LOG_FIRST]}
    assert statuses(session) == before  # 次郎's change is not saved either
    assert WorkLog.objects.filter(placement=hanako, date=TODAY).exists()


def test_the_roll_call_still_changes_the_presence_and_hours_of_someone_with_a_log_who_came(
    site, consultation_worker
):
    _host, _work_type, session, hanako, jiro = site
    record_roll_call(
        actor=consultation_worker, session=session,
        entries=[entry(hanako, "left_early", "1.5"), entry(jiro, "absent", "0")],
    )  # fmt: skip
    assert statuses(session) == {hanako.pk: "left_early", jiro.pk: "absent"}


def test_nothing_of_a_closed_months_attendance_changes_through_the_roll_call(
    site, consultation_worker, supervisor
):
    host, _work_type, session, hanako, jiro = site
    PayMonth.objects.create(
        host=host, month=TODAY.replace(day=1), closed_at=timezone.now(), closed_by=supervisor
    )
    newcomer = PlacementFactory(
        host=host, worker=consultation_worker, case=CaseFactory(worker=consultation_worker),
        started_on=TODAY - dt.timedelta(days=10),
    )  # fmt: skip
    before = statuses(session)
    with pytest.raises(ValidationError) as refused:
        record_roll_call(
            actor=consultation_worker, session=session,
            entries=[entry(hanako, "present", "3"), entry(jiro, "absent", "0"), entry(newcomer, "present")],
        )  # fmt: skip
    errors = refused.value.message_dict
    assert set(errors) == {f"placement_{jiro.pk}", f"placement_{newcomer.pk}"}  # 花子's line is unchanged
    assert "is closed at this site: its attendance cannot change" in errors[f"placement_{jiro.pk}"][0]
    assert statuses(session) == before
    # The same roll-call sent again as it stands changes nothing, and is no refusal.
    assert record_roll_call(actor=consultation_worker, session=session, entries=[entry(jiro, "present")]) == 1


def test_the_roll_call_page_shows_the_refusal_on_the_persons_card_and_saves_nothing(
    client_as, site, partner_staff
):
    """The host's own staff, on the ordinary roll-call page (not the day sheet)."""
    _host, _work_type, session, hanako, jiro = site
    client = client_as(partner_staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body: dict = {"placement": [hanako.pk, jiro.pk]}
    body |= {
        f"p{hanako.pk}-status": "absent",
        f"p{hanako.pk}-hours": "0",
        f"p{hanako.pk}-absence_category": "",
    }
    body |= {f"p{jiro.pk}-status": "present", f"p{jiro.pk}-hours": "2.5"}

    response = client.post(f"/programs/sessions/{session.pk}/", body)

    assert response.status_code == 400
    assert LOG_FIRST in response.content.decode()
    assert statuses(session) == {hanako.pk: "present", jiro.pk: "present"}


def test_the_day_sheet_removes_the_log_and_records_the_absence_in_one_save(site, consultation_worker):
    """Where the roll-call refuses, the day sheet does both: the emptied log goes, then the absence."""
    host, work_type, session, hanako, _jiro = site
    log = WorkLog.objects.get(placement=hanako)
    saved = record_day_sheet(
        actor=consultation_worker, host=host, date=TODAY,
        rows=[DaySheetRow(placement_id=hanako.pk, status="absent", hours=Decimal(0),
                          logs=(DaySheetLog(work_type_id=work_type.pk, edit_version=log.edit_version),))],
    )  # fmt: skip
    assert (saved.removed, saved.presence) == (1, 1)
    assert statuses(session)[hanako.pk] == "absent"
    assert not WorkLog.objects.exists()
