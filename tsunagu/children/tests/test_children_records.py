import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from tsunagu.children.models import Child, grade_from_birth, grade_label
from tsunagu.children.services import update_child
from tsunagu.children.tests.conftest import add_child
from tsunagu.people.models import HouseholdMember
from tsunagu.testing.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_the_grade_follows_the_japanese_school_year_starting_in_april():
    april_first, april_second = dt.date(2012, 4, 1), dt.date(2012, 4, 2)
    # Born 2 April 2012: 小1 from April 2019; born 1 April 2012 goes a year ahead.
    assert grade_from_birth(april_second, dt.date(2019, 4, 1)) == 1
    assert grade_from_birth(april_second, dt.date(2020, 3, 31)) == 1
    assert grade_from_birth(april_second, dt.date(2020, 4, 1)) == 2
    assert grade_from_birth(april_first, dt.date(2019, 4, 1)) == 2
    assert grade_from_birth(dt.date(2011, 9, 9), dt.date(2026, 12, 2)) == 9
    with translation.override("ja"):
        assert grade_label(9) == "中3"


def test_a_recorded_grade_advances_each_april(family, consultation_worker):
    child = update_child(
        actor=consultation_worker, child=family.child, edit_version=family.child.edit_version,
        fields={"school": "", "recorded_grade": 7, "household_situation": "hardship"},
    )  # fmt: skip
    year = child.recorded_grade_year
    assert child.grade_on(dt.date(year, 5, 1)) == 7
    assert child.grade_on(dt.date(year + 1, 3, 31)) == 7
    assert child.grade_on(dt.date(year + 1, 4, 1)) == 8


def test_a_worker_adds_a_child_to_the_household_of_their_guardian_as_a_linked_person(family):
    member = HouseholdMember.objects.get(member_person=family.child.person)
    assert member.person == family.guardian
    assert member.is_also_supported
    assert family.child.guardian == family.guardian
    assert family.child.person.cases.count() == 0


def test_only_the_guardians_workers_and_childrens_support_may_add_a_child(
    family, supervisor, children_support
):
    with pytest.raises(PermissionDenied):
        add_child(supervisor, family.guardian, given_name="別児")
    other = PersonFactory()
    CaseFactory(person=other, worker=supervisor)
    assert add_child(children_support, other, given_name="支援児").guardian == other


def test_a_child_needs_a_grade_or_a_date_of_birth(family, consultation_worker):
    with pytest.raises(ValidationError) as refused:
        add_child(consultation_worker, family.guardian, born=None)
    assert "recorded_grade" in refused.value.message_dict


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("consultation_worker", 200),
        ("employment_worker", 200),
        ("children_support", 200),
        ("supervisor", 404),
    ],
)
def test_the_childs_page_opens_only_to_childrens_support_and_the_guardians_workers(
    request, client_as, family, role, status
):
    response = client_as(request.getfixturevalue(role)).get(
        reverse("children:child_detail", args=[family.child.pk])
    )
    assert response.status_code == status
    if status == 200:
        assert "秘密児" in response.content.decode()


@pytest.mark.parametrize("role", ["partner_staff", "statistician", "administrator", "city_caseworker"])
def test_other_roles_may_not_open_the_childrens_pages(request, client_as, family, role):
    client = client_as(request.getfixturevalue(role))
    assert client.get(reverse("children:child_list")).status_code == 403
    assert client.get(reverse("children:child_detail", args=[family.child.pk])).status_code == 403


def test_the_supervisor_sees_neither_the_child_in_the_list_nor_the_childs_name_on_the_household(
    client_as, family, supervisor
):
    client = client_as(supervisor)
    assert "秘密児" not in client.get(reverse("children:child_list")).content.decode()
    page = client.get(reverse("people:detail", args=[family.guardian.pk])).content.decode()
    assert "釧路 母子" in page and "秘密児" not in page
    assert "子ども（記録は非公開）" in page


def test_a_child_with_a_case_of_their_own_stays_out_of_the_case_list_and_person_scope(
    client_as, family, supervisor, consultation_worker
):
    from tsunagu.cases.selectors import visible_cases, visible_people

    CaseFactory(person=family.child.person, worker=supervisor)
    assert not visible_people(supervisor).filter(pk=family.child.person_id).exists()
    assert not visible_cases(supervisor).filter(person=family.child.person).exists()
    assert visible_people(consultation_worker).filter(pk=family.child.person_id).exists()
    listing = client_as(supervisor).get(reverse("cases:list"), {"q": "釧路"}).content.decode()
    assert "秘密児" not in listing and "釧路 母子" in listing


def test_the_roll_call_and_the_overview_show_the_child_only_to_those_who_may_see_them(
    client_as, family, supervisor, consultation_worker
):
    from tsunagu.programs.selectors import host_people, roll_call, visible_placements
    from tsunagu.testing.factories import PlacementFactory, ProgramHostFactory, SessionFactory

    host = ProgramHostFactory()
    placement = PlacementFactory(person=family.child.person, host=host, worker=consultation_worker)
    session = SessionFactory(host=host, date=placement.started_on or timezone.localdate())
    for user, sees in ((consultation_worker, True), (supervisor, False)):
        assert (placement in roll_call(user, session)) is sees
        assert visible_placements(user).filter(pk=placement.pk).exists() is sees
        assert host_people(user, host).filter(pk=placement.pk).exists() is sees


def test_the_child_list_takes_a_fixed_number_of_queries(
    client_as, family, children_support, consultation_worker
):
    client = client_as(children_support)
    client.get(reverse("children:child_list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("children:child_list"))
    for n in range(4):
        add_child(consultation_worker, family.guardian, given_name=f"児{n}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("children:child_list"))
    assert response.content.decode().count("children/") >= 5
    assert len(many) == len(few)


def test_a_merge_moves_the_child_record_to_the_record_kept(family, supervisor):
    from tsunagu.people.services import merge_people

    duplicate = family.child.person
    keep = PersonFactory(family_name="釧路", given_name="秘密児")
    CaseFactory(person=keep, worker=supervisor)
    CaseFactory(person=duplicate, worker=supervisor)
    from django.contrib.auth.models import Group

    supervisor.groups.add(Group.objects.get_or_create(name="children_support")[0])
    merge_people(keep=keep, duplicate=duplicate, actor=supervisor)
    assert Child.objects.get(pk=family.child.pk).person == keep
    assert HouseholdMember.objects.get(pk=family.child.household_member_id).member_person == keep
