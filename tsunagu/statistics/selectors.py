"""The statistics' reads: counts of the user's organisation only, never a person; the reference tables."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.cases.municipal_report import NO_AREA, PREFECTURE, reporters
from tsunagu.organisations.models import Office
from tsunagu.statistics.indicators import Period, Report, Scope, national_report
from tsunagu.statistics.models import Benchmark, Population


def offices(user: User) -> QuerySet[Office]:
    """The offices whose figures the user may read: those of their organisation."""
    return Office.objects.filter(organisation_id=user.organisation_id).order_by("name")


def reporter_choices() -> list[tuple[str, str]]:
    """The reporting bodies (釧路市, 北海道 for the towns and villages, the cases with no area)."""
    return [(value, str(label)) for value, label in reporters()]


def scope_label(scope: Scope) -> str:
    """The scope as the tables' titles name it (in the active language)."""
    parts = []
    if scope.office_id:
        parts.append(Office.objects.filter(pk=scope.office_id).values_list("name", flat=True).first() or "")
    if scope.reporter == PREFECTURE:
        parts.append(_("%(prefecture)s (the towns and villages)") % {"prefecture": PREFECTURE})
    elif scope.reporter == NO_AREA:
        parts.append(_("Area not recorded"))
    elif scope.reporter:
        parts.append(scope.reporter)
    return "・".join(parts) or _("All offices and municipalities")


def report_for(user: User, *, period: Period, office_id: int | None, reporter: str) -> Report:
    """The national figures of the user's organisation (an office of another one is not among the form's
    choices, so it never reaches here)."""
    scope = Scope(organisation_id=user.organisation_id, office_id=office_id, reporter=reporter)
    return national_report(period, scope)


def populations() -> QuerySet[Population]:
    return Population.objects.order_by("municipality", "-as_of")


def benchmarks() -> QuerySet[Benchmark]:
    return Benchmark.objects.order_by("indicator", "-valid_from")
