"""The `tsunagu` command: Django's management commands, plus `serve` and friendly errors.

tsunagu serve [--host H] [--port P] [--workers N] [--demo] [--reset] [--no-worker]
tsunagu worker [--batch]   the background jobs' worker (serve starts one beside the server)
tsunagu prune-jobs         delete job results and queue rows older than a week (the worker does it daily)
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
import signal
import socket
import subprocess
import sys
import time
from urllib.parse import urlsplit, urlunsplit

# Commands that must not need a working database.
NO_DATABASE_COMMANDS = {"help", "--help", "-h", "version", "--version", "makemessages", "compilemessages"}
# Django command names use underscores; these are also accepted with a dash.
DASHED_COMMANDS = {"bench-data": "bench_data", "verify-audit": "verify_audit", "prune-jobs": "prune_jobs"}


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
    parser.add_argument(
        "--no-worker", action="store_true",
        help="start no background worker beside the server (run `tsunagu worker` as a service of its own)",
    )  # fmt: skip
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
    if args.no_worker:
        os.execv(sys.executable, gunicorn)
    return supervise(gunicorn, WORKER)


# The background jobs' worker (tsunagu/background, docs/background-jobs.md) as `tsunagu serve` starts it.
WORKER = [sys.executable, "-m", "tsunagu.cli", "worker"]


def supervise(server: list[str], worker: list[str], *, restart_after: float = 2.0) -> int:
    """Run the server and the background worker side by side until the server ends (or Ctrl+C / SIGTERM).
    A worker that dies does not take the server down: it is started again, after a pause that doubles
    each time up to a minute (a worker that cannot start does not spin). The server's exit code."""
    stopping = []

    def stop(signum, frame) -> None:
        stopping.append(signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    server_process = subprocess.Popen(server)
    worker_process: subprocess.Popen | None = subprocess.Popen(worker)
    pause, start_again_at = restart_after, 0.0
    try:
        while not stopping and server_process.poll() is None:
            if worker_process is not None and worker_process.poll() is not None:
                print(
                    f"tsunagu: the background worker stopped (exit code {worker_process.returncode}); "
                    f"starting it again in {pause:g} s. The server goes on.",
                    file=sys.stderr, flush=True,
                )  # fmt: skip
                worker_process, start_again_at = None, time.monotonic() + pause
                pause = min(pause * 2, 60.0)
            if worker_process is None and time.monotonic() >= start_again_at:
                worker_process = subprocess.Popen(worker)
            time.sleep(0.2)
    finally:
        for process in (worker_process, server_process):
            if process is not None and process.poll() is None:
                process.terminate()
        for process in (worker_process, server_process):
            if process is not None:
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return server_process.returncode or 0


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
