"""The demo's caseload: about 300 people at every stage of the journey over the last 18 months, their
stories told by the generator (stories.py, the DEMO profile) and written through the services.

Every record goes through the services (validation, derived status, stage history, audit events), so the
demo exercises them, except the support notes: there are thousands, so they are bulk-created and each
case's last contact is set from its story, as add_note would set it. A story lists its steps in the order
they happened, so a service never sees a record before the ones it depends on. The service timestamps
that mean "when it happened" (plan submission, closure request and decision) are moved back to the
story's day.

Needs the demo organisations, users and catalog (sampledata.organisations, accounts, catalog) loaded first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from tsunagu.accounts.models import User
from tsunagu.cases import services
from tsunagu.cases.models import Case, Note
from tsunagu.cases.services import ASSESSMENT_FIELDS
from tsunagu.organisations.models import Area, Organisation
from tsunagu.people.services import add_household_member, change_stage, record_consent, withdraw_consent
from tsunagu.sampledata.cast import read_cast
from tsunagu.sampledata.chapters import CHAPTERS
from tsunagu.sampledata.stories import (
    DEMO,
    SLOTS,
    Approval,
    Assessment,
    CaseStory,
    Closure,
    Consent,
    Day,
    EmergencySupport,
    Evaluation,
    FollowUp,
    Monitoring,
    PersonStory,
    Plan,
    Reassignment,
    Return,
    StageMove,
    Storyteller,
    Submission,
    Withdrawal,
)

SEED = 20261128


def load_caseload(*, people: int = 300, seed: int = SEED) -> dict[str, int]:
    """Tell and write `people` people's stories; returns how many people and placements were written."""
    with transaction.atomic():
        writer = DemoWriter(people=people, seed=seed)
        writer.run()
    return {"people": people, "placements": writer.placements()}


class DemoWriter:
    def __init__(self, *, people: int, seed: int) -> None:
        self.profile = DEMO
        self.today = timezone.localdate()
        latest = self.today.toordinal() - 1
        cast = read_cast(first=latest + 1 - DEMO.history_days, latest=latest)
        if cast.teams[0].supervisor is None:
            raise RuntimeError("The demo caseload needs a supervisor in the main office to approve plans.")
        self.teller = Storyteller(
            cast=cast, profile=DEMO, people=people, seed=seed, as_of=self.today, chapters=CHAPTERS
        )
        self.users = User.objects.in_bulk()
        self.areas = Area.objects.in_bulk(field_name="name")
        self.organisations = Organisation.objects.in_bulk(field_name="name")
        self.chapters = [chapter.demo(self) for chapter in CHAPTERS]
        self.notes: list[Note] = []
        self.cases: list[tuple[Case, Day]] = []
        self.written: list[PersonStory] = []
        self.steps = {
            Consent: self.consent, Withdrawal: self.withdrawal, StageMove: self.stage_move,
            Assessment: self.assessment, Plan: self.plan, Submission: self.submission, Approval: self.approval,
            Reassignment: self.reassignment, Monitoring: self.monitoring, Evaluation: self.evaluation,
            Closure: self.closure, EmergencySupport: self.emergency_support, Return: self.return_plan,
            FollowUp: self.follow_up,
        }  # fmt: skip

    def run(self) -> None:
        for chapter in self.chapters:
            chapter.start()
        for index in range(self.teller.people):
            person = self.teller.person(index)
            self.person(person)
            for chapter in self.chapters:
                chapter.write(person)
            self.written.append(person)
        Note.objects.bulk_create(self.notes, batch_size=500)
        for case, last_contact in self.cases:
            case.last_contact_on = self.date(last_contact)
        Case.objects.bulk_update([case for case, _day in self.cases], ["last_contact_on"], batch_size=500)
        for chapter in self.chapters:
            chapter.finish()

    def placements(self) -> int:
        return sum(
            1 for person in self.written for story in person.chapters.get("placements", ()) if story.ref
        )

    # ------------------------------------------------------------ conversions

    def user(self, user_id: int | None) -> User | None:
        return self.users[user_id] if user_id is not None else None

    def date(self, day: Day | None) -> dt.date | None:
        return dt.date.fromordinal(day) if day else None

    def moment(self, day: Day, slot: int) -> dt.datetime:
        minutes = 9 * 60 + 5 * min(slot, SLOTS - 1)
        return timezone.make_aware(
            dt.datetime.combine(dt.date.fromordinal(day), dt.time(minutes // 60, minutes % 60))
        )

    def backdate(self, record: models.Model, **values: Any) -> None:
        """Move a timestamp the service set to "now" back to the day of the story it stands for."""
        for name, value in values.items():
            setattr(record, name, value)
        type(record).objects.filter(pk=record.pk).update(**values)

    # ------------------------------------------------------------ one person

    def person(self, person: PersonStory) -> None:
        for case in person.cases:
            self.intake(person, case)
            for step in case.events:
                self.steps[type(step)](case, step)
            self.notes += [
                Note(
                    case=case.ref, worker=self.users[note.worker], occurred_at=self.moment(note.day, note.slot),
                    method=note.method, minutes=note.minutes, content=note.text,
                )
                for note in case.notes
            ]  # fmt: skip
            self.cases.append((case.ref, case.last_contact))

    def intake(self, person: PersonStory, case: CaseStory) -> None:
        """相談受付: the first case registers the person too; the signed application is recorded with it."""
        case_fields = {
            "intake_date": self.date(case.intake),
            "route": case.route,
            "referring_caseworker": self.user(self.teller.cast.city_caseworker) if case.referred else None,
            "visitor_name": case.visitor_name,
            "visitor_relation": case.visitor_relation,
            "wishes": case.wishes,
            "application_signed_on": self.date(case.signed),
            "screening_outcome": case.screening,
            "handover_target": case.handover_target,
            "handover_detail": case.handover_detail,
            "contract": case.contract,
            "welfare_status": case.welfare,
        }
        new = person.ref is None
        case.ref = services.register_intake(
            actor=self.users[case.received_by], person=person.ref, person_fields=self.person_fields(person) if new else None,
            case_fields=case_fields, concerns=case.concerns, most_pressing=case.most_pressing,
            worker=self.users[case.worker],
        )  # fmt: skip
        self.backdate(case.ref, created_at=self.moment(case.intake, 0))
        if new:
            person.ref = case.ref.person
            for member in person.household:
                add_household_member(
                    person=person.ref, actor=self.users[case.worker], name=member.name, relation=member.relation,
                    age=member.age, is_also_supported=member.supported, note=member.note,
                )  # fmt: skip

    def person_fields(self, person: PersonStory) -> dict[str, Any]:
        return {
            "family_name": person.family[0],
            "given_name": person.given[0],
            "family_name_kana": person.family[1],
            "given_name_kana": person.given[1],
            "date_of_birth": self.date(person.born),
            "sex": person.sex,
            "area": self.areas[person.area],
            "postal_code": person.postal_code,
            "address": person.address,
            "phone": person.phone,
            "mobile_phone": person.mobile,
            "email": person.email,
            "emergency_contact": person.emergency_contact,
            "is_dv_protected": person.dv_protected,
        }

    # ------------------------------------------------------------ the steps, through the services

    def consent(self, case: CaseStory, consent: Consent) -> None:
        if consent.with_intake:
            return  # register_intake recorded it with the signed application
        consent.ref = record_consent(
            person=case.ref.person, actor=self.users[consent.worker], scope=consent.scope,
            signed_on=self.date(consent.day), note=consent.note,
            shared_with=[self.organisations[name] for name in consent.shared_with],
        )  # fmt: skip

    def withdrawal(self, case: CaseStory, step: Withdrawal) -> None:
        consent = step.consent.ref
        withdraw_consent(
            consent=consent, actor=self.users[step.worker], edit_version=consent.edit_version,
            withdrawn_on=self.date(step.day),
        )  # fmt: skip

    def stage_move(self, case: CaseStory, move: StageMove) -> None:
        change_stage(
            person=case.ref.person, actor=self.users[move.worker], stage=move.stage,
            changed_on=self.date(move.day), reason=move.reason,
        )  # fmt: skip

    def assessment(self, case: CaseStory, step: Assessment) -> None:
        fields = {name: getattr(step, name) for name in ASSESSMENT_FIELDS if name != "assessed_on"}
        assessment = services.record_assessment(
            case=case.ref, actor=self.users[step.worker], fields={"assessed_on": self.date(step.day), **fields},
            scores=step.scores, confirmed_stage=step.stage, stage_reason=step.move.reason if step.move else "",
            work_history=step.work_history, family=step.family,
        )  # fmt: skip
        self.backdate(assessment, created_at=self.moment(step.day, 1))

    def plan(self, case: CaseStory, plan: Plan) -> None:
        fields = {
            "period_start": self.date(plan.start),
            "period_end": self.date(plan.end),
            "long_term_goal": plan.long_term_goal,
            "short_term_goals": plan.first_goals or plan.short_term_goals,
            "own_actions": plan.own_actions,
            "support_rows": [
                {"agency": agency, "content": content, "frequency": frequency}
                for agency, content, frequency in plan.supports
            ],
            "statutory_services": plan.statutory_services,
            "agreed_on": self.date(plan.agreed),
            "next_monitoring_on": self.date(plan.next_monitoring),
            "employment_support": plan.employment_support,
        }
        plan.ref = services.create_plan(case=case.ref, actor=self.users[plan.author], fields=fields)
        # Drafted on the first day the story knows of it (agreed with the person, sent, or starting).
        drafted = min(day for day in (plan.agreed, plan.submitted, plan.start) if day)
        self.backdate(plan.ref, created_at=self.moment(drafted, 2))

    def submission(self, case: CaseStory, step: Submission) -> None:
        plan = step.plan
        services.submit_plan(plan=plan.ref, actor=self.users[plan.author])
        if step.day:  # a first submission, sent back later
            self.backdate(plan.ref, submitted_at=self.moment(step.day, step.slot))
        else:
            self.backdate(plan.ref, submitted_at=self.moment(plan.submitted, plan.submitted_slot))

    def return_plan(self, case: CaseStory, step: Return) -> None:
        """Sent back with a comment (a note the service dates now, moved to the day), then changed as asked."""
        plan = step.plan
        services.return_plan(plan=plan.ref, actor=self.users[step.supervisor], comment=step.comment)
        note = Note.objects.filter(case=case.ref).latest("id")
        self.backdate(note, occurred_at=self.moment(step.day, step.slot))
        plan.ref = services.update_plan(
            plan=plan.ref, actor=self.users[plan.author], edit_version=plan.ref.edit_version,
            fields={"short_term_goals": plan.short_term_goals},
        )  # fmt: skip

    def emergency_support(self, case: CaseStory, step: EmergencySupport) -> None:
        support = services.record_emergency_support(
            case=case.ref, actor=self.users[step.worker], provided_on=self.date(step.day), kind=step.kind,
            provider=step.provider, detail=step.detail,
        )  # fmt: skip
        self.backdate(support, created_at=self.moment(step.day, 1))

    def follow_up(self, case: CaseStory, step: FollowUp) -> None:
        services.add_note(
            case=case.ref, actor=self.users[step.worker], occurred_at=self.moment(step.day, step.slot),
            method=step.method, minutes=step.minutes, content=step.text, after_closure=True,
        )  # fmt: skip

    def approval(self, case: CaseStory, step: Approval) -> None:
        plan = step.plan
        services.approve_plans(
            plans=[plan.ref], actor=self.users[plan.approver], method=plan.method,
            approved_on=self.date(plan.approved), meeting_date=self.date(plan.meeting),
        )  # fmt: skip
        self.backdate(plan.ref, approved_at=self.moment(plan.approved, 3))

    def reassignment(self, case: CaseStory, step: Reassignment) -> None:
        services.reassign_case(
            case=case.ref, actor=self.users[step.supervisor], worker=self.users[case.worker],
            employment_worker=self.users[step.employment_worker],
        )  # fmt: skip

    def monitoring(self, case: CaseStory, step: Monitoring) -> None:
        monitoring = services.record_monitoring(
            case=case.ref, actor=self.users[step.worker], monitored_on=self.date(step.day), progress=step.progress,
            notes=step.notes, next_monitoring_on=self.date(step.next_monitoring),
        )  # fmt: skip
        self.backdate(monitoring, created_at=self.moment(step.day, 4))

    def evaluation(self, case: CaseStory, step: Evaluation) -> None:
        evaluation = services.record_evaluation(
            case=case.ref, actor=self.users[step.worker], evaluated_on=self.date(step.day),
            state_changes=step.state_changes, summary=step.summary, outcome=step.outcome,
        )  # fmt: skip
        self.backdate(evaluation, created_at=self.moment(step.day, 4))

    def closure(self, case: CaseStory, step: Closure) -> None:
        """Requested on the closing day; approved by the supervisor a few days later unless it still waits."""
        closure = services.request_closure(
            case=case.ref, actor=self.users[step.worker], closed_on=self.date(step.day), reason=step.reason,
            detail=step.detail,
        )  # fmt: skip
        self.backdate(closure, requested_at=self.moment(step.day, step.slot))
        if step.decided:
            services.decide_closure(closure=closure, actor=self.users[step.decider], approve=True)
            self.backdate(closure, decided_at=self.moment(step.decided, step.decided_slot))
