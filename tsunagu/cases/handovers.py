"""What follows an intake's hand-over to an organisation of the directory, contributed by higher apps so
that cases never imports them (as panels.py and timeline.py).

An app above cases registers a hook in its AppConfig.ready(): network turns the hand-over into a referral
(つなぎ) and follows it up. `register_intake` runs the hooks in its own transaction, once the case is
saved: a hook that refuses (a `ValidationError`, for instance no basis to share the person's information
with that organisation) refuses the intake with its reason, and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable

HandoverHook = Callable[..., object]
"""Called as hook(actor=…, case=…) for a case handed over at intake to `case.handover_organisation`."""

_hooks: dict[str, HandoverHook] = {}


def register_handover_hook(name: str, hook: HandoverHook) -> None:
    """Follow every intake's hand-over to an organisation (registering the same name again replaces it)."""
    _hooks[name] = hook


def run_handover_hooks(*, actor, case) -> None:
    for hook in _hooks.values():
        hook(actor=actor, case=case)
