"""Tamper evidence: the audit log is a hash chain; an event edited or removed in the database is named."""

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.audit.selectors import verify_chain
from tsunagu.audit.services import record_event
from tsunagu.testing.concurrency import save_while_first_is_open


def record_three(actor) -> list[AuditEvent]:
    return [
        record_event(
            action=AuditAction.VIEW,
            actor=actor,
            object_type="cases.case",
            object_id=1,
            detail={"page": "case_detail", "people": [3, 12]},
        ),
        record_event(
            action=AuditAction.UPDATE,
            actor=actor,
            object_type="cases.case",
            object_id=1,
            detail={"fields": ["status"], "何": "日本語"},
        ),
        record_event(action=AuditAction.EXPORT, actor=None, object_type="reports.monthly"),
    ]


def edit_directly(sql: str, params: list) -> None:
    """What an administrator with database access could do: no model, no service."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_events_recorded_through_the_service_form_an_intact_chain(consultation_worker):
    events = record_three(consultation_worker)
    report = verify_chain()
    assert report.intact and report.checked == 3
    assert report.head == AuditEvent.objects.get(pk=events[-1].pk).chain_hash


def test_an_event_edited_in_the_database_is_named_by_its_id(consultation_worker):
    events = record_three(consultation_worker)
    edit_directly(
        "UPDATE audit_auditevent SET actor_username = %s WHERE id = %s", ["someone_else", events[1].pk]
    )
    report = verify_chain()
    assert report.broken.event_id == events[1].pk
    assert report.broken.position == 2


def test_an_edit_that_also_rewrites_the_hash_breaks_the_next_link(consultation_worker):
    events = record_three(consultation_worker)
    edit_directly(
        "UPDATE audit_auditevent SET detail = %s, chain_hash = %s WHERE id = %s",
        ['{"page": "x"}', "f" * 64, events[0].pk],
    )
    assert verify_chain().broken.event_id == events[0].pk


def test_a_removed_event_is_found_at_the_one_after_it(consultation_worker):
    events = record_three(consultation_worker)
    edit_directly("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    assert verify_chain().broken.event_id == events[2].pk


def test_removing_the_newest_events_is_found_by_the_chains_head(consultation_worker, capsys):
    events = record_three(consultation_worker)
    edit_directly("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])
    report = verify_chain()
    assert report.broken is None and not report.intact
    with pytest.raises(SystemExit):
        call_command("verify_audit")
    assert "its newest events were removed" in capsys.readouterr().err


def test_the_command_names_the_first_broken_link(consultation_worker, capsys):
    events = record_three(consultation_worker)
    call_command("verify_audit")
    assert "intact: 3 events" in capsys.readouterr().out
    edit_directly("UPDATE audit_auditevent SET object_id = %s WHERE id = %s", ["2", events[0].pk])
    with pytest.raises(SystemExit) as exit_:
        call_command("verify_audit")
    assert exit_.value.code == 1
    assert f"event {events[0].pk} (recorded " in capsys.readouterr().err


def test_the_administrators_audit_screen_verifies_the_chain_when_asked(client_as, administrator, settings):
    client = client_as(administrator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    events = record_three(administrator)
    assert "Verify the chain now" in client.get("/audit/").text
    assert "The audit log is intact" in client.get("/audit/?verify=1").text
    edit_directly("UPDATE audit_auditevent SET action = %s WHERE id = %s", ["login", events[2].pk])
    page = client.get("/audit/?verify=1").text
    assert f"The audit log was changed: event {events[2].pk} (recorded " in page


def test_the_migration_chains_the_events_recorded_before_it(consultation_worker):
    events = record_three(consultation_worker)
    AuditEvent.objects.update(chain_hash="")
    assert verify_chain().broken.event_id == events[0].pk
    migration = importlib.import_module("tsunagu.audit.migrations.0002_audit_chain")
    migration.hash_existing_events(apps, None)
    assert verify_chain().intact


@pytest.mark.django_db(transaction=True)
def test_two_writers_at_once_do_not_fork_the_chain(consultation_worker):
    def write() -> None:
        record_event(
            action=AuditAction.VIEW, actor=consultation_worker, object_type="cases.case", object_id=1
        )

    save_while_first_is_open(write, write)
    report = verify_chain()
    assert report.intact and report.checked == 2
