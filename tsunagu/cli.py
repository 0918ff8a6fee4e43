"""The `tsunagu` command: Django's management commands, plus `serve` and friendly errors.

tsunagu serve [--host H] [--port P] [--workers N] [--demo] [--reset]
tsunagu demo [--reset]
tsunagu bench-data --size S|M|L [--seed N] [--people N] [--force]
tsunagu createuser --username … --organisation … --role …
tsunagu backup [--key-file PATH | --passphrase-file PATH] [--keep N] [--directory DIR]
tsunagu restore FILE [--key-file PATH | --passphrase-file PATH]
tsunagu verify-audit
tsunagu retention [--dry-run | --apply] [--today YYYY-MM-DD]
tsunagu migrate | check | shell | <any Django command>
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
from urllib.parse import urlsplit, urlunsplit

# Commands that must not need a working database.
NO_DATABASE_COMMANDS = {"help", "--help", "-h", "version", "--version", "makemessages", "compilemessages"}
# Django command names use underscores; these are also accepted with a dash.
DASHED_COMMANDS = {"bench-data": "bench_data", "verify-audit": "verify_audit"}


class StartupError(Exception):
    """A problem the user can fix, told in one sentence."""


def _redacted(url: str) -> str:
    """The database address without its password, for messages."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsunagu.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        import django

        django.setup()
    except ImproperlyConfigured as error:
        raise StartupError(str(error)) from error


def check_database() -> None:
    from django.conf import settings
    from django.db import DatabaseError, connection

    if connection.vendor == "sqlite":
        os.makedirs(os.path.dirname(settings.DATABASES["default"]["NAME"]) or ".", exist_ok=True)
    try:
        connection.ensure_connection()
    except DatabaseError as error:
        reason = (str(error).strip().splitlines() or [error.__class__.__name__])[0]
        raise StartupError(
            f"Tsunagu cannot reach the database at {_redacted(settings.DATABASE_URL)} ({reason}); "
            "check DATABASE_URL and that the database server is running."
        ) from error


def check_port_free(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise StartupError(
                f"Port {port} on {host} is already in use ({error.strerror}); "
                "stop the program using it or choose another port with --port."
            ) from error


def serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="tsunagu serve", description="Serve Tsunagu with gunicorn.")
    parser.add_argument("--host", default=os.environ.get("TSUNAGU_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("TSUNAGU_PORT", "8000")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("TSUNAGU_WORKERS", "2")))
    parser.add_argument("--demo", action="store_true", help="load the demo data when the database is empty")
    parser.add_argument("--reset", action="store_true", help="wipe the database and load the demo data again")
    args = parser.parse_args(argv)

    from django.core.management import call_command

    check_port_free(args.host, args.port)
    call_command("migrate", interactive=False, verbosity=0)
    if args.demo or args.reset:
        call_command("demo", reset=args.reset)
        # The demo logins work without a second factor (the served workers read this at start).
        os.environ["TSUNAGU_DEMO"] = "1"
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"Tsunagu: http://{args.host}:{args.port}/  (Ctrl+C to stop)", flush=True)
    gunicorn = [
        sys.executable,
        "-m",
        "gunicorn",
        "tsunagu.wsgi:application",
        "--bind",
        f"{args.host}:{args.port}",
        "--workers",
        str(args.workers),
        "--worker-tmp-dir",
        "/dev/shm" if os.path.isdir("/dev/shm") else "/tmp",
        "--max-requests",
        "5000",
        "--max-requests-jitter",
        "500",
        "--graceful-timeout",
        "10",
    ]
    os.execv(sys.executable, gunicorn)
    return 0  # not reached


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in DASHED_COMMANDS:
        argv[0] = DASHED_COMMANDS[argv[0]]
    command = argv[0] if argv else "help"
    try:
        _setup_django()
        if command not in NO_DATABASE_COMMANDS:
            check_database()
        if command == "serve":
            return serve(argv[1:])
        from django.core.management import execute_from_command_line

        execute_from_command_line(["tsunagu", *argv])
    except StartupError as error:
        print(f"tsunagu: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
