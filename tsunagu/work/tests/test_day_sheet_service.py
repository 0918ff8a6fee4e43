"""The day sheet's services: what a save keeps (presence through the roll-call, a log per person and work
type tied to that attendance), what it refuses (nothing saved, the whole sheet), and corrections."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from tsunagu.core.editing import EditConflict
from tsunagu.programs.models import Attendance
from tsunagu.testing.factories import (
    AttendanceFactory,
    CaseFactory,
    PlacementFactory,
    ProgramHostFactory,
    SessionFactory,
    UserFactory,
    WorkTypeFactory,
)
from tsunagu.work.models import PayMonth, WorkLog
from tsunagu.work.services_logs import (
    DaySheetLog,
    DaySheetRow,
    correct_work_log,
    record_day_sheet,
    record_work_log,
)


@pytest.fixture(autouse=True)
def in_english():
    """The refusals are compared with their English text."""
    with translation.override("en"):
        yield


TODAY = timezone.localdate()


@pytest.fixture
def site(partner_org, consultation_worker):
    """A net-mending site of the partner's organisation (at most 20 枚 an hour), today's session of 150
    minutes (9:30–12:00), and two people of the worker's cases taking part there."""
    host = ProgramHostFactory(organisation=partner_org)
    work_type = WorkTypeFactory(host=host, levels=False)
    session = SessionFactory(host=host)
    placements = [
        PlacementFactory(host=host, case=CaseFactory(worker=consultation_worker), worker=consultation_worker)
        for _ in range(2)
    ]
    return host, work_type, session, placements


def row(placement, work_type, *, status="present", hours="2.5", quantity="30", minutes=120, defects="1",
        version=None) -> DaySheetRow:  # fmt: skip
    log = DaySheetLog(
        work_type_id=work_type.pk,
        quantity=None if quantity is None else Decimal(quantity),
        minutes=minutes,
        defects=None if defects is None else Decimal(defects),
        edit_version=version,
    )
    return DaySheetRow(placement_id=placement.pk, status=status, hours=Decimal(hours), logs=(log,))


def nothing_saved() -> bool:
    return not Attendance.objects.exists() and not WorkLog.objects.exists()


def test_a_day_sheet_records_presence_and_a_log_per_person_tied_to_that_days_attendance(
    site, consultation_worker
):
    host, work_type, session, (first, second) = site
    saved = record_day_sheet(
        actor=consultation_worker, host=host, date=TODAY,
        rows=[row(first, work_type), row(second, work_type, status="late", hours="1", quantity="12", minutes=60)],
    )  # fmt: skip
    assert (saved.created, saved.changed, saved.removed, saved.presence) == (2, 0, 0, 2)
    late = Attendance.objects.get(placement=second)
    assert (late.session, late.status, late.hours) == (session, "late", Decimal("1.00"))
    log = WorkLog.objects.get(placement=second)
    assert (log.attendance, log.person, log.date, log.quantity, log.minutes) == (
        late,
        second.person,
        TODAY,
        Decimal("12.00"),
        60,
    )
    assert log.recorded_by == consultation_worker


def test_a_day_sheet_sent_twice_changes_nothing_the_second_time(site, consultation_worker):
    host, work_type, _session, (first, second) = site
    rows = [row(first, work_type), row(second, work_type)]
    record_day_sheet(actor=consultation_worker, host=host, date=TODAY, rows=rows)
    again = record_day_sheet(actor=consultation_worker, host=host, date=TODAY, rows=rows)
    assert (again.created, again.changed, again.removed, again.presence) == (0, 0, 0, 0)
    assert WorkLog.objects.count() == 2
    assert set(WorkLog.objects.values_list("edit_version", flat=True)) == {1}


def test_a_changed_amount_updates_the_log_and_an_emptied_line_removes_it(site, consultation_worker):
    host, work_type, _session, (first, second) = site
    record_day_sheet(actor=consultation_worker, host=host, date=TODAY,
                     rows=[row(first, work_type), row(second, work_type)])  # fmt: skip
    saved = record_day_sheet(
        actor=consultation_worker, host=host, date=TODAY,
        rows=[row(first, work_type, quantity="35", version=1),
              row(second, work_type, quantity=None, minutes=None, defects=None, version=1)],
    )  # fmt: skip
    assert (saved.changed, saved.removed) == (1, 1)
    log = WorkLog.objects.get()
    assert (log.placement, log.quantity, log.edit_version) == (first, Decimal("35.00"), 2)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"quantity": "-1"}, "quantity", "Cannot be less than 0."),
        # 20 枚 an hour at most: 41 in 120 minutes is more than anyone can do.
        ({"quantity": "41"}, "quantity", "More than anyone can do in 120 minutes"),
        ({"minutes": 151}, "minutes", "More minutes than the session lasts (150 minutes)."),
        ({"minutes": 24 * 60 + 1}, "minutes", "A day has no more than 1440 minutes."),
        ({"defects": "31"}, "defects", "More defects than units done."),
    ],
)
def test_impossible_amounts_are_refused_next_to_the_field_and_nothing_of_the_sheet_is_saved(
    site, consultation_worker, changes, field, message
):
    host, work_type, _session, (first, second) = site
    bad = row(second, work_type, **changes)
    with pytest.raises(ValidationError) as refused:
        record_day_sheet(actor=consultation_worker, host=host, date=TODAY, rows=[row(first, work_type), bad])
    key = f"placement_{second.pk}.{work_type.pk}.{field}"
    assert message in " ".join(refused.value.message_dict[key])
    assert nothing_saved()


def test_work_paid_by_the_hour_has_its_quantity_bounded_too(site, consultation_worker):
    """Every work type states its most units an hour: cleaning counted in 時間 holds at most 1 an hour,
    so 3 時間 in 120 minutes is refused though the quantity does not change the pay."""
    host, _nets, _session, (first, _second) = site
    cleaning = WorkTypeFactory(
        host=host, name="清掃", unit="時間", work_form="employment", pay_basis="per_hour",
        max_units_per_hour=1, levels=False,
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        record_day_sheet(actor=consultation_worker, host=host, date=TODAY,
                         rows=[row(first, cleaning, quantity="3", defects="0")])  # fmt: skip
    (message,) = refused.value.message_dict[f"placement_{first.pk}.{cleaning.pk}.quantity"]
    assert message == "More than anyone can do in 120 minutes (at most 2 時間 at 1 an hour)."
    assert nothing_saved()
    record_day_sheet(actor=consultation_worker, host=host, date=TODAY,
                     rows=[row(first, cleaning, quantity="2", defects="0")])  # fmt: skip
    assert WorkLog.objects.get().quantity == 2


def test_someone_not_placed_at_the_site_or_outside_their_placement_is_refused(site, consultation_worker):
    host, work_type, _session, (first, _second) = site
    elsewhere = PlacementFactory(case=CaseFactory(worker=consultation_worker), worker=consultation_worker)
    finished = PlacementFactory(
        host=host, case=CaseFactory(worker=consultation_worker), worker=consultation_worker,
        status="completed", completed_on=TODAY - dt.timedelta(days=3),
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        record_day_sheet(
            actor=consultation_worker, host=host, date=TODAY,
            rows=[row(first, work_type), row(elsewhere, work_type), row(finished, work_type)],
        )  # fmt: skip
    errors = refused.value.message_dict
    assert errors[f"placement_{elsewhere.pk}"] == ["This person is not placed at this site."]
    assert "outside this person's placement here" in errors[f"placement_{finished.pk}"][0]
    assert nothing_saved()


def test_a_day_in_the_future_or_in_a_closed_month_is_refused(site, consultation_worker, supervisor):
    host, work_type, _session, (first, _second) = site
    tomorrow = TODAY + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as future:
        record_day_sheet(actor=consultation_worker, host=host, date=tomorrow, rows=[row(first, work_type)])
    assert "date" in future.value.message_dict
    PayMonth.objects.create(
        host=host, month=TODAY.replace(day=1), closed_at=timezone.now(), closed_by=supervisor
    )
    with pytest.raises(ValidationError) as closed:
        record_day_sheet(actor=consultation_worker, host=host, date=TODAY, rows=[row(first, work_type)])
    assert "is closed at this site" in closed.value.message_dict["date"][0]
    assert nothing_saved()


def test_an_absent_person_has_no_work_and_the_sheet_is_refused(site, consultation_worker):
    host, work_type, _session, (first, _second) = site
    with pytest.raises(ValidationError) as refused:
        record_day_sheet(actor=consultation_worker, host=host, date=TODAY,
                         rows=[row(first, work_type, status="absent")])  # fmt: skip
    assert refused.value.message_dict[f"placement_{first.pk}"] == ["An absent person has no work to log."]
    assert nothing_saved()


def test_a_log_someone_else_changed_after_the_sheet_was_opened_is_not_overwritten(site, consultation_worker):
    host, work_type, _session, (first, _second) = site
    record_day_sheet(actor=consultation_worker, host=host, date=TODAY, rows=[row(first, work_type)])
    log = WorkLog.objects.get()
    correct_work_log(actor=consultation_worker, log=log, edit_version=1, quantity=Decimal(20))
    with pytest.raises(ValidationError) as refused:  # the sheet still shows version 1
        record_day_sheet(actor=consultation_worker, host=host, date=TODAY,
                         rows=[row(first, work_type, quantity="25", version=1)])  # fmt: skip
    assert "Someone else saved" in refused.value.message_dict[f"placement_{first.pk}"][0]
    assert WorkLog.objects.get().quantity == Decimal(20)


def test_partner_staff_of_another_organisation_may_not_keep_the_sites_sheet(site):
    host, work_type, _session, (first, _second) = site
    stranger = UserFactory(roles=["partner_staff"])
    with pytest.raises(PermissionDenied):
        record_day_sheet(actor=stranger, host=host, date=TODAY, rows=[row(first, work_type)])
    assert nothing_saved()


def test_the_hosts_partner_staff_keep_their_own_sites_sheet(site, partner_staff):
    host, work_type, _session, (first, second) = site
    saved = record_day_sheet(actor=partner_staff, host=host, date=TODAY,
                             rows=[row(first, work_type), row(second, work_type, status="absent", quantity=None,
                                                              minutes=None, defects=None)])  # fmt: skip
    assert saved.created == 1
    assert Attendance.objects.get(placement=second).status == "absent"


def test_a_correction_claims_the_logs_version_and_a_stale_one_is_refused(site, consultation_worker):
    host, work_type, _session, (first, _second) = site
    record_day_sheet(actor=consultation_worker, host=host, date=TODAY, rows=[row(first, work_type)])
    log = WorkLog.objects.get()
    corrected = correct_work_log(
        actor=consultation_worker, log=log, edit_version=1, minutes=100, quantity=Decimal(33)
    )
    assert (corrected.minutes, corrected.quantity, corrected.edit_version) == (100, Decimal(33), 2)
    with pytest.raises(EditConflict):
        correct_work_log(actor=consultation_worker, log=WorkLog.objects.get(), edit_version=1, minutes=90)
    with pytest.raises(ValidationError) as impossible:  # 20 an hour: 34 in 100 minutes is too many
        correct_work_log(
            actor=consultation_worker, log=WorkLog.objects.get(), edit_version=2, quantity=Decimal(34)
        )
    assert "quantity" in impossible.value.message_dict
    with pytest.raises(TypeError):
        correct_work_log(actor=consultation_worker, log=WorkLog.objects.get(), edit_version=2, person=None)


def test_a_log_of_a_closed_month_is_never_corrected(site, consultation_worker, supervisor):
    host, work_type, _session, (first, _second) = site
    record_day_sheet(actor=consultation_worker, host=host, date=TODAY, rows=[row(first, work_type)])
    PayMonth.objects.create(
        host=host, month=TODAY.replace(day=1), closed_at=timezone.now(), closed_by=supervisor
    )
    with pytest.raises(ValidationError) as refused:
        correct_work_log(actor=consultation_worker, log=WorkLog.objects.get(), edit_version=1, minutes=60)
    assert "date" in refused.value.message_dict
    assert WorkLog.objects.get().minutes == 120


def test_one_log_is_recorded_on_an_attendance_and_refused_on_an_absence(site, consultation_worker):
    _host, work_type, session, (first, second) = site
    present = AttendanceFactory(session=session, placement=first, recorded_by=consultation_worker)
    log = record_work_log(actor=consultation_worker, attendance=present, work_type=work_type,
                          quantity=Decimal(10), minutes=60)  # fmt: skip
    assert (log.person, log.placement, log.date) == (first.person, first, session.date)
    absent = AttendanceFactory(session=session, placement=second, status="absent", hours=0,
                               recorded_by=consultation_worker)  # fmt: skip
    with pytest.raises(ValidationError):
        record_work_log(actor=consultation_worker, attendance=absent, work_type=work_type, minutes=60)
    other_site = WorkTypeFactory(levels=False)
    with pytest.raises(ValidationError) as elsewhere:
        record_work_log(actor=consultation_worker, attendance=present, work_type=other_site, minutes=60)
    assert "work_type" in elsewhere.value.message_dict
