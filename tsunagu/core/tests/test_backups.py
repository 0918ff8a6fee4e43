"""Backups restore: every row of every table comes back, into an empty database only; a wrong key, a cut
file or a newer schema are each told in one sentence and leave the target as it was. Runs on the
database of the test run (SQLite, or PostgreSQL with DATABASE_URL), restoring into a second, empty one."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.db import connections
from django.db.utils import load_backend
from django.utils import timezone

from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.core import backups
from tsunagu.core.backupfile import BackupFileError, Key, Truncated, WrongKey
from tsunagu.core.models import BackupRun
from tsunagu.testing.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)
TARGET = "restore_target"


@pytest.fixture
def key() -> Key:
    return Key.passphrase("釧路の夜明けは早い correct horse")


@pytest.fixture
def empty_target(tmp_path):
    """A second database, empty, of the vendor under test, reachable as the alias `restore_target`."""
    default = connections["default"].settings_dict
    if connections["default"].vendor == "sqlite":
        name = str(tmp_path / "restored.sqlite3")
    else:
        name = f"{default['NAME']}_restored"
        with connections["default"].cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
    # A connection made here, not a configured alias: the test runner allows it (no isolation needed).
    connections[TARGET] = load_backend(default["ENGINE"]).DatabaseWrapper({**default, "NAME": name}, TARGET)
    yield TARGET
    connections[TARGET].close()
    del connections[TARGET]
    if connections["default"].vendor == "postgresql":
        with connections["default"].cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.fixture
def some_data(consultation_worker):
    for _ in range(3):
        CaseFactory(worker=consultation_worker, person=PersonFactory())
    record_event(
        action=AuditAction.VIEW,
        actor=consultation_worker,
        object_type="cases.case",
        object_id=1,
        detail={"page": "case_detail", "people": [1]},
    )


def every_row(alias: str) -> dict[str, list[str]]:
    connection = connections[alias]
    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows[table] = sorted(repr(row) for row in cursor.fetchall())
    return rows


def tables(alias: str) -> list[str]:
    with connections[alias].cursor() as cursor:
        return connections[alias].introspection.table_names(cursor)


def test_a_backup_restores_every_row_of_every_table_into_an_empty_database(
    some_data, empty_target, key, tmp_path
):
    before = every_row("default")
    made = backups.backup(key, directory=tmp_path / "backups")
    assert made.manifest["rows"]["cases_case"] == 3
    restored = backups.restore(made.path, key, alias=empty_target)
    assert every_row(empty_target) == before
    assert restored.counts["cases_case"] == 3 and restored.same_secret_key
    assert restored.counts == {table: len(rows) for table, rows in before.items()}


def test_the_manifest_names_the_schema_the_key_fingerprint_and_never_the_key(
    some_data, key, tmp_path, settings
):
    manifest = backups.backup(key, directory=tmp_path).manifest
    assert manifest["migrations"]["audit"] == "0002_audit_chain"
    assert manifest["vendor"] == connections["default"].vendor
    assert manifest["secret_key_fingerprint"] == backups.secret_key_fingerprint(settings.SECRET_KEY)
    assert settings.SECRET_KEY not in json.dumps(manifest)
    assert len(manifest["audit_chain_head"]) == 64


def test_a_wrong_key_is_one_sentence_and_the_target_is_untouched(some_data, empty_target, key, tmp_path):
    made = backups.backup(key, directory=tmp_path)
    with pytest.raises(WrongKey, match=r"^The backup cannot be opened with this key: .*\.$"):
        backups.restore(made.path, Key.passphrase("not the passphrase at all"), alias=empty_target)
    assert tables(empty_target) == []


def test_a_cut_file_is_one_sentence_and_the_target_is_untouched(some_data, empty_target, key, tmp_path):
    made = backups.backup(key, directory=tmp_path)
    whole = made.path.read_bytes()
    cut = tmp_path / "cut.tsunagu-backup"
    for length in (10, len(whole) // 2, len(whole) - 1):
        cut.write_bytes(whole[:length])
        with pytest.raises(Truncated, match=r"^The backup file is cut short .*\.$"):
            backups.restore(cut, key, alias=empty_target)
    assert tables(empty_target) == []


def test_a_database_that_holds_data_is_refused_and_left_as_it_was(some_data, key, tmp_path):
    made = backups.backup(key, directory=tmp_path)
    before = every_row("default")
    with pytest.raises(BackupFileError, match="The target database is not empty"):
        backups.restore(made.path, key)
    assert every_row("default") == before


def test_a_backup_of_a_newer_schema_is_refused(some_data, empty_target, key, tmp_path, monkeypatch):
    known = backups._latest_migrations
    monkeypatch.setattr(
        backups, "_latest_migrations", lambda cursor: {**known(cursor), "cases": "9999_future"}
    )
    made = backups.backup(key, directory=tmp_path)
    with pytest.raises(BackupFileError, match=r"This backup is of a newer Tsunagu .*9999_future"):
        backups.restore(made.path, key, alias=empty_target)
    assert tables(empty_target) == []


def test_a_key_file_works_and_old_backups_are_pruned_to_the_kept_count(some_data, tmp_path):
    key_path = tmp_path / "backup.key"
    call_command("backup", new_key_file=str(key_path))
    assert key_path.stat().st_mode & 0o777 == 0o600
    for _ in range(4):
        call_command("backup", key_file=str(key_path), directory=tmp_path / "b", keep=2)
    kept = sorted((tmp_path / "b").glob("*.tsunagu-backup"))
    assert len(kept) == 2
    assert BackupRun.objects.count() == 4
    assert backups.last_backup().file_name == kept[-1].name


def test_the_restore_command_tells_a_wrong_key_in_one_line_without_a_traceback(
    some_data, key, tmp_path, capsys
):
    made = backups.backup(key, directory=tmp_path)
    (tmp_path / "wrong").write_text("a passphrase that is not it")
    with pytest.raises(SystemExit) as exit_:
        call_command("restore", str(made.path), passphrase_file=str(tmp_path / "wrong"))
    assert exit_.value.code == 1
    error = capsys.readouterr().err
    assert error.strip().count("\n") == 0 and "Traceback" not in error
    assert "The backup cannot be opened with this key" in error


def test_the_administrators_home_warns_when_the_last_backup_is_older_than_a_day(
    client_as, administrator, settings
):
    client = client_as(administrator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "No backup has been recorded" in client.get("/").text
    run = BackupRun.objects.create(
        file_name="tsunagu-x.tsunagu-backup",
        size_bytes=1,
        vendor="sqlite",
        finished_at=timezone.now() - dt.timedelta(hours=2),
    )
    page = client.get("/").text
    assert "Last backup" in page and "older than a day" not in page
    run.finished_at = timezone.now() - dt.timedelta(days=2)
    run.save()
    assert "The last backup is older than a day" in client.get("/").text


def test_other_roles_do_not_see_the_backup_status(client_as, consultation_worker, settings):
    client = client_as(consultation_worker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "backup" not in client.get("/").text.lower()
