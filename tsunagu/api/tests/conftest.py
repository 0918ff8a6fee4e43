"""The API's world: a person of the hub's main office (a case of the fixture consultation worker, referred
by the city worker with consent to share with the city, a note, a plan, a placement with the partner's
organisation with attendance and a work log, a referral to the partner), and a person of the 音別 office
whom no fixture user but the 音別 office's own may see (a case, a note, a plan, a placement elsewhere)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

from tsunagu.api import services
from tsunagu.cases import services as case_services
from tsunagu.people.models import Consent, ConsentScope
from tsunagu.testing.factories import (
    CaseFactory,
    PersonFactory,
    PlacementFactory,
    ProgramHostFactory,
    UserFactory,
    WorkLogFactory,
    WorkTypeFactory,
)

IN_NAME, OUT_NAME = "圏内太郎", "圏外花子"


def _records(case, worker, host) -> SimpleNamespace:
    start = case.intake_date
    note = case_services.add_note(
        case=case, actor=worker, occurred_at=timezone.now() - dt.timedelta(hours=2), method="phone", minutes=5,
        content="近況確認",
    )  # fmt: skip
    plan = case_services.create_plan(
        case=case, actor=worker,
        fields={"period_start": start, "period_end": start + dt.timedelta(days=180), "long_term_goal": "自立",
                "short_term_goals": "通所", "agreed_on": start, "next_monitoring_on": timezone.localdate()},
    )  # fmt: skip
    placement = PlacementFactory(case=case, host=host, worker=worker)
    work_type = WorkTypeFactory(host=host)
    log = WorkLogFactory(
        work_type=work_type, attendance__placement=placement,
        attendance__session__date=timezone.localdate() - dt.timedelta(days=1),
    )  # fmt: skip
    return SimpleNamespace(case=case, person=case.person, note=note, plan=plan, placement=placement,
                           attendance=log.attendance, work_log=log)  # fmt: skip


@pytest.fixture
def api_world(consultation_worker, city_caseworker, partner_staff, other_hub_office):
    person = PersonFactory(family_name="圏内", given_name="太郎", is_dv_protected=True)
    case = CaseFactory(person=person, worker=consultation_worker, referring_caseworker=city_caseworker,
                       route="city_department")  # fmt: skip
    Consent.objects.create(person=person, scope=ConsentScope.SHARE_CITY, signed_on=case.intake_date,
                           recorded_by=consultation_worker)  # fmt: skip
    inside = _records(case, consultation_worker, ProgramHostFactory(organisation=partner_staff.organisation))
    from tsunagu.network.services_referrals import send_referral
    from tsunagu.people.services import record_consent

    record_consent(person=person, actor=consultation_worker, scope=ConsentScope.SHARE_PARTNERS,
                   signed_on=case.intake_date, shared_with=[partner_staff.organisation])  # fmt: skip
    inside.referral = send_referral(actor=consultation_worker, case=case, fields={
        "receiver": partner_staff.organisation, "service": None, "need": "居場所", "message": "", "respond_by": None,
    })  # fmt: skip
    onbetsu = UserFactory(username="onbetsu", office=other_hub_office, roles=["consultation_worker"])
    far = PersonFactory(family_name="圏外", given_name="花子")
    outside = _records(CaseFactory(person=far, worker=onbetsu), onbetsu, ProgramHostFactory())
    return SimpleNamespace(inside=inside, outside=outside, onbetsu=onbetsu)


@pytest.fixture
def token_client():
    """token_client(user) → a client sending a fresh token of the user (made through the service)."""

    def make(user, *, days: int = 30) -> Client:
        _token, secret = services.create_token(
            actor=user, name="テスト連携", expires_on=timezone.localdate() + dt.timedelta(days=days)
        )
        return Client(headers={"Authorization": f"Bearer {secret}"})

    return make
