"""The job's side of progress and cancellation, and the board where a running job's progress is read.

A job's own writes are one transaction, which on SQLite holds the database's only write lock until it ends:
nothing else could write the job's progress meanwhile, nor could a reader see it before the commit. So a
running job's progress and the request to cancel it go through its board, two small files under the var
directory (`<var>/jobs/<board>.json`, `<board>.cancel`), which the worker and the server share on the one
machine; the record gets the figures the job ended with. `report_progress` writes the board at most five
times a second and checks for the cancel file at every call, so a job stops at its next step."""

from __future__ import annotations

import contextvars
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

WRITE_EVERY_SECONDS = 0.2


class Cancelled(Exception):
    """Raised by report_progress once the job's cancellation was asked: the job's transaction rolls back."""


@dataclass
class Figures:
    done: int = 0
    total: int = 0
    step: str = ""

    @property
    def percent(self) -> int | None:
        return min(100, int(self.done * 100 / self.total)) if self.total else None


def board_directory() -> Path:
    return Path(settings.VAR_DIR) / "jobs"


class Board:
    def __init__(self, key) -> None:
        self.path = board_directory() / f"{key}.json"
        self.cancel_path = board_directory() / f"{key}.cancel"
        self.figures = Figures()
        self._written = 0.0

    def write(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._written < WRITE_EVERY_SECONDS:
            return
        self._written = now
        self.path.parent.mkdir(parents=True, exist_ok=True)
        scratch = self.path.with_suffix(f".{os.getpid()}.tmp")
        scratch.write_text(json.dumps(self.figures.__dict__))
        os.replace(scratch, self.path)  # a reader never sees half a file

    def read(self) -> Figures | None:
        try:
            return Figures(**json.loads(self.path.read_text()))
        except (OSError, ValueError, TypeError):
            return None

    def ask_to_cancel(self) -> None:
        self.cancel_path.parent.mkdir(parents=True, exist_ok=True)
        self.cancel_path.touch()

    @property
    def cancel_asked(self) -> bool:
        return self.cancel_path.exists()

    def remove(self) -> None:
        for path in (self.path, self.cancel_path):
            path.unlink(missing_ok=True)


_current: contextvars.ContextVar[Board | None] = contextvars.ContextVar("background_board", default=None)


def report_progress(done: int, total: int, step: str | None = None) -> None:
    """How far the running job got (`done` of `total`, and a short label of its step, translated); raises
    Cancelled when its cancellation was asked. Outside a job (a test calling the work directly) it does
    nothing."""
    board = _current.get()
    if board is None:
        return
    figures = board.figures
    figures.done, figures.total = max(int(done), 0), max(int(total), 0)
    if step is not None:
        figures.step = str(step)[:120]
    if board.cancel_asked:
        raise Cancelled
    board.write(force=step is not None or figures.done >= figures.total)


def running_on(board: Board) -> contextvars.Token:
    return _current.set(board)


def stopped(token: contextvars.Token) -> None:
    _current.reset(token)


def ask_to_cancel(job) -> None:
    """Tell a running job to stop, through its board (no database write: see cancel_job)."""
    if job.status in ("queued", "running"):
        Board(job.board).ask_to_cancel()


def live_figures(job) -> Figures:
    """What the page shows: a running job's board, or the figures its record keeps."""
    if job.status == "running" and (figures := Board(job.board).read()) is not None:
        return figures
    return Figures(job.progress_done, job.progress_total, job.step)
