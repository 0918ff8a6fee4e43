"""The cast of the stories, read from the database for both writers: the hub's offices and their casework
staff, the city's case worker, the programs that run on a schedule and their hosts, the organisations on
record. The generator (stories.py) sees them as plain values (ids and names) and never reads the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import QuerySet

from tsunagu.accounts.models import User
from tsunagu.accounts.roles import Role
from tsunagu.organisations.models import Office, Organisation
from tsunagu.programs.models import ProgramCategory, ProgramHost
from tsunagu.sampledata.organisations import HUB_NAME
from tsunagu.sampledata.stories import Cast, Day, Host, Team, working_days
from tsunagu.sampledata.tables import OFFICES

OFFICE_TABLE = {name: (weight, areas) for name, _slug, weight, areas in OFFICES}


def with_role(role: Role) -> QuerySet[User]:
    return User.objects.filter(groups__name=role.value, is_active=True).distinct().order_by("pk")


def hub_offices() -> list[Office]:
    """The hub's offices, in the order of tables.OFFICES (本所 first), others after them."""
    order = {name: position for position, (name, *_rest) in enumerate(OFFICES)}
    offices = Office.objects.filter(organisation__name=HUB_NAME)
    return sorted(offices, key=lambda office: (order.get(office.name, len(order)), office.pk))


def team(office: Office) -> Team | None:
    """An office's casework staff, each weighing the same; None for an office without any."""
    consultation = list(
        with_role(Role.CONSULTATION_WORKER).filter(office=office).values_list("pk", flat=True)
    )
    employment = list(with_role(Role.EMPLOYMENT_WORKER).filter(office=office).values_list("pk", flat=True))
    if not consultation and not employment:
        return None
    weight, areas = OFFICE_TABLE.get(office.name, OFFICE_TABLE[OFFICES[0][0]])
    supervisor = with_role(Role.SUPERVISOR).filter(office=office).values_list("pk", flat=True).first()
    return Team(
        office=office.pk,
        weight=weight,
        areas=areas,
        consultation=tuple((pk, 1.0) for pk in consultation),
        employment=tuple((pk, 1.0) for pk in employment),
        supervisor=supervisor,
    )


def hosts(first: Day, latest: Day) -> tuple[Host, ...]:
    """The hosts of the adult programs that run on a schedule and are still offered, with their session
    days; a host's roll-calls are taken by its partner staff when it has a login."""
    recorders = dict(
        with_role(Role.PARTNER_STAFF).order_by("-pk").values_list("organisation__name", "pk")
    )  # the first partner login of each organisation wins
    found = []
    for host in (
        ProgramHost.objects.select_related("program", "organisation")
        .filter(program__by_appointment=False)
        .exclude(program__weekdays=[])
        .exclude(program__category=ProgramCategory.CHILDREN)
        .order_by("pk")
    ):
        program = host.program
        if program.active_until and program.active_until.toordinal() <= latest:
            continue  # no longer offered
        start, end = program.start_time, program.end_time
        hours = 2.0
        if start and end:
            hours = (
                dt.datetime.combine(dt.date.min, end) - dt.datetime.combine(dt.date.min, start)
            ).seconds / 3600
        found.append(
            Host(
                id=host.pk,
                stage=program.stage,
                name=f"{program.name}（{host.organisation.name}）"[:200],
                organisation=host.organisation.name,
                days=tuple(
                    working_days(max(first, program.active_from.toordinal()), latest, program.weekdays)
                ),
                hours=hours,
                recorder=recorders.get(host.organisation.name),
            )
        )
    return tuple(found)


def read_cast(
    *, first: Day, latest: Day, offices: Sequence[Office] | None = None, referral_share: float = 1.0
) -> Cast:
    teams = tuple(t for t in (team(office) for office in (offices or hub_offices())) if t)
    if not teams:
        raise RuntimeError("Load the demo users (sampledata.accounts.load_users) before the caseload.")
    return Cast(
        teams=teams,
        hosts=hosts(first, latest),
        organisations=frozenset(Organisation.objects.values_list("name", flat=True)),
        city_caseworker=with_role(Role.CITY_CASEWORKER).values_list("pk", flat=True).first(),
        referral_share=referral_share,
    )
