"""The `tsunagu` command as an operator meets it: one clear sentence instead of a traceback."""

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

TSUNAGU = [sys.executable, "-m", "tsunagu.cli"]


def run_tsunagu(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    environment.update({"TSUNAGU_VAR_DIR": str(tmp_path / "var"), **env})
    return subprocess.run([*TSUNAGU, *args], capture_output=True, text=True, env=environment, timeout=120)


def assert_one_sentence(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_an_unreachable_postgresql_gives_one_clear_sentence(tmp_path):
    url = "postgres://postgres:secret@127.0.0.1:1/tsunagu"
    message = assert_one_sentence(run_tsunagu("migrate", tmp_path=tmp_path, DATABASE_URL=url))
    assert "cannot reach the database" in message
    assert "secret" not in message  # the password is never printed


def test_a_database_url_of_an_unknown_kind_gives_one_clear_sentence(tmp_path):
    result = run_tsunagu("migrate", tmp_path=tmp_path, DATABASE_URL="nosuchdb://somewhere/x")
    assert "DATABASE_URL" in assert_one_sentence(result)


def test_a_taken_port_gives_one_clear_sentence(tmp_path):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = run_tsunagu("serve", "--port", str(port), tmp_path=tmp_path)
    message = assert_one_sentence(result)
    assert f"Port {port}" in message and "already in use" in message


def test_the_generated_secret_key_is_kept_readable_by_its_owner_only(tmp_path):
    result = run_tsunagu("check", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    key_file = tmp_path / "var" / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    first_key = key_file.read_text()
    run_tsunagu("check", tmp_path=tmp_path)
    assert key_file.read_text() == first_key  # kept across runs, so sessions survive a restart


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="SQLite path only")
def test_migrate_and_demo_work_on_a_new_sqlite_file(tmp_path):
    assert run_tsunagu("migrate", "-v", "0", tmp_path=tmp_path).returncode == 0
    result = run_tsunagu("demo", "--people", "10", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "soudan" in result.stdout and "tsunagu-demo-2026" in result.stdout
    assert (tmp_path / "var" / "tsunagu.sqlite3").exists()


def test_a_background_worker_that_dies_is_started_again_and_the_server_goes_on(tmp_path, capfd):
    """`tsunagu serve` runs the server and the worker side by side (tsunagu.cli.supervise): here a worker
    that dies at once, and a server that ends once it has seen the worker start three times."""
    from tsunagu.cli import supervise

    starts = tmp_path / "starts"
    worker = [sys.executable, "-c", f"open({str(starts)!r}, 'a').write('x'); raise SystemExit(3)"]
    server = [
        sys.executable, "-c",
        f"import os, time\nwhile not os.path.exists({str(starts)!r}) or len(open({str(starts)!r}).read()) < 3:"
        "\n    time.sleep(0.05)",
    ]  # fmt: skip
    assert supervise(server, worker, restart_after=0.01) == 0
    assert len(starts.read_text()) >= 3
    assert "the background worker stopped (exit code 3)" in capfd.readouterr().err
