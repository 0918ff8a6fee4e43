"""The program-ladder test base: the zoo program hosted by the partner organisation (conftest.py's
partner_org), and the aquarium, another organisation hosting it, to prove that partners stay apart."""

import pytest

from tsunagu.testing.factories import (
    OfficeFactory,
    OrganisationFactory,
    ProgramFactory,
    ProgramHostFactory,
    UserFactory,
)


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
