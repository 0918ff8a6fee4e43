"""Cafeterias: their sessions as counts, and the people referred there from casework (the network's
referrals to the cafeteria's service)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tsunagu.audit.models import AuditEvent
from tsunagu.community import services
from tsunagu.community.models import ResourceSession
from tsunagu.community.tests.builders import cafeteria, today
from tsunagu.network.services_referrals import send_referral
from tsunagu.people.models import ConsentScope
from tsunagu.people.services import record_consent
from tsunagu.testing.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db

SESSION = {"meals": 38, "volunteers": 6, "children": 22, "adults": 16, "note": ""}


def test_a_session_is_recorded_with_its_counts(consultation_worker, client_as):
    kitchen = cafeteria(consultation_worker)
    response = client_as(consultation_worker).post(
        reverse("community:session_create", args=[kitchen.pk]), {"held_on": today().isoformat(), **SESSION}
    )
    assert response.status_code == 302
    session = ResourceSession.objects.get()
    assert (session.meals, session.children, session.adults, session.volunteers) == (38, 22, 16, 6)
    page = client_as(consultation_worker).get(reverse("community:resource_detail", args=[kitchen.pk]))
    assert "38" in page.content.decode()


def test_a_second_session_on_the_same_day_is_refused(consultation_worker):
    kitchen = cafeteria(consultation_worker)
    services.record_resource_session(
        actor=consultation_worker, resource=kitchen, fields={"held_on": today(), **SESSION}
    )
    with pytest.raises(ValidationError):
        services.record_resource_session(
            actor=consultation_worker, resource=kitchen, fields={"held_on": today(), **SESSION}
        )
    assert ResourceSession.objects.count() == 1


def test_a_session_in_the_future_or_with_a_count_out_of_range_is_refused(consultation_worker, client_as):
    kitchen = cafeteria(consultation_worker)
    client = client_as(consultation_worker)
    url = reverse("community:session_create", args=[kitchen.pk])
    tomorrow = (today() + dt.timedelta(days=1)).isoformat()
    assert client.post(url, {"held_on": tomorrow, **SESSION}).status_code == 400
    assert client.post(url, {"held_on": today().isoformat(), **SESSION, "meals": "99999"}).status_code == 400
    assert not ResourceSession.objects.exists()


def test_the_staff_of_the_organisation_that_runs_it_record_its_sessions_and_others_may_not(
    consultation_worker, partner_staff, partner_org, client_as
):
    theirs = cafeteria(consultation_worker, owner=partner_org)
    other = cafeteria(consultation_worker, name="お寺食堂")
    client = client_as(partner_staff)
    day = {"held_on": today().isoformat(), **SESSION}
    assert client.post(reverse("community:session_create", args=[theirs.pk]), day).status_code == 302
    assert client.post(reverse("community:session_create", args=[other.pk]), day).status_code == 403
    assert list(ResourceSession.objects.values_list("resource", flat=True)) == [theirs.pk]


def test_a_person_referred_to_the_cafeterias_service_is_listed_there_and_the_read_recorded(
    consultation_worker, client_as
):
    kitchen = cafeteria(consultation_worker)
    case = CaseFactory(
        worker=consultation_worker, person=PersonFactory(family_name="釧路", given_name="花子")
    )
    record_consent(
        person=case.person, actor=consultation_worker, scope=ConsentScope.SHARE_PARTNERS,
        signed_on=case.intake_date, shared_with=[kitchen.owner],
    )  # fmt: skip
    send_referral(
        actor=consultation_worker, case=case,
        fields={"receiver": kitchen.owner, "service": kitchen.service, "need": "", "message": "", "respond_by": None},
    )  # fmt: skip
    page = client_as(consultation_worker).get(reverse("community:resource_detail", args=[kitchen.pk]))
    assert "釧路 花子" in page.content.decode()
    event = AuditEvent.objects.filter(detail__page="community_resource").get()
    assert case.person_id in event.detail["people"]


def test_the_statistician_sees_the_sessions_but_not_who_was_referred(
    consultation_worker, statistician, client_as
):
    kitchen = cafeteria(consultation_worker)
    case = CaseFactory(
        worker=consultation_worker, person=PersonFactory(family_name="釧路", given_name="花子")
    )
    record_consent(
        person=case.person, actor=consultation_worker, scope=ConsentScope.SHARE_PARTNERS,
        signed_on=case.intake_date, shared_with=[kitchen.owner],
    )  # fmt: skip
    send_referral(
        actor=consultation_worker, case=case,
        fields={"receiver": kitchen.owner, "service": kitchen.service, "need": "", "message": "", "respond_by": None},
    )  # fmt: skip
    page = client_as(statistician).get(reverse("community:resource_detail", args=[kitchen.pk]))
    assert page.status_code == 200
    assert "釧路 花子" not in page.content.decode()


def test_to_the_statistician_a_sessions_small_counts_are_hidden_and_not_derivable_from_the_totals(
    consultation_worker, statistician, client_as
):
    kitchen = cafeteria(consultation_worker)
    for days_ago, children in ((14, 3), (7, 12), (0, 15)):
        fields = {**SESSION, "held_on": today() - dt.timedelta(days=days_ago), "children": children}
        services.record_resource_session(actor=consultation_worker, resource=kitchen, fields=fields)
    page = (
        client_as(statistician).get(reverse("community:resource_detail", args=[kitchen.pk])).content.decode()
    )
    table = page.split('data-testid="sessions"')[1].split("</table>")[0]
    children = [
        row.split("<td>")[3].split("</td>")[0]
        for row in table.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    ]
    assert children.count("&lt;5") == 1
    assert "x" in children or "x" in table.split("<tfoot>")[1].split("<td>")[3]


# ---------------------------------------------------------------- correcting a session


def test_a_sessions_counts_are_corrected_from_the_version_opened_and_the_totals_follow(
    consultation_worker, client_as
):
    kitchen = cafeteria(consultation_worker)
    session = services.record_resource_session(
        actor=consultation_worker, resource=kitchen, fields={"held_on": today(), **SESSION}
    )
    client = client_as(consultation_worker)
    edit = reverse("community:session_edit", args=[session.pk])
    assert edit in client.get(reverse("community:resource_detail", args=[kitchen.pk])).content.decode()
    corrected = {**SESSION, "meals": 41, "children": 25, "edit_version": 1}
    assert client.post(edit, corrected).status_code == 302
    assert client.post(edit, {**corrected, "meals": 99}).status_code == 400  # opened at version 1 too
    session.refresh_from_db()
    assert (session.meals, session.children, session.held_on) == (41, 25, today())
    page = client.get(reverse("community:resource_detail", args=[kitchen.pk]))
    assert page.context["session_totals"][0] == "41"


def test_a_corrected_count_out_of_range_is_refused_and_the_session_kept(consultation_worker, client_as):
    kitchen = cafeteria(consultation_worker)
    session = services.record_resource_session(
        actor=consultation_worker, resource=kitchen, fields={"held_on": today(), **SESSION}
    )
    response = client_as(consultation_worker).post(
        reverse("community:session_edit", args=[session.pk]), {**SESSION, "meals": "-1", "edit_version": 1}
    )
    assert response.status_code == 400 and "meals" in response.context["form"].errors
    session.refresh_from_db()
    assert session.meals == 38


def test_only_those_who_record_a_cafeterias_sessions_correct_them(
    consultation_worker, statistician, client_as
):
    kitchen = cafeteria(consultation_worker)
    session = services.record_resource_session(
        actor=consultation_worker, resource=kitchen, fields={"held_on": today(), **SESSION}
    )
    response = client_as(statistician).post(
        reverse("community:session_edit", args=[session.pk]), {**SESSION, "meals": 1, "edit_version": 1}
    )
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.meals == 38
