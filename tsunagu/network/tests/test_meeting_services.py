"""The meetings services: what they save, what they refuse and why, and the 支援調整会議's decisions
flowing into the cases."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tsunagu.audit.models import AuditEvent
from tsunagu.cases.models import ApprovalMethod, PlanStatus
from tsunagu.cases.tests.helpers import days_ago, request_closure, today
from tsunagu.network import selectors, services
from tsunagu.network.models import ActionItem, Decision, DecisionKind, MeetingKind
from tsunagu.testing.factories import UserFactory

from .conftest import coordination


def messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_a_meeting_is_saved_with_its_organiser_staff_and_outside_attendees(
    world, supervisor, consultation_worker
):
    meeting = coordination(supervisor, consultation_worker, contacts=[world.contact])

    assert meeting.office_id == supervisor.office_id
    attendees = list(meeting.attendees.all())
    assert {a.user_id for a in attendees if a.user_id} == {supervisor.pk, consultation_worker.pk}
    assert [a.contact_id for a in attendees if a.contact_id] == [world.contact.pk]
    assert AuditEvent.objects.filter(object_type="network.meeting", object_id=str(meeting.pk)).count() == 1


def test_a_sub_committee_meeting_needs_its_body_and_its_members_attend(
    supervisor, consultation_worker, world
):
    body = services.save_body(
        actor=supervisor,
        fields={"name": "美原"},
        members=[consultation_worker],
        outside_members=[world.contact],
    )
    with pytest.raises(ValidationError) as refused:
        services.create_meeting(actor=supervisor, fields={"kind": "body", "body": None, "held_on": today()})
    assert "body" in refused.value.message_dict

    meeting = services.create_meeting(
        actor=supervisor, fields={"kind": "body", "body": body, "held_on": today()}
    )
    assert meeting.title == "美原 sub-committee"
    assert {a.user_id for a in meeting.attendees.all()} >= {supervisor.pk, consultation_worker.pk}
    assert meeting.attendees.filter(contact=world.contact).exists()


def test_only_office_casework_staff_attend_as_users(supervisor, world, city_caseworker):
    meeting = coordination(supervisor)
    with pytest.raises(ValidationError) as refused:
        services.add_attendee(actor=supervisor, meeting=meeting, user=world.onbetsu)
    assert "outside contacts" in messages_of(refused.value)
    with pytest.raises(ValidationError):
        services.add_attendee(actor=supervisor, meeting=meeting, user=city_caseworker)
    services.add_attendee(actor=supervisor, meeting=meeting, contact=world.contact)
    assert meeting.attendees.count() == 2


def test_roles_outside_the_hub_casework_cannot_create_meetings(partner_staff, statistician):
    for user in (partner_staff, statistician):
        with pytest.raises(PermissionDenied):
            services.create_meeting(actor=user, fields={"kind": "plenary", "body": None, "held_on": today()})


def test_a_coordination_meeting_approves_two_plans_at_once_and_records_the_decision_date(
    world, supervisor, consultation_worker
):
    meeting = coordination(supervisor, consultation_worker)
    services.add_cases_to_agenda(actor=supervisor, meeting=meeting, cases=[world.first, world.second])

    decisions = services.record_coordination_decisions(
        actor=supervisor, meeting=meeting, plans=[world.first_plan, world.second_plan], decided_on=days_ago(2)
    )

    assert len(decisions) == 2
    for plan, case in ((world.first_plan, world.first), (world.second_plan, world.second)):
        plan.refresh_from_db()
        case.refresh_from_db()
        assert plan.status == PlanStatus.APPROVED
        assert plan.approval_method == ApprovalMethod.MEETING
        assert plan.meeting_date == meeting.held_on == plan.approved_on
        assert plan.decided_on == days_ago(2)
        assert case.status == "support"
        decision = Decision.objects.get(meeting=meeting, plan=plan)
        assert decision.kind == DecisionKind.PLAN_APPROVED and decision.decided_on == days_ago(2)


def test_a_coordination_meeting_approves_a_requested_closure(world, supervisor, consultation_worker):
    from tsunagu.cases.tests.helpers import approve

    approve([world.first_plan], supervisor)
    closure = request_closure(world.first, consultation_worker)
    meeting = coordination(supervisor)
    services.add_cases_to_agenda(actor=supervisor, meeting=meeting, cases=[world.first])
    services.record_coordination_decisions(actor=supervisor, meeting=meeting, closures=[closure])
    closure.refresh_from_db()
    world.first.refresh_from_db()
    assert closure.status == "approved"
    assert world.first.status == "closed"


def test_a_decision_by_someone_not_at_the_meeting_is_refused_and_nothing_is_approved(
    world, supervisor, consultation_worker
):
    meeting = services.create_meeting(
        actor=consultation_worker, fields={"kind": "coordination", "body": None, "held_on": days_ago(3)}
    )
    services.add_cases_to_agenda(actor=consultation_worker, meeting=meeting, cases=[world.first])

    with pytest.raises(ValidationError) as refused:
        services.record_coordination_decisions(actor=supervisor, meeting=meeting, plans=[world.first_plan])

    assert "Only an attendee of this meeting" in messages_of(refused.value)
    world.first_plan.refresh_from_db()
    assert world.first_plan.status == PlanStatus.SUBMITTED
    assert not Decision.objects.exists()


def test_a_case_out_of_the_recorders_scope_is_refused(world, supervisor):
    meeting = coordination(supervisor)
    with pytest.raises(ValidationError) as refused:
        services.add_cases_to_agenda(actor=supervisor, meeting=meeting, cases=[world.far])
    assert "not among the cases you may see" in messages_of(refused.value)
    assert not meeting.agenda.exists()


def test_a_plan_whose_case_is_not_on_the_agenda_is_refused(world, supervisor):
    meeting = coordination(supervisor)
    services.add_cases_to_agenda(actor=supervisor, meeting=meeting, cases=[world.first])
    with pytest.raises(ValidationError) as refused:
        services.record_coordination_decisions(
            actor=supervisor, meeting=meeting, plans=[world.first_plan, world.second_plan]
        )
    assert "agenda" in messages_of(refused.value)
    world.first_plan.refresh_from_db()
    assert world.first_plan.status == PlanStatus.SUBMITTED


def test_a_meeting_not_yet_held_decides_nothing(world, supervisor):
    meeting = coordination(supervisor, held_on=today() + dt.timedelta(days=3))
    services.add_cases_to_agenda(actor=supervisor, meeting=meeting, cases=[world.first])
    with pytest.raises(ValidationError) as refused:
        services.record_decision(actor=supervisor, meeting=meeting, case=world.first, text="見守り")
    assert "not been held" in messages_of(refused.value)


def test_a_worker_at_the_meeting_cannot_approve_plans(world, supervisor, consultation_worker):
    meeting = coordination(supervisor, consultation_worker)
    services.add_cases_to_agenda(actor=supervisor, meeting=meeting, cases=[world.first])
    with pytest.raises(PermissionDenied):
        services.record_coordination_decisions(
            actor=consultation_worker, meeting=meeting, plans=[world.first_plan]
        )
    assert not Decision.objects.exists()


def test_an_outside_attendee_cannot_be_given_an_action(world, supervisor):
    meeting = coordination(supervisor, contacts=[world.contact])
    with pytest.raises(ValidationError) as refused:
        services.add_action_item(
            actor=supervisor,
            meeting=meeting,
            fields={"text": "見守り", "owner": world.contact, "due_on": today(), "case": None},
        )
    assert "no login and are given no data" in messages_of(refused.value)
    assert not ActionItem.objects.exists()


def test_unknown_fields_are_a_programming_error(supervisor):
    with pytest.raises(TypeError):
        services.create_meeting(
            actor=supervisor, fields={"kind": "plenary", "body": None, "held_on": today(), "agenda": []}
        )


def test_a_support_council_shares_nothing_until_every_attendee_acknowledged_confidentiality(
    world, supervisor, consultation_worker
):
    meeting = services.create_meeting(
        actor=supervisor,
        fields={"kind": MeetingKind.SUPPORT_COUNCIL, "body": None, "held_on": days_ago(1)},
        attendees=[consultation_worker],
        contacts=[world.contact],
    )
    with pytest.raises(ValidationError) as refused:
        services.add_cases_to_agenda(actor=supervisor, meeting=meeting, cases=[world.first])
    assert "包括 和子" in messages_of(refused.value)

    attendees = {a.user_id: a for a in meeting.attendees.filter(user__isnull=False)}
    outside = meeting.attendees.get(contact=world.contact)
    with pytest.raises(ValidationError):  # a colleague acknowledges for themselves
        services.acknowledge_confidentiality(
            actor=supervisor, meeting=meeting, attendee=attendees[consultation_worker.pk]
        )
    services.acknowledge_confidentiality(actor=supervisor, meeting=meeting, attendee=attendees[supervisor.pk])
    services.acknowledge_confidentiality(actor=supervisor, meeting=meeting, attendee=outside)
    services.acknowledge_confidentiality(
        actor=consultation_worker, meeting=meeting, attendee=attendees[consultation_worker.pk]
    )
    services.add_cases_to_agenda(actor=supervisor, meeting=meeting, cases=[world.first])

    listing = selectors.support_council_listing(world.first.pk)
    assert listing is not None and listing.meeting_id == meeting.pk and listing.since == days_ago(1)
    assert selectors.support_council_listing(world.first.pk, on=days_ago(2)) is None
    assert selectors.support_council_listing(world.second.pk) is None


def test_an_action_shows_on_its_owners_caseload_until_done(world, supervisor, consultation_worker, client_as):
    meeting = coordination(supervisor, consultation_worker)
    services.add_cases_to_agenda(actor=supervisor, meeting=meeting, cases=[world.first])
    action = services.add_action_item(
        actor=supervisor,
        meeting=meeting,
        fields={
            "text": "家計の状況を再確認する",
            "owner": consultation_worker,
            "due_on": today(),
            "case": world.first,
        },
    )
    client = client_as(consultation_worker)
    page = client.get("/cases/caseload/").content.decode()
    assert "家計の状況を再確認する" in page and "会議" in page
    read = AuditEvent.objects.filter(action="view", actor=consultation_worker).latest("id")
    assert world.first.person_id in read.detail["people"]

    response = client.post(f"/network/actions/{action.pk}/done/", {"done_on": today().isoformat()})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.done_on == today()
    assert "家計の状況を再確認する" not in client.get("/cases/caseload/").content.decode()


def test_minutes_are_edited_from_the_version_seen(world, supervisor):
    from tsunagu.core.editing import EditConflict

    meeting = coordination(supervisor)
    version = meeting.edit_version
    services.update_minutes(actor=supervisor, meeting=meeting, edit_version=version, fields={"minutes": "一"})
    with pytest.raises(EditConflict):
        services.update_minutes(
            actor=supervisor, meeting=meeting, edit_version=version, fields={"minutes": "二"}
        )
    meeting.refresh_from_db()
    assert meeting.minutes == "一"


def test_a_user_of_another_office_may_not_edit_the_meeting(world, supervisor):
    meeting = coordination(supervisor)
    with pytest.raises(PermissionDenied):
        services.update_minutes(actor=world.onbetsu, meeting=meeting, edit_version=1, fields={"minutes": "x"})
    other = UserFactory(office=world.onbetsu.office, roles=["supervisor"])
    with pytest.raises(PermissionDenied):
        services.add_attendee(actor=other, meeting=meeting, user=other)
