"""Hosts the seed does not name are local assumptions: a badge on the catalog and the program's page,
and an administrator confirms or changes them on the host's page."""

import pytest

from tsunagu.audit.models import AuditAction
from tsunagu.programs.models import ProgramHost
from tsunagu.testing.factories import ProgramHostFactory

from .helpers import audited, make_program

BADGE = 'data-testid="local-assumption"'


@pytest.fixture
def assumed_host(partner_org) -> ProgramHost:
    return ProgramHostFactory(
        program=make_program(),
        organisation=partner_org,
        is_local_assumption=True,
        assumption_note="資料に実施主体の記載なし。協議会の居場所での実施と想定。",
    )


def test_the_catalog_and_the_program_page_mark_a_host_that_is_a_local_assumption(
    client_as, consultation_worker, assumed_host
):
    client = client_as(consultation_worker)
    catalog = client.get("/programs/").content.decode()
    assert BADGE in catalog
    detail = client.get(f"/programs/{assumed_host.program_id}/").content.decode()
    assert BADGE in detail
    assert "協議会の居場所での実施と想定" in detail


def test_a_host_the_seed_names_has_no_badge(client_as, consultation_worker, partner_org):
    host = ProgramHostFactory(program=make_program(), organisation=partner_org)
    assert BADGE not in client_as(consultation_worker).get(f"/programs/{host.program_id}/").content.decode()


def test_an_administrator_confirms_an_assumed_host_on_its_page(client_as, administrator, assumed_host):
    client = client_as(administrator)
    page = client.get(f"/programs/hosts/{assumed_host.pk}/edit/").content.decode()
    assert 'name="is_local_assumption"' in page and 'name="assumption_note"' in page and BADGE in page
    # The box left unticked: the administrator confirmed the host.
    data = {
        "capacity": "", "closed_days": "12/29-1/3", "place": "", "note": "",
        "assumption_note": "", "edit_version": str(assumed_host.edit_version),
    }  # fmt: skip
    assert client.post(f"/programs/hosts/{assumed_host.pk}/edit/", data).status_code == 302
    assumed_host.refresh_from_db()
    assert not assumed_host.is_local_assumption and assumed_host.assumption_note == ""
    assert audited(assumed_host, AuditAction.UPDATE)
    assert BADGE not in client.get(f"/programs/{assumed_host.program_id}/").content.decode()


def test_an_administrator_marks_a_host_as_assumed_with_why(client_as, administrator, partner_org):
    host = ProgramHostFactory(program=make_program(), organisation=partner_org)
    data = {
        "capacity": "", "closed_days": "12/29-1/3", "place": "", "note": "", "is_local_assumption": "on",
        "assumption_note": "実施先は未確認", "edit_version": str(host.edit_version),
    }  # fmt: skip
    assert client_as(administrator).post(f"/programs/hosts/{host.pk}/edit/", data).status_code == 302
    host.refresh_from_db()
    assert host.is_local_assumption and host.assumption_note == "実施先は未確認"


def test_only_an_administrator_opens_the_host_page(client_as, supervisor, assumed_host):
    assert client_as(supervisor).get(f"/programs/hosts/{assumed_host.pk}/edit/").status_code == 403
