"""The program-ladder test base: the zoo program hosted by the partner organisation (conftest.py's
partner_org), and the aquarium, another organisation hosting it, to prove that partners stay apart; and
for the service tests (test_*_service.py), a program on Mondays and Wednesdays at the partner and at a
second host with one place, and a case of the consultation worker."""

import pytest

from tsunagu.programs.models import Program, ProgramHost
from tsunagu.testing.factories import (
    CaseFactory,
    OfficeFactory,
    OrganisationFactory,
    ProgramFactory,
    ProgramHostFactory,
    UserFactory,
)

from .helpers import make_program


@pytest.fixture
def zoo_program(db):
    """動物園環境整備: Tuesdays and Thursdays 9:30–12:00, offered since April 2015."""
    return ProgramFactory(name="動物園環境整備ボランティア体験事業")


@pytest.fixture
def zoo_host(zoo_program, partner_org):
    return ProgramHostFactory(program=zoo_program, organisation=partner_org)


@pytest.fixture
def other_org(db):
    return OrganisationFactory(name="株式会社 水族館（テスト）")


@pytest.fixture
def other_partner(other_org):
    """Partner staff of the aquarium."""
    return UserFactory(
        username="aquarium", office=OfficeFactory(organisation=other_org), roles=["partner_staff"]
    )


@pytest.fixture
def other_host(zoo_program, other_org):
    """The zoo program at the aquarium."""
    return ProgramHostFactory(program=zoo_program, organisation=other_org)


# ---------------------------------------------------------------- the service tests


@pytest.fixture
def program() -> Program:
    return make_program()


@pytest.fixture
def host(program, partner_org) -> ProgramHost:
    """The program at the partner organisation, no capacity limit."""
    return ProgramHostFactory(program=program, organisation=partner_org)


@pytest.fixture
def small_host(program) -> ProgramHost:
    """The same program at a second host with a single place."""
    return ProgramHostFactory(program=program, capacity=1)


@pytest.fixture
def case(consultation_worker):
    return CaseFactory(worker=consultation_worker)


@pytest.fixture
def person(case):
    return case.person


@pytest.fixture
def other_partner_staff(other_partner):
    """Partner staff of an organisation that hosts nothing here (the aquarium)."""
    return other_partner
