"""The kinds that add records to people already on record: support notes, plans, placements and attendance.

Each row names its person by the case number, or by the reading and the date of birth (the keys of the
intake's duplicate check), among the cases of the importer's office that the importer may see
(`cases.selectors.visible_cases`): no one, or several people, is a mistake of the row. Each kind then says
which record the row is, so that a record already there is skipped and importing a file twice changes
nothing:

- a note: the same case, the same day and the same text;
- a plan: the same case and the same period (from, to);
- a placement: the same person, the same program host and the same start date (the date of its first step);
- attendance: the same placement and the same session date;
- a household member: the same person and the same member's name (width, case and spaces ignored; the
  household's declaration keeps no reading or date of birth of its members, so the name is what a second
  file can be matched by).

The rows are then written through the owning apps' services (cases.add_note, create_plan and the approval
steps, programs.place_person, add_session and record_roll_call, people.add_household_members), so their rules and
audit hold."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.cases import services as case_services
from tsunagu.cases.models import OPEN_STATUSES, ApprovalMethod, Case, Note, Plan
from tsunagu.cases.selectors import visible_cases
from tsunagu.core.dates import wareki
from tsunagu.core.japanese import search_key
from tsunagu.imports.kinds import ATTENDANCE, HOUSEHOLDS, NOTES, PLACEMENTS, PLANS, header_key
from tsunagu.people import services as people_services
from tsunagu.people.models import HouseholdMember, Person
from tsunagu.programs import services as program_services
from tsunagu.programs.models import (
    OPEN_PLACEMENT_STATUSES,
    Attendance,
    AttendanceStatus,
    Placement,
    ProgramHost,
    Session,
)

CHUNK = 500
PROGRESS_EVERY = 100
NOTE_TIME = dt.time(12, 0)  # a note with no time is put at noon (its day is what matters)


def resolve(check, user, kind: str, column: Callable[[str], str]) -> None:
    """Find each row's person, case and (for programs) host, and whether its record is already there."""
    wrong = {error.row for error in check.errors}
    rows = [row for row in check.rows if row.number not in wrong]
    cases = _office_cases(user, rows)
    for row in rows:
        found = _person_of(row, cases)
        if isinstance(found, str):
            who = "case_reference" if row.values.get("case_reference") else "family_name_kana"
            check.add(row.number, column(who), found)
        else:
            row.found["person_id"], row.found["case_id"] = found
    hosts = _hosts() if kind in (PLACEMENTS, ATTENDANCE) else {}
    by_kind = {NOTES: _notes, PLANS: _plans, PLACEMENTS: _placements, ATTENDANCE: _attendance,
               HOUSEHOLDS: _households}  # fmt: skip
    by_kind[kind](check, [r for r in rows if "person_id" in r.found], cases, hosts, column)


# ---------------------------------------------------------------- who


class _Cases:
    def __init__(self) -> None:
        self.by_reference: dict[str, tuple[int, int]] = {}  # case number → (person, case)
        self.by_reading: dict[tuple[str, dt.date], set[int]] = defaultdict(set)
        self.of_person: dict[int, list[dict[str, Any]]] = defaultdict(list)  # oldest intake first


def _office_cases(user, rows) -> _Cases:
    found = _Cases()
    references = {row.values.get("case_reference") for row in rows} - {None, ""}
    readings = {_reading(row.values) for row in rows} - {""}
    scope = visible_cases(user).filter(office_id=user.office_id, person__merged_into__isnull=True)
    fields = (
        "id",
        "person_id",
        "reference",
        "intake_date",
        "status",
        "person__reading_key",
        "person__date_of_birth",
    )
    hits: dict[int, dict[str, Any]] = {}
    for part in _chunks(sorted(references)):
        hits.update((c["id"], c) for c in scope.filter(reference__in=part).values(*fields))
    for part in _chunks(sorted(readings)):
        hits.update((c["id"], c) for c in scope.filter(person__reading_key__in=part).values(*fields))
    people = {c["person_id"] for c in hits.values()}
    for part in _chunks(sorted(people)):
        hits.update((c["id"], c) for c in scope.filter(person_id__in=part).values(*fields))
    for case in sorted(hits.values(), key=lambda c: (c["intake_date"], c["id"])):
        found.by_reference[case["reference"]] = (case["person_id"], case["id"])
        found.by_reading[(case["person__reading_key"], case["person__date_of_birth"])].add(case["person_id"])
        found.of_person[case["person_id"]].append(case)
    return found


def _reading(values: dict[str, Any]) -> str:
    return search_key((values.get("family_name_kana") or "") + (values.get("given_name_kana") or ""))


def _person_of(row, cases: _Cases) -> tuple[int, int | None] | str:
    """(person, case named by number or None), or the mistake."""
    values = row.values
    reference = values.get("case_reference")
    if reference:
        if reference not in cases.by_reference:
            return _("No case with this number in your office.")
        return cases.by_reference[reference]
    reading, born = _reading(values), values.get("date_of_birth")
    if not reading or not born:
        return _("Give the case number, or the reading and the date of birth.")
    people = cases.by_reading.get((reading, born), set())
    if not people:
        return _("No one of your office on record has this reading and date of birth.")
    if len(people) > 1:
        return _("Several people on record have this reading and date of birth: give the case number.")
    return next(iter(people)), None


def _case_on(row, cases: _Cases, day: dt.date) -> dict[str, Any] | None:
    """The case named, else the person's latest case of the office whose intake is on or before the day."""
    own = cases.of_person[row.found["person_id"]]
    if row.found.get("case_id"):
        return next(c for c in own if c["id"] == row.found["case_id"])
    before = [c for c in own if c["intake_date"] <= day]
    return before[-1] if before else None


def _in_file_once(check, rows, key: Callable, column: str) -> None:
    seen: dict[Any, int] = {}
    for row in rows:
        k = key(row)
        if k in seen:
            check.add(row.number, column, _("The same record as row %(row)d.") % {"row": seen[k]})
        seen.setdefault(k, row.number)


# ---------------------------------------------------------------- notes


def _notes(check, rows, cases, hosts, column) -> None:
    for row in rows:
        case = _case_on(row, cases, row.values["note_date"])
        if case is None:
            check.add(
                row.number, column("note_date"), _("This person has no case of your office by this date.")
            )
            continue
        if row.values["note_date"] < case["intake_date"]:
            check.add(row.number, column("note_date"), _("A note cannot be dated before intake."))
            continue
        row.found["case_id"] = case["id"]
    rows = [r for r in rows if r.found.get("case_id")]
    _in_file_once(check, rows, _note_key, column("content"))
    existing = set()
    for part in _chunks(sorted({r.found["case_id"] for r in rows})):
        for case_id, at, content in Note.objects.filter(case_id__in=part).values_list(
            "case_id", "occurred_at", "content"
        ):
            existing.add((case_id, timezone.localtime(at).date(), content.strip()))
    for row in rows:
        row.already = _note_key(row) in existing


def _note_key(row) -> tuple:
    return row.found["case_id"], row.values["note_date"], row.values["content"].strip()


def _write_notes(actor: User, rows, progress) -> list[int]:
    cases = Case.objects.in_bulk({row.found["case_id"] for row in rows})
    made = []
    now = timezone.localtime()
    for done, row in enumerate(rows, start=1):
        values, case = row.values, cases[row.found["case_id"]]
        at = timezone.make_aware(
            dt.datetime.combine(values["note_date"], values.get("note_time") or NOTE_TIME)
        )
        at = min(at, now)
        note = _row(
            row, case_services.add_note, case=case, actor=actor, occurred_at=at, method=values["method"],
            minutes=values.get("minutes") or 0, content=values["content"],
            after_closure=case.status not in OPEN_STATUSES,
        )  # fmt: skip
        made.append(note.pk)
        _tell(progress, done, len(rows))
    return made


# ---------------------------------------------------------------- plans


def _plans(check, rows, cases, hosts, column) -> None:
    for row in rows:
        values = row.values
        case = _case_on(row, cases, values["period_start"])
        if case is None:
            check.add(
                row.number, column("period_start"), _("This person has no case of your office by this date.")
            )
            continue
        row.found["case_id"] = case["id"]
        if values["period_end"] < values["period_start"]:
            check.add(row.number, column("period_end"), _("The plan period cannot end before it starts."))
        if values["period_start"] < case["intake_date"]:
            check.add(row.number, column("period_start"), _("The plan cannot start before intake."))
        if case["status"] not in OPEN_STATUSES:
            check.add(
                row.number, column("period_start"), _("This case has ended: a plan is made on an open case.")
            )
        if values.get("approved_on") and not values.get("agreed_on"):
            check.add(
                row.number, column("approved_on"), _("An approved plan needs the date the person agreed.")
            )
        if values.get("decided_on") and not values.get("approved_on"):
            check.add(row.number, column("decided_on"), _("The decision is recorded on an approved plan."))
    rows = [r for r in rows if r.found.get("case_id")]
    _in_file_once(check, rows, _plan_key, column("period_start"))
    existing = set()
    for part in _chunks(sorted({r.found["case_id"] for r in rows})):
        existing |= set(
            Plan.objects.filter(case_id__in=part).values_list("case_id", "period_start", "period_end")
        )
    by_case = defaultdict(list)
    for row in rows:
        row.already = _plan_key(row) in existing
        if not row.already:
            by_case[row.found["case_id"]].append(row)
    for case_rows in by_case.values():
        case_rows.sort(key=lambda r: r.values["period_start"])
        for row in case_rows[
            :-1
        ]:  # each plan is approved before the next is made (one in preparation a case)
            if not row.values.get("approved_on"):
                check.add(row.number, column("approved_on"),
                          _("A later plan of this case follows: this one needs its approval date."))  # fmt: skip


def _plan_key(row) -> tuple:
    return row.found["case_id"], row.values["period_start"], row.values["period_end"]


def _write_plans(actor: User, rows, progress) -> list[int]:
    cases = Case.objects.in_bulk({row.found["case_id"] for row in rows})
    made = []
    ordered = sorted(rows, key=lambda r: (r.found["case_id"], r.values["period_start"]))
    for done, row in enumerate(ordered, start=1):
        values, case = row.values, cases[row.found["case_id"]]
        fields = {name: values[name] for name in ("period_start", "period_end", "long_term_goal", "short_term_goals",
                                                  "own_actions", "agreed_on") if values.get(name) not in (None, "")}  # fmt: skip

        def write(*, case, fields, values):
            plan = case_services.create_plan(case=case, actor=actor, fields=fields)
            if values.get("approved_on"):
                plan = case_services.submit_plan(plan=plan, actor=actor)
                plan = case_services.approve_plans(
                    plans=[plan],
                    actor=actor,
                    method=ApprovalMethod.SUPERVISOR,
                    approved_on=values["approved_on"],
                )[0]
            if values.get("decided_on"):
                plan = case_services.record_service_decision(
                    plan=plan, actor=actor, decided_on=values["decided_on"]
                )
            return plan

        made.append(_row(row, write, case=case, fields=fields, values=values).pk)
        _tell(progress, done, len(rows))
    return made


# ---------------------------------------------------------------- placements and attendance


def _hosts() -> dict[str, list[ProgramHost]]:
    """The catalog's hosts by the program's name (compared as headers are: width, case and spaces ignored)."""
    hosts: dict[str, list[ProgramHost]] = defaultdict(list)
    for host in ProgramHost.objects.select_related("program", "organisation"):
        hosts[header_key(host.program.name)].append(host)
    return hosts


def _host_of(check, row, hosts, column) -> ProgramHost | None:
    values = row.values
    found = hosts.get(header_key(values["program"]))
    if not found:
        message = _("Unknown program “%(value)s”: use a program of the catalog.") % {
            "value": values["program"]
        }
        check.add(row.number, column("program"), message)
        return None
    if values.get("host"):
        named = [h for h in found if header_key(h.organisation.name) == header_key(values["host"])]
        if not named:
            check.add(
                row.number,
                column("host"),
                _("“%(value)s” does not host this program.") % {"value": values["host"]},
            )
            return None
        return named[0]
    if len(found) > 1:
        check.add(
            row.number, column("program"), _("The program has several hosts: name the host organisation.")
        )
        return None
    return found[0]


def _placements(check, rows, cases, hosts, column) -> None:
    for row in rows:
        host = _host_of(check, row, hosts, column)
        if host is not None:
            row.found["host_id"] = host.pk
            case = _case_on(row, cases, row.values["start_date"])
            row.found["case_id"] = case["id"] if case else None
    rows = [r for r in rows if r.found.get("host_id")]
    _in_file_once(check, rows, _placement_key, column("start_date"))
    existing, open_ones = set(), set()
    for part in _chunks(sorted({r.found["person_id"] for r in rows})):
        for placement in Placement.objects.filter(person_id__in=part).values(
            "person_id", "host_id", "status", "waiting_since", "visited_on", "trial_from", "started_on"
        ):
            for day in ("waiting_since", "visited_on", "trial_from", "started_on"):
                if placement[day]:
                    existing.add((placement["person_id"], placement["host_id"], placement[day]))
            if placement["status"] in OPEN_PLACEMENT_STATUSES:
                open_ones.add((placement["person_id"], placement["host_id"]))
    seen_open = set()
    for row in rows:
        row.already = _placement_key(row) in existing
        pair = (row.found["person_id"], row.found["host_id"])
        if not row.already and (pair in open_ones or pair in seen_open):
            check.add(
                row.number, column("program"), _("This person already has an open placement with this host.")
            )
        seen_open.add(pair)


def _placement_key(row) -> tuple:
    return row.found["person_id"], row.found["host_id"], row.values["start_date"]


def _write_placements(actor: User, rows, progress) -> list[int]:
    people = Person.objects.in_bulk({row.found["person_id"] for row in rows})
    hosts = ProgramHost.objects.select_related("program").in_bulk({row.found["host_id"] for row in rows})
    cases = Case.objects.in_bulk({row.found["case_id"] for row in rows if row.found.get("case_id")})
    made = []
    for done, row in enumerate(sorted(rows, key=lambda r: r.values["start_date"]), start=1):
        person, host = people[row.found["person_id"]], hosts[row.found["host_id"]]
        placement = _row(
            row, program_services.place_person, actor=actor, person=person, host=host, status=row.values["status"],
            on=row.values["start_date"], case=cases.get(row.found.get("case_id")),
        )  # fmt: skip
        made.append(placement.pk)
        _tell(progress, done, len(rows))
    return made


def _attendance(check, rows, cases, hosts, column) -> None:
    for row in rows:
        host = _host_of(check, row, hosts, column)
        if host is not None:
            row.found["host_id"] = host.pk
    rows = [r for r in rows if r.found.get("host_id")]
    placements: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
    for part in _chunks(sorted({r.found["person_id"] for r in rows})):
        for placement in Placement.objects.filter(person_id__in=part).values(
            "id",
            "person_id",
            "host_id",
            "visited_on",
            "trial_from",
            "started_on",
            "completed_on",
            "interrupted_on",
        ):
            placements[(placement["person_id"], placement["host_id"])].append(placement)
    for row in rows:
        day = row.values["session_date"]
        attending = [
            p for p in placements[(row.found["person_id"], row.found["host_id"])] if _attends(p, day)
        ]
        if not attending:
            check.add(
                row.number,
                column("session_date"),
                _("This person was not placed with this host on that date."),
            )
            continue
        row.found["placement_id"] = attending[0]["id"]
        if row.values["attendance"] == AttendanceStatus.ABSENT and row.values.get("hours"):
            check.add(row.number, column("hours"), _("An absent person has no hours."))
    rows = [r for r in rows if r.found.get("placement_id")]
    _in_file_once(check, rows, _attendance_key, column("session_date"))
    existing = set()
    for part in _chunks(sorted({r.found["placement_id"] for r in rows})):
        existing |= set(
            Attendance.objects.filter(placement_id__in=part).values_list("placement_id", "session__date")
        )
    for row in rows:
        row.already = _attendance_key(row) in existing


def _attends(placement: dict[str, Any], day: dt.date) -> bool:
    began = [d for d in (placement["visited_on"], placement["trial_from"], placement["started_on"]) if d]
    ended = [d for d in (placement["completed_on"], placement["interrupted_on"]) if d]
    return bool(began) and min(began) <= day and not any(d < day for d in ended)


def _attendance_key(row) -> tuple:
    return row.found["placement_id"], row.values["session_date"]


def _write_attendance(actor: User, rows, progress) -> list[int]:
    """One roll-call per session (made from the host's calendar when missing), with the file's people."""
    hosts = ProgramHost.objects.select_related("program").in_bulk({row.found["host_id"] for row in rows})
    by_session: dict[tuple[int, dt.date], list] = defaultdict(list)
    for row in rows:
        by_session[(row.found["host_id"], row.values["session_date"])].append(row)
    done, made = 0, []
    for (host_id, day), session_rows in sorted(by_session.items(), key=lambda item: (item[0][1], item[0][0])):
        host = hosts[host_id]
        session = (
            Session.objects.filter(host=host, date=day, cancelled_at__isnull=True)
            .order_by("start_time", "id")
            .first()
        )
        if session is None:
            session = _row(session_rows[0], program_services.add_session, actor=actor, host=host, date=day)
        entries = [
            program_services.RollCallEntry(
                placement_id=row.found["placement_id"],
                status=row.values["attendance"],
                hours=row.values.get("hours") or 0,
            )
            for row in session_rows
        ]
        _row(
            session_rows[0], program_services.record_roll_call, actor=actor, session=session, entries=entries
        )
        made += list(
            Attendance.objects.filter(
                session=session, placement_id__in=[e.placement_id for e in entries]
            ).values_list("pk", flat=True)
        )
        done += len(session_rows)
        _tell(progress, done, len(rows))
    return made


# ---------------------------------------------------------------- household members

NOTE_LENGTH = HouseholdMember._meta.get_field("note").max_length


def _households(check, rows, cases, hosts, column) -> None:
    """Each row one member of the household of the person it names. What the declaration has no field for
    (the member's reading and date of birth, living apart) goes into the member's note, so nothing the
    ledger said is lost; the age is the date of birth's age today, else the age column's."""
    today = timezone.localdate()
    for row in rows:
        values = row.values
        born = values.get("member_date_of_birth")
        age = _age_on(born, today) if born else values.get("member_age")
        note = _member_note(values)
        if len(note) > NOTE_LENGTH:
            check.add(row.number, column("member_note"),
                      _("With the reading and date of birth the note is longer than %(count)d characters.")
                      % {"count": NOTE_LENGTH})  # fmt: skip
            continue
        row.found["member"] = {
            "name": values["member_name"], "relation": values["relation"], "age": age,
            "is_also_supported": bool(values.get("also_supported")), "note": note,
        }  # fmt: skip
    rows = [r for r in rows if "member" in r.found]
    _in_file_once(check, rows, _member_key, column("member_name"))
    existing = set()
    for part in _chunks(sorted({r.found["person_id"] for r in rows})):
        for person_id, name in HouseholdMember.objects.filter(person_id__in=part).values_list(
            "person_id", "name"
        ):
            existing.add((person_id, header_key(name)))
    for row in rows:
        row.already = _member_key(row) in existing


def _age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _member_note(values: dict[str, Any]) -> str:
    parts = [values.get("member_note") or ""]
    if values.get("living_together") is False:
        parts.append(_("lives apart"))
    if values.get("member_reading"):
        parts.append(_("reading %(reading)s") % {"reading": values["member_reading"]})
    if values.get("member_date_of_birth"):
        parts.append(_("born %(date)s") % {"date": wareki(values["member_date_of_birth"])})
    return " / ".join(part for part in parts if part)


def _member_key(row) -> tuple:
    return row.found["person_id"], header_key(row.values["member_name"])


def _write_households(actor: User, rows, progress) -> list[int]:
    """One call of people.add_household_members a person (one scope check, one audit event each)."""
    by_person: dict[int, list] = defaultdict(list)
    for row in rows:
        by_person[row.found["person_id"]].append(row)
    people = Person.objects.in_bulk(list(by_person))
    done, made = 0, []
    for person_id, person_rows in by_person.items():
        members = _row(
            person_rows[0], people_services.add_household_members, person=people[person_id], actor=actor,
            members=[row.found["member"] for row in person_rows],
        )  # fmt: skip
        made += [member.pk for member in members]
        done += len(person_rows)
        _tell(progress, done, len(rows))
    return made


WRITERS = {
    NOTES: _write_notes,
    PLANS: _write_plans,
    PLACEMENTS: _write_placements,
    ATTENDANCE: _write_attendance,
    HOUSEHOLDS: _write_households,
}


def write(kind: str, actor: User, rows, progress) -> dict[str, list[int]]:
    return {kind: WRITERS[kind](actor, rows, progress)}


# ---------------------------------------------------------------- helpers


def _row(row, service, **arguments):
    """A service's refusal names the row (a rule the preview does not know); nothing is saved."""
    try:
        return service(**arguments)
    except ValidationError as error:
        message = _("Row %(row)d: %(error)s") % {"row": row.number, "error": " ".join(error.messages)}
        raise ValidationError(message) from error


def _tell(progress, done: int, total: int) -> None:
    if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
        progress(done, total)


def _chunks(values: list) -> list[list]:
    return [values[i : i + CHUNK] for i in range(0, len(values), CHUNK)]
