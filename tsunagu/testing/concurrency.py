"""Two saves at the same moment, each in its own thread with its own database connection and transaction,
for the lost-update tests (`@pytest.mark.django_db(transaction=True)`, so that what one thread commits
the other can see). Works on PostgreSQL and on SQLite as configured (a file database in tests: see the
root conftest)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction

from tsunagu.core.editing import EditConflict

SAVED = "saved"
Outcome = str | EditConflict


def _in_own_connection(save: Callable[[], Any], outcomes: list, index: int) -> None:
    try:
        save()
        outcomes[index] = SAVED
    except EditConflict as conflict:
        outcomes[index] = conflict
    except BaseException as error:  # reported by the test, never swallowed
        outcomes[index] = error
    finally:
        connection.close()


def _check(outcomes: list) -> list[Outcome]:
    for outcome in outcomes:
        if isinstance(outcome, BaseException) and not isinstance(outcome, EditConflict):
            raise outcome
    return outcomes


def save_at_once(first: Callable[[], Any], second: Callable[[], Any]) -> list[Outcome]:
    """Start both saves together (a barrier), each in its own transaction; either may be first.
    Returns each one's outcome: SAVED or the EditConflict it was refused with."""
    outcomes: list = [None, None]
    barrier = threading.Barrier(2)

    def run(save: Callable[[], Any], index: int) -> None:
        def released() -> Any:
            barrier.wait(timeout=30)
            return save()

        _in_own_connection(released, outcomes, index)

    threads = [threading.Thread(target=run, args=(save, i)) for i, save in enumerate((first, second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return _check(outcomes)


def save_while_first_is_open(first: Callable[[], Any], second: Callable[[], Any]) -> list[Outcome]:
    """The first save claims the record and holds its transaction open until the second save has started
    (on PostgreSQL: until the second is seen waiting for the first one's row lock; on SQLite the second
    waits for the write lock at BEGIN IMMEDIATE). Then the first commits. The two transactions overlap."""
    outcomes: list = [None, None]
    first_claimed, second_started, release = threading.Event(), threading.Event(), threading.Event()

    def hold_open() -> None:
        with transaction.atomic():
            first()
            first_claimed.set()
            release.wait(timeout=30)

    def start_second() -> None:
        second_started.set()
        second()

    holder = threading.Thread(target=_in_own_connection, args=(hold_open, outcomes, 0))
    holder.start()
    first_claimed.wait(timeout=30)
    waiter = threading.Thread(target=_in_own_connection, args=(start_second, outcomes, 1))
    waiter.start()
    second_started.wait(timeout=30)
    if connection.vendor == "postgresql":
        _until_a_backend_waits_for_a_lock()
    release.set()
    holder.join(timeout=60)
    waiter.join(timeout=60)
    return _check(outcomes)


def _until_a_backend_waits_for_a_lock(limit: float = 10.0) -> None:
    """Poll pg_stat_activity (bounded) until another session of this database waits on a lock."""
    deadline = time.monotonic() + limit
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.01)
