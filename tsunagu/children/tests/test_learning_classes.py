"""まじくる: a child enrolled in a learning support class as a placement (one system with the stages and the
overview), the roll-call that partners see only names on, notes and contacts seen only by those who see
the child, and the class's tutors."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from tsunagu.audit.models import AuditEvent
from tsunagu.children import services, services_classes, tutors
from tsunagu.children.models import ChildNote, GuardianContact, Tutor
from tsunagu.children.tests.conftest import add_child
from tsunagu.organisations.models import Contact
from tsunagu.people.models import HouseholdMember, Person
from tsunagu.people.services import merge_people
from tsunagu.programs import services as programs_services
from tsunagu.programs.models import EVALUATION_ITEMS, Attendance, Placement, PlacementEvaluation
from tsunagu.programs.selectors import host_people
from tsunagu.testing.factories import (
    AttendanceFactory,
    CaseFactory,
    PersonFactory,
    PlacementFactory,
    ProgramFactory,
    ProgramHostFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def majikuru(partner_org):
    """The class, hosted (for the partner's roll-call) by the partner's organisation."""
    program = ProgramFactory(
        name="子ども学習支援まじくる", stage="", category="children", weekdays=[0, 2, 4],
        start_time=dt.time(16), end_time=dt.time(19),
    )  # fmt: skip
    return ProgramHostFactory(program=program, organisation=partner_org, capacity=20)


def enrol(client, child, host, status="active"):
    return client.post(
        reverse("children:child_enrol", args=[child.pk]),
        {"host": host.pk, "status": status, "on": TODAY.isoformat()},
    )


def test_a_worker_enrols_the_child_in_the_class_as_a_placement_seen_on_the_overview(
    client_as, family, consultation_worker, majikuru
):
    response = enrol(client_as(consultation_worker), family.child, majikuru)
    assert response.status_code == 302
    placement = Placement.objects.get(person=family.child.person)
    assert (placement.host, placement.status, placement.started_on) == (majikuru, "active", TODAY)
    assert list(host_people(consultation_worker, majikuru)) == [placement]
    page = client_as(consultation_worker).get(reverse("children:child_detail", args=[family.child.pk]))
    assert "子ども学習支援まじくる" in page.content.decode()


def test_enrolment_is_only_in_a_childrens_program(family, consultation_worker):
    adults = ProgramHostFactory()
    with pytest.raises(ValidationError) as refused:
        services_classes.enrol_child(
            actor=consultation_worker, child=family.child, host=adults, status="active", on=TODAY
        )
    assert "host" in refused.value.message_dict
    assert not Placement.objects.exists()


def test_the_supervisor_may_neither_enrol_nor_write_on_the_child(client_as, family, supervisor, majikuru):
    client = client_as(supervisor)
    assert enrol(client, family.child, majikuru).status_code == 404
    note = {"date": TODAY.isoformat(), "kind": "learning", "text": "x"}
    assert client.post(reverse("children:note_add", args=[family.child.pk]), note).status_code == 404
    with pytest.raises(PermissionDenied):
        services_classes.add_note(
            actor=supervisor, child=family.child, fields={"date": TODAY, "kind": "learning", "text": "x"}
        )
    assert not Placement.objects.exists() and not ChildNote.objects.exists()


def test_notes_and_contacts_with_the_guardian_show_on_the_childs_page_to_those_who_see_the_child(
    client_as, family, consultation_worker, children_support, employment_worker
):
    client = client_as(consultation_worker)
    note = {"date": TODAY.isoformat(), "kind": "daily_life", "text": "夕食を食べずに来る"}
    assert client.post(reverse("children:note_add", args=[family.child.pk]), note).status_code == 302
    contact = {"date": TODAY.isoformat(), "method": "phone", "note": "母に電話で様子を伝えた"}
    response = client.post(reverse("children:guardian_contact_add", args=[family.child.pk]), contact)
    assert response.status_code == 302
    assert ChildNote.objects.get().written_by == consultation_worker
    assert GuardianContact.objects.get().method == "phone"
    for user in (children_support, employment_worker):
        page = client_as(user).get(reverse("children:child_detail", args=[family.child.pk])).content.decode()
        assert "夕食を食べずに来る" in page and "母に電話で様子を伝えた" in page
    events = AuditEvent.objects.filter(object_type__in=["children.childnote", "children.guardiancontact"])
    assert events.count() == 2 and all("夕食" not in str(e.detail) for e in events)


def test_a_note_dated_in_the_future_or_empty_is_refused(client_as, family, consultation_worker):
    client = client_as(consultation_worker)
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    url = reverse("children:note_add", args=[family.child.pk])
    assert client.post(url, {"date": tomorrow, "kind": "learning", "text": "x"}).status_code == 400
    assert client.post(url, {"date": TODAY.isoformat(), "kind": "learning", "text": "  "}).status_code == 400
    assert not ChildNote.objects.exists()


def test_childrens_support_staff_add_tutors_staff_and_volunteers_and_others_may_not(
    client_as, children_support, consultation_worker, majikuru, partner_org
):
    contact = Contact.objects.create(organisation=partner_org, name="社協 太一")
    url = reverse("children:tutor_add", args=[majikuru.pk])
    client = client_as(children_support)
    assert client.post(url, {"kind": "staff", "user": children_support.pk}).status_code == 302
    assert client.post(url, {"kind": "volunteer", "contact": contact.pk}).status_code == 302
    assert client.post(url, {"kind": "volunteer", "name": "学生 さくら"}).status_code == 302
    both = client.post(url, {"kind": "volunteer", "contact": contact.pk, "name": "x"})
    assert both.status_code == 400
    assert client_as(consultation_worker).post(url, {"kind": "volunteer", "name": "y"}).status_code == 403
    assert sorted(t.display_name for t in Tutor.objects.all()) == sorted(
        [children_support.get_full_name() or children_support.username, "社協 太一", "学生 さくら"]
    )
    page = client.get(reverse("children:class_detail", args=[majikuru.pk])).content.decode()
    assert "学生 さくら" in page and "社協 太一" in page


def test_the_class_page_lists_only_the_children_the_user_may_see_in_fixed_queries(
    client_as, family, consultation_worker, supervisor, children_support, majikuru
):
    services_classes.enrol_child(
        actor=consultation_worker, child=family.child, host=majikuru, status="active", on=TODAY
    )
    url = reverse("children:class_detail", args=[majikuru.pk])
    assert "秘密児" in client_as(consultation_worker).get(url).content.decode()
    assert "秘密児" not in client_as(supervisor).get(url).content.decode()
    client = client_as(children_support)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(4):
        child = add_child(consultation_worker, family.guardian, given_name=f"児{n}")
        services_classes.enrol_child(
            actor=consultation_worker, child=child, host=majikuru, status="active", on=TODAY
        )
        SessionFactory(host=majikuru, date=TODAY - dt.timedelta(days=n + 1))
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert page.count("児") >= 5
    assert len(many) == len(few)


def test_the_roll_call_is_programs_own_and_the_partner_sees_the_childs_name_and_nothing_else(
    client_as, family, consultation_worker, partner_staff, majikuru
):
    family.child.school = "釧路市立秘密中学校"
    family.child.save()
    placement = services_classes.enrol_child(
        actor=consultation_worker, child=family.child, host=majikuru, status="active", on=TODAY
    )
    services_classes.add_note(actor=consultation_worker, child=family.child,
                              fields={"date": TODAY, "kind": "learning", "text": "分数でつまずく"})  # fmt: skip
    session = SessionFactory(host=majikuru, date=TODAY)
    data = {"placement": [placement.pk], f"p{placement.pk}-status": "present", f"p{placement.pk}-hours": "3",
            f"p{placement.pk}-absence_reason": ""}  # fmt: skip
    url = reverse("programs:roll_call", args=[session.pk])
    assert client_as(consultation_worker).post(url, data).status_code == 302
    assert Attendance.objects.get().status == "present"
    page = client_as(partner_staff).get(url).content.decode()
    assert "秘密児" in page
    for secret in ("釧路市立秘密中学校", "分数でつまずく", "釧路 母子", "public_assistance", "生活保護"):
        assert secret not in page
    assert (
        client_as(partner_staff).get(reverse("children:class_detail", args=[majikuru.pk])).status_code == 403
    )


def test_a_child_already_written_as_a_household_row_is_linked_from_that_row(family, consultation_worker):
    row = HouseholdMember.objects.create(person=family.guardian, name="釧路 次郎", relation="次男", age=10)
    child = services.link_household_child(
        actor=consultation_worker, member=row,
        person_fields={"family_name": "釧路", "given_name": "次郎", "family_name_kana": "くしろ",
                       "given_name_kana": "じろう", "date_of_birth": dt.date(2016, 5, 5), "sex": "male"},
        fields={"school": "", "recorded_grade": None, "household_situation": "hardship"},
    )  # fmt: skip
    row.refresh_from_db()
    assert row.member_person == child.person and child.household_member == row
    assert HouseholdMember.objects.filter(person=family.guardian).count() == 2
    with pytest.raises(ValidationError):
        services.link_household_child(
            actor=consultation_worker, member=row,
            person_fields={"family_name": "釧路", "given_name": "次郎", "family_name_kana": "くしろ",
                           "given_name_kana": "じろう", "date_of_birth": None, "sex": "male"},
            fields={"school": "", "recorded_grade": 4, "household_situation": "hardship"},
        )  # fmt: skip


def _child_with_a_roll_call(family, consultation_worker, majikuru):
    """The child enrolled a week ago, present at yesterday's session, with an emergency contact on record."""
    person = family.child.person
    person.emergency_contact = "母 090-1111-2222"
    person.save()
    placement = services_classes.enrol_child(
        actor=consultation_worker, child=family.child, host=majikuru, status="active",
        on=TODAY - dt.timedelta(days=7),
    )  # fmt: skip
    AttendanceFactory(
        placement=placement, session=SessionFactory(host=majikuru, date=TODAY - dt.timedelta(days=1))
    )
    return placement


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_partner_portal_shows_a_child_by_name_and_schedule_only_and_an_adult_in_full(
    client_as, family, consultation_worker, partner_staff, partner_org, majikuru
):
    child_placement = _child_with_a_roll_call(family, consultation_worker, majikuru)
    adult = PlacementFactory(
        host=ProgramHostFactory(organisation=partner_org),
        person=PersonFactory(family_name="大人", given_name="参加者", emergency_contact="姉 090-3333-4444"),
    )
    AttendanceFactory(
        placement=adult, session=SessionFactory(host=adult.host, date=TODAY - dt.timedelta(days=1))
    )
    page = in_english(client_as(partner_staff)).get(reverse("programs:partner_home")).content.decode()
    cards = {card.split("</h3>")[0]: card for card in page.split('data-testid="placed-person"')[1:]}
    child_card = next(card for name, card in cards.items() if "秘密児" in name)
    adult_card = next(card for name, card in cards.items() if "参加者" in name)
    assert "子ども学習支援まじくる" in child_card and "16:00" in child_card  # the program and its schedule
    for hidden in ("090-1111-2222", "Emergency contact", "Attendance", "100%",
                   reverse("programs:partner_evaluate", args=[child_placement.pk])):  # fmt: skip
        assert hidden not in child_card
    for shown in ("090-3333-4444", "Emergency contact", "Attendance", "100%",
                  reverse("programs:partner_evaluate", args=[adult.pk])):  # fmt: skip
        assert shown in adult_card


def test_the_partner_may_not_evaluate_a_childs_placement_and_is_told_why(
    client_as, family, consultation_worker, partner_staff, majikuru
):
    placement = _child_with_a_roll_call(family, consultation_worker, majikuru)
    url = reverse("programs:partner_evaluate", args=[placement.pk])
    scores = {code: "3" for code, _label in EVALUATION_ITEMS}
    client = in_english(client_as(partner_staff))
    page = client.get(url).content.decode()
    assert "partners see this person&#x27;s name and schedule only" in page and "<form method" not in page
    response = client.post(url, {**scores, "evaluated_on": TODAY.isoformat(), "comment": "よく頑張った"})
    assert response.status_code == 400
    assert "partners see this person&#x27;s name and schedule only" in response.content.decode()
    with translation.override("en"):  # the message is read in the language it is compared in
        with pytest.raises(ValidationError) as refused:
            programs_services.evaluate_placement(
                actor=partner_staff, placement=placement, evaluated_on=TODAY, scores=scores
            )
        assert "name and schedule only" in str(refused.value)
    assert not PlacementEvaluation.objects.exists()


# ---------------------------------------------------------------- tutors from the community work


@pytest.fixture
def named_by_a_source(monkeypatch):
    """The people a source registered with children/tutors.py names (as community names its supporters)."""
    named = []
    monkeypatch.setattr(tutors, "_sources", [])
    tutors.register_tutor_candidates(lambda user: Person.objects.filter(pk__in=[p.pk for p in named]))
    return named


def test_the_tutor_candidates_are_the_people_a_source_names_that_the_user_may_see_and_no_child(
    named_by_a_source, children_support, consultation_worker, family, other_hub_office
):
    in_scope = CaseFactory(
        worker=consultation_worker, person=PersonFactory(family_name="支援", given_name="太郎")
    )
    far = CaseFactory(office=other_hub_office, person=PersonFactory(family_name="遠方"))
    named_by_a_source.extend([in_scope.person, far.person, family.child.person])
    assert list(tutors.tutor_candidates(children_support)) == [in_scope.person]


def test_childrens_support_staff_add_a_supporter_as_a_volunteer_tutor_named_to_those_who_see_them(
    named_by_a_source, client_as, children_support, consultation_worker, majikuru, other_hub_office
):
    supporter = CaseFactory(
        worker=consultation_worker, person=PersonFactory(family_name="支援", given_name="花子")
    )
    far = CaseFactory(office=other_hub_office, person=PersonFactory(family_name="遠方", given_name="次郎"))
    named_by_a_source.append(supporter.person)
    url = reverse("children:tutor_add", args=[majikuru.pk])
    client = client_as(children_support)
    form = client.get(reverse("children:class_detail", args=[majikuru.pk])).content.decode()
    assert "支援 花子" in form and "遠方 次郎" not in form
    assert client.post(url, {"kind": "volunteer", "person": far.person.pk}).status_code == 400
    assert (
        client.post(url, {"kind": "volunteer", "person": supporter.person.pk, "name": "x"}).status_code == 400
    )
    assert client.post(url, {"kind": "volunteer", "person": supporter.person.pk}).status_code == 302
    assert Tutor.objects.get().person == supporter.person
    assert "支援 花子" in client.get(reverse("children:class_detail", args=[majikuru.pk])).content.decode()
    colleague_elsewhere = UserFactory(office=other_hub_office, roles=["consultation_worker"])
    page = client_as(colleague_elsewhere).get(reverse("children:class_detail", args=[majikuru.pk]))
    assert "支援 花子" not in page.content.decode()
    assert 'data-testid="tutors"' in page.content.decode()


def test_the_service_refuses_a_supporter_the_source_does_not_name(
    named_by_a_source, children_support, majikuru
):
    stranger = CaseFactory(worker=children_support).person
    with pytest.raises(ValidationError) as refused:
        services_classes.add_tutor(
            actor=children_support, host=majikuru, fields={"kind": "volunteer", "person": stranger}
        )
    assert "person" in refused.value.message_dict
    assert not Tutor.objects.exists()


def test_a_merge_moves_a_supporters_tutoring_to_the_record_kept(
    named_by_a_source, children_support, consultation_worker, supervisor, majikuru
):
    keep, duplicate = (CaseFactory(worker=consultation_worker).person for _ in "12")
    named_by_a_source.append(duplicate)
    services_classes.add_tutor(
        actor=children_support, host=majikuru, fields={"kind": "volunteer", "person": duplicate}
    )
    merge_people(actor=supervisor, keep=keep, duplicate=duplicate)
    assert Tutor.objects.get().person == keep
