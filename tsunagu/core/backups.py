"""Backups and restores of the whole database (docs/backups.md): `tsunagu backup`, `tsunagu restore FILE`.

A backup is a consistent snapshot taken while the server runs (SQLite: the online backup API; PostgreSQL:
pg_dump in custom format, of a snapshot exported from a REPEATABLE READ transaction whose row counts the
manifest gives), with a manifest (app version, the newest migration of each app, the secret key's
fingerprint, the time, the database vendor, rows per table), encrypted (core/backupfile.py) with a key
the operator holds. The last successful backup is a BackupRun row, which the administrator's home shows.

A restore reads and checks the whole file before it touches anything, refuses a backup whose schema
this code does not know (a newer one), restores only into an empty database, then migrates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import io
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.management import call_command
from django.db import connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from tsunagu.core import backupfile
from tsunagu.core.backupfile import BackupFileError, Key
from tsunagu.core.models import BackupRun

SUFFIX = ".tsunagu-backup"
PREFIX = "tsunagu-"


class BackupError(BackupFileError):
    """A backup or restore that cannot go on, told in one sentence."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: dict
    pruned: list[Path]


def default_directory() -> Path:
    return Path(os.environ.get("TSUNAGU_BACKUP_DIR") or settings.VAR_DIR / "backups")


def secret_key_fingerprint(secret_key: str) -> str:
    """Tells whether a restore runs with the key the backup was made under; reveals nothing of the key."""
    return hashlib.sha256(b"tsunagu secret key fingerprint\n" + secret_key.encode()).hexdigest()[:16]


def app_version() -> str:
    try:
        return importlib.metadata.version("tsunagu")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


# --- reading a database: the same questions of a live connection or of a snapshot file ----------------


def _counts(cursor, tables: list[str], quote: Callable[[str], str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _latest_migrations(cursor) -> dict[str, str]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    return dict(cursor.fetchall())  # the last applied of each app wins


def _audit_head(cursor) -> str:
    # The audit chain's newest hash (audit/chain.py), by table name: core sits below audit. Kept here
    # so that a later rewrite of the whole chain shows against the backups.
    cursor.execute("SELECT chain_hash FROM audit_auditevent ORDER BY id DESC LIMIT 1")
    row = cursor.fetchone()
    return row[0] if row else ""


def _manifest(vendor: str, cursor, tables: list[str], quote: Callable[[str], str]) -> dict:
    return {
        "format": 1,
        "app_version": app_version(),
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "vendor": vendor,
        "secret_key_fingerprint": secret_key_fingerprint(settings.SECRET_KEY),
        "migrations": _latest_migrations(cursor),
        "rows": _counts(cursor, tables, quote),
        "audit_chain_head": _audit_head(cursor) if "audit_auditevent" in tables else "",
    }


def _sqlite_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_tables(cursor) -> list[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return [name for (name,) in cursor.fetchall()]


# --- backup --------------------------------------------------------------------------------------------


def _snapshot_sqlite(alias: str, work: Path) -> tuple[Path, dict]:
    source_path = connections[alias].settings_dict["NAME"]
    snapshot = work / "database.sqlite3"
    # One step (pages=-1): the copy is of one moment, however the server writes meanwhile (WAL).
    source = sqlite3.connect(f"{Path(source_path).resolve().as_uri()}?mode=ro", uri=True)
    target = sqlite3.connect(snapshot)
    try:
        source.backup(target, pages=-1)
        cursor = target.cursor()
        manifest = _manifest("sqlite", cursor, _sqlite_tables(cursor), _sqlite_quote)
    finally:
        target.close()
        source.close()
    return snapshot, manifest


def _postgres_command(program: str, alias: str) -> tuple[list[str], dict[str, str]]:
    if not shutil.which(program):
        raise BackupError(
            f"{program} is not installed; on Debian or Ubuntu: apt-get install postgresql-client."
        )
    config = connections[alias].settings_dict
    arguments = [program, "--dbname", config["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if config.get(key):
            arguments += [flag, str(config[key])]
    environment = {**os.environ}
    if config.get("PASSWORD"):
        environment["PGPASSWORD"] = config["PASSWORD"]
    return arguments, environment


def _run(arguments: list[str], environment: dict[str, str], what: str) -> None:
    finished = subprocess.run(arguments, env=environment, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        reason = (finished.stderr.strip().splitlines() or ["no message"])[0]
        raise BackupError(f"{what} failed: {reason}")


def _snapshot_postgresql(alias: str, work: Path) -> tuple[Path, dict]:
    connection = connections[alias]
    snapshot = work / "database.dump"
    arguments, environment = _postgres_command("pg_dump", alias)
    # pg_dump reads the snapshot this transaction exported, so the manifest's counts are of the same moment.
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot_id,) = cursor.fetchone()
        tables = connection.introspection.table_names(cursor)
        manifest = _manifest("postgresql", cursor, tables, connection.ops.quote_name)
        _run(
            [
                *arguments,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot_id}",
                "--file",
                str(snapshot),
            ],
            environment,
            "pg_dump",
        )
    return snapshot, manifest


class _Joined(io.RawIOBase):
    """The plain stream: the manifest's length and text, then the snapshot's bytes."""

    def __init__(self, head: bytes, tail: BinaryIO) -> None:
        self._head, self._tail = io.BytesIO(head), tail

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self._head.read(size)
        if size < 0 or len(data) < size:
            data += self._tail.read(-1 if size < 0 else size - len(data))
        return data


def backup(
    key: Key, *, directory: Path | None = None, keep: int = 14, alias: str = "default"
) -> BackupResult:
    """Write an encrypted backup into `directory`, keep the newest `keep`, record the run."""
    if keep < 1:
        raise BackupError("--keep must be at least 1: the backup just made is always kept.")
    directory = directory or default_directory()
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    vendor = connections[alias].vendor
    with tempfile.TemporaryDirectory(dir=directory, prefix=".work-") as work_name:
        work = Path(work_name)
        snapshot, manifest = (_snapshot_sqlite if vendor == "sqlite" else _snapshot_postgresql)(alias, work)
        # Local time, to the microsecond: names sort by time, and two runs in a second do not collide.
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S-%f")
        path = directory / f"{PREFIX}{stamp}{SUFFIX}"
        partial = work / "partial"
        head = json.dumps(manifest, sort_keys=True).encode()
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as target, open(snapshot, "rb") as tail:
            backupfile.write(target, _Joined(struct.pack(">I", len(head)) + head, tail), key)
            target.flush()
            os.fsync(target.fileno())
        # Under its final name only when whole: a crash leaves no half backup that looks like one.
        os.replace(partial, path)
    pruned = prune(directory, keep)
    BackupRun.objects.using(alias).create(
        file_name=path.name, size_bytes=path.stat().st_size, vendor=vendor, finished_at=timezone.now()
    )
    return BackupResult(path, manifest, pruned)


def prune(directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups (by their names' time stamps) in `directory`."""
    backups = sorted(p for p in directory.glob(f"{PREFIX}*{SUFFIX}") if p.is_file())
    old = backups[:-keep]
    for path in old:
        path.unlink()
    return old


# --- restore -------------------------------------------------------------------------------------------


def _open(path: Path, key: Key, work: Path) -> tuple[dict, Path]:
    """Decrypt the whole file into `work` (every chunk checked) and split off its manifest."""
    try:
        source = open(path, "rb")  # noqa: SIM115 (closed below; an error opening it is told in a sentence)
    except OSError as error:
        raise BackupError(f"The backup {path} cannot be read ({error.strerror}).") from error
    snapshot = work / "database"
    with source, open(snapshot, "wb") as plain:
        for chunk in backupfile.read(source, key):
            plain.write(chunk)
    with open(snapshot, "rb") as plain:
        (length,) = struct.unpack(">I", plain.read(4))
        manifest = json.loads(plain.read(length))
        body = work / "snapshot"
        with open(body, "wb") as out:
            shutil.copyfileobj(plain, out)
    snapshot.unlink()
    return manifest, body


def _check_schema(manifest: dict) -> None:
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    for app, name in sorted(manifest["migrations"].items()):
        if (app, name) not in known:
            raise BackupError(
                f"This backup is of a newer Tsunagu (its {app} data is at migration {name}, which this "
                f"version does not know); install version {manifest['app_version']} or later to restore it."
            )


def _check_empty(alias: str, vendor: str) -> None:
    connection = connections[alias]
    if connection.vendor != vendor:
        raise BackupError(
            f"This backup is of a {vendor} database; restore it into {vendor}, not {connection.vendor}."
        )
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    if tables:
        raise BackupError(
            f"The target database is not empty ({len(tables)} tables); restore only into a new, empty "
            "database (nothing was changed)."
        )


def _restore_sqlite(snapshot: Path, alias: str) -> None:
    connection = connections[alias]
    target_path = connection.settings_dict["NAME"]
    connection.close()
    source, target = sqlite3.connect(snapshot), sqlite3.connect(target_path)
    try:
        source.backup(target, pages=-1)
    finally:
        target.close()
        source.close()


def _restore_postgresql(snapshot: Path, alias: str) -> None:
    arguments, environment = _postgres_command("pg_restore", alias)
    connections[alias].close()
    # One transaction: a failure leaves the target as it was.
    _run(
        [
            *arguments,
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            str(snapshot),
        ],
        environment,
        "pg_restore",
    )


def table_counts(alias: str = "default") -> dict[str, int]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return _counts(cursor, connection.introspection.table_names(cursor), connection.ops.quote_name)


@dataclass(frozen=True)
class RestoreResult:
    manifest: dict
    counts: dict[str, int]
    same_secret_key: bool


def restore(path: Path, key: Key, *, alias: str = "default") -> RestoreResult:
    with tempfile.TemporaryDirectory(prefix="tsunagu-restore-") as work_name:
        manifest, snapshot = _open(Path(path), key, Path(work_name))
        _check_schema(manifest)
        _check_empty(alias, manifest["vendor"])
        (_restore_sqlite if manifest["vendor"] == "sqlite" else _restore_postgresql)(snapshot, alias)
    call_command("migrate", database=alias, interactive=False, verbosity=0)
    same_key = manifest["secret_key_fingerprint"] == secret_key_fingerprint(settings.SECRET_KEY)
    return RestoreResult(manifest, table_counts(alias), same_key)


def last_backup() -> BackupRun | None:
    return BackupRun.objects.order_by("-finished_at").first()


def is_overdue(run: BackupRun | None, now: dt.datetime | None = None) -> bool:
    """No backup, or the last one more than a day ago: the administrator's home warns."""
    return run is None or (now or timezone.now()) - run.finished_at > dt.timedelta(days=1)
