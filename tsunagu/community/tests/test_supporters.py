"""Supporters: a person once supported takes a supporter role; the person page and the overview show it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from tsunagu.children.models import CHILDREN_SUPPORT_GROUP
from tsunagu.children.tutors import tutor_candidates
from tsunagu.community import selectors, services
from tsunagu.community.models import SupporterKind, SupporterRole
from tsunagu.community.tests.builders import cafeteria, today
from tsunagu.people.services import merge_people
from tsunagu.testing.factories import (
    CaseFactory,
    PersonFactory,
    ProgramFactory,
    ProgramHostFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _volunteer(actor, person, kitchen, *, days_ago: int = 10):
    fields = {
        "kind": SupporterKind.CAFETERIA_VOLUNTEER,
        "resource": kitchen,
        "started_on": today() - dt.timedelta(days=days_ago),
    }
    return services.add_supporter_role(actor=actor, person=person, fields=fields)


def test_a_worker_records_a_volunteer_role_and_the_person_page_shows_it(consultation_worker, client_as):
    kitchen = cafeteria(consultation_worker)
    case = CaseFactory(worker=consultation_worker)
    client = client_as(consultation_worker)
    response = client.post(
        reverse("community:supporter_create", args=[case.person_id]),
        {"kind": "volunteer", "resource": kitchen.pk, "started_on": today().isoformat()},
    )
    assert response.status_code == 302
    page = client.get(reverse("people:detail", args=[case.person_id])).content.decode()
    assert 'data-testid="person-supporter-panel"' in page
    assert 'data-testid="supported-to-supporting"' in page
    assert kitchen.name in page


def test_a_volunteer_role_names_the_resource(consultation_worker):
    case = CaseFactory(worker=consultation_worker)
    with pytest.raises(ValidationError):
        services.add_supporter_role(
            actor=consultation_worker, person=case.person, fields={"kind": "volunteer", "started_on": today()}
        )
    assert not SupporterRole.objects.exists()


def test_a_worker_may_not_record_a_role_for_a_person_outside_their_scope(consultation_worker, client_as):
    stranger = CaseFactory(worker=UserFactory(roles=["consultation_worker"]))
    kitchen = cafeteria(consultation_worker)
    assert (
        client_as(consultation_worker)
        .get(reverse("community:supporter_create", args=[stranger.person_id]))
        .status_code
        == 404
    )
    with pytest.raises(PermissionDenied):
        _volunteer(consultation_worker, stranger.person, kitchen)


def test_the_overview_shows_who_moved_from_being_supported_to_supporting(consultation_worker, client_as):
    kitchen = cafeteria(consultation_worker)
    once_supported = CaseFactory(
        worker=consultation_worker, person=PersonFactory(family_name="支援", given_name="太郎")
    )
    _volunteer(consultation_worker, once_supported.person, kitchen)
    page = client_as(consultation_worker).get(reverse("community:home"))
    assert "支援 太郎" in page.content.decode()


def test_the_statistician_sees_the_counts_of_supporters_small_ones_hidden_and_no_names(
    consultation_worker, statistician, client_as
):
    kitchen = cafeteria(consultation_worker)
    case = CaseFactory(
        worker=consultation_worker, person=PersonFactory(family_name="支援", given_name="太郎")
    )
    _volunteer(consultation_worker, case.person, kitchen)
    page = client_as(statistician).get(reverse("community:home")).content.decode()
    assert "支援 太郎" not in page
    assert "&lt;5" in page


def test_a_merge_moves_the_supporter_roles_to_the_record_kept(consultation_worker, supervisor):
    kitchen = cafeteria(consultation_worker)
    keep = CaseFactory(worker=consultation_worker)
    duplicate = CaseFactory(worker=consultation_worker)
    _volunteer(consultation_worker, duplicate.person, kitchen)
    merge_people(actor=supervisor, keep=keep.person, duplicate=duplicate.person)
    assert SupporterRole.objects.get().person == keep.person


def test_people_holding_a_supporter_role_today_are_offered_as_tutors_of_a_childrens_class(
    consultation_worker, client_as
):
    kitchen = cafeteria(consultation_worker)
    current = CaseFactory(
        worker=consultation_worker, person=PersonFactory(family_name="現役", given_name="支援者")
    )
    former = CaseFactory(
        worker=consultation_worker, person=PersonFactory(family_name="以前", given_name="支援者")
    )
    CaseFactory(worker=consultation_worker, person=PersonFactory(family_name="未経験", given_name="相談者"))
    _volunteer(consultation_worker, current.person, kitchen)
    ended = {"kind": SupporterKind.PEER_SUPPORTER, "started_on": today() - dt.timedelta(days=60),
             "ended_on": today() - dt.timedelta(days=5)}  # fmt: skip
    services.add_supporter_role(actor=consultation_worker, person=former.person, fields=ended)
    assert list(tutor_candidates(consultation_worker)) == [current.person]
    children_support = UserFactory(office=consultation_worker.office, roles=["consultation_worker"])
    children_support.groups.add(Group.objects.get_or_create(name=CHILDREN_SUPPORT_GROUP)[0])
    program = ProgramFactory(name="まじくる", stage="", category="children")
    majikuru = ProgramHostFactory(program=program)
    page = (
        client_as(children_support).get(reverse("children:class_detail", args=[majikuru.pk])).content.decode()
    )
    assert "現役 支援者" in page
    assert "以前 支援者" not in page and "未経験 相談者" not in page


# ---------------------------------------------------------------- editing and ending a role


def test_the_person_page_links_a_current_role_to_its_end_and_the_role_ends_today(
    consultation_worker, client_as
):
    kitchen = cafeteria(consultation_worker)
    case = CaseFactory(worker=consultation_worker)
    role = _volunteer(consultation_worker, case.person, kitchen)
    client = client_as(consultation_worker)
    page = client.get(reverse("people:detail", args=[case.person_id])).content.decode()
    end = reverse("community:supporter_end", args=[role.pk])
    assert end in page
    response = client.post(end, {"ended_on": today().isoformat(), "edit_version": role.edit_version})
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.ended_on == today()
    assert end not in client.get(reverse("people:detail", args=[case.person_id])).content.decode()


def test_a_role_that_has_ended_is_no_longer_counted_among_todays_supporters(consultation_worker):
    kitchen = cafeteria(consultation_worker)
    role = _volunteer(
        consultation_worker, CaseFactory(worker=consultation_worker).person, kitchen, days_ago=30
    )
    assert selectors.supporter_counts()["supporters"] == 1
    services.end_supporter_role(
        actor=consultation_worker, role=role, edit_version=1, ended_on=today() - dt.timedelta(days=1)
    )
    assert selectors.supporter_counts() == {"supporters": 0, "once_supported": 0}


@pytest.mark.parametrize(
    ("ended_on", "message"),
    [(-11, "on or after"), (1, "on or before")],
    ids=["before the start", "after today"],
)
def test_a_role_cannot_end_before_it_began_nor_after_today(consultation_worker, client_as, ended_on, message):
    role = _volunteer(
        consultation_worker, CaseFactory(worker=consultation_worker).person, cafeteria(consultation_worker)
    )
    client = client_as(consultation_worker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(
        reverse("community:supporter_end", args=[role.pk]),
        {"ended_on": (today() + dt.timedelta(days=ended_on)).isoformat(), "edit_version": role.edit_version},
    )
    assert response.status_code == 400
    with translation.override("en"):  # the form's messages are read in the language they were given in
        assert message in " ".join(response.context["form"].errors["ended_on"])
    role.refresh_from_db()
    assert role.ended_on is None


def test_a_role_already_ended_is_not_ended_again(consultation_worker):
    role = _volunteer(
        consultation_worker, CaseFactory(worker=consultation_worker).person, cafeteria(consultation_worker)
    )
    services.end_supporter_role(actor=consultation_worker, role=role, edit_version=1, ended_on=today())
    with pytest.raises(ValidationError):
        services.end_supporter_role(
            actor=consultation_worker, role=role, edit_version=2, ended_on=today() - dt.timedelta(days=1)
        )
    role.refresh_from_db()
    assert role.ended_on == today()


def test_a_worker_corrects_a_role_into_a_peer_supporters_from_the_version_they_opened(
    consultation_worker, client_as
):
    role = _volunteer(
        consultation_worker, CaseFactory(worker=consultation_worker).person, cafeteria(consultation_worker)
    )
    client = client_as(consultation_worker)
    edit = reverse("community:supporter_edit", args=[role.pk])
    form = {
        "kind": "peer",
        "started_on": role.started_on.isoformat(),
        "note": "ピアサポーター",
        "edit_version": 1,
    }
    assert client.post(edit, form).status_code == 302
    assert client.post(edit, {**form, "note": "古い版から"}).status_code == 400  # opened at version 1 too
    role.refresh_from_db()
    assert (role.kind, role.note, role.edit_version) == (SupporterKind.PEER_SUPPORTER, "ピアサポーター", 2)


def test_a_role_of_a_person_outside_the_workers_scope_is_not_found(consultation_worker, client_as):
    stranger_worker = UserFactory(roles=["consultation_worker"])
    role = _volunteer(stranger_worker, CaseFactory(worker=stranger_worker).person, cafeteria(stranger_worker))
    client = client_as(consultation_worker)
    assert client.get(reverse("community:supporter_edit", args=[role.pk])).status_code == 404
    assert (
        client.post(
            reverse("community:supporter_end", args=[role.pk]),
            {"ended_on": today().isoformat(), "edit_version": 1},
        ).status_code
        == 404
    )
    with pytest.raises(PermissionDenied):
        services.end_supporter_role(actor=consultation_worker, role=role, edit_version=1, ended_on=today())
    role.refresh_from_db()
    assert role.ended_on is None
