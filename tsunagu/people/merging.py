"""The merge of duplicate records asks each app to move its own rows.

people sits below cases and programs, so `merge_people` cannot name their models. Instead each app
that keeps rows pointing at a person registers a merge step in its AppConfig.ready(); the merge runs
every step inside its transaction. A step moves its rows from the duplicate to the record kept and
returns what to add to the merge's audit detail (counts or ids only, never personal data).

tests/test_merge_covers_every_relation.py fails when a relation to Person is handled by no step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

MergeStep = Callable[..., dict[str, Any]]
"""Called as step(keep=…, duplicate=…): moves the app's rows, returns audit detail (may be empty)."""

_steps: dict[str, tuple[MergeStep, tuple[str, ...]]] = {}


def register_merge_step(step: MergeStep, *, moves: tuple[str, ...]) -> MergeStep:
    """Add a step to every merge. `moves` names the relations to Person it handles, as
    "app_label.Model.field" (the guard test checks that every relation is named by some step).
    Registering the same function again replaces it (ready() may run more than once in tests)."""
    if isinstance(moves, str):
        raise TypeError("moves is a tuple of relation names, not one string")
    _steps[f"{step.__module__}.{step.__qualname__}"] = (step, moves)
    return step


def merge_steps() -> list[MergeStep]:
    """The registered steps, in the order the apps were loaded (lower layers first)."""
    return [step for step, _moves in _steps.values()]


def relations_moved() -> set[str]:
    """Every "app_label.Model.field" some registered step says it moves."""
    return {name for _step, moves in _steps.values() for name in moves}
