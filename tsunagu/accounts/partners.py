"""Which organisations may have partner-staff logins. Employers and other organisations of the directory
have no login by default: partner staff work for an organisation that takes part in the hub's work, and
what that is is known to the apps above accounts (programs: a host of the catalog; jobs: a host of
internships; network: an organisation receiving referrals through the directory; community: one running a
resource). So each of them registers its answer in its AppConfig.ready(), and the user services ask
`may_have_partner_logins` instead of importing them.

With no answer registered, no organisation may have partner logins (refuse rather than allow all)."""

from __future__ import annotations

from collections.abc import Callable

from tsunagu.organisations.models import Organisation

PartnerAnswer = Callable[[Organisation], bool]
"""Called with an organisation: whether this app gives it work for partner staff."""

_answers: dict[str, PartnerAnswer] = {}


def register_partner_organisations(name: str, answer: PartnerAnswer) -> None:
    """Register an app's answer (registering the same name again replaces it)."""
    _answers[name] = answer


def may_have_partner_logins(organisation: Organisation) -> bool:
    return any(answer(organisation) for answer in _answers.values())
