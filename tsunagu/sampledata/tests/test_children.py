"""The demo's まじくる: fifteen children of the demo's households over a year, enrolled as placements,
the class's sessions each with a roll-call, tutors, notes and contacts with the guardians."""

import datetime as dt

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from tsunagu.accounts.models import User
from tsunagu.children.models import Child, ChildNote, GuardianContact, NoteKind, Tutor
from tsunagu.children.scope import is_children_support
from tsunagu.children.tutors import tutor_candidates
from tsunagu.programs.models import Attendance, Placement, Session
from tsunagu.sampledata.accounts import load_users
from tsunagu.sampledata.cases import load_caseload
from tsunagu.sampledata.catalog import load_catalog
from tsunagu.sampledata.children import CLASS_PROGRAM, load_children
from tsunagu.sampledata.meetings import load_meetings
from tsunagu.sampledata.organisations import load_organisations

pytestmark = pytest.mark.django_db
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """A small demo with its まじくる class, loaded once in a transaction rolled back after the module."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER), transaction.atomic():
        load_organisations()
        load_users()
        load_catalog()
        load_caseload(people=80)
        load_meetings()
        counts = load_children()
        yield counts
        transaction.set_rollback(True)


def test_the_demo_has_fifteen_children_linked_to_guardians_of_its_households_and_enrolled(demo):
    children = list(Child.objects.select_related("household_member__person"))
    assert demo["children"] == 15 and len(children) == 15
    assert all(c.guardian.cases.exists() for c in children)
    placements = Placement.objects.filter(
        host__program__name=CLASS_PROGRAM, person__child_record__isnull=False
    )
    assert placements.count() == 15
    assert placements.filter(status="active").count() == 14
    assert placements.filter(status="interrupted").count() == 1
    started = min(p.started_on for p in placements)
    assert started <= timezone.localdate() - dt.timedelta(days=300)


def test_every_session_of_the_year_so_far_has_its_roll_call(demo):
    held = Session.objects.filter(host__program__name=CLASS_PROGRAM, date__lte=timezone.localdate())
    assert held.count() >= 100  # three evenings a week for a year, holidays and 年末年始 skipped
    assert not held.filter(attendances__isnull=True).exists()
    attended = Attendance.objects.filter(session__in=held)
    assert attended.filter(status="present").count() > attended.filter(status="absent").count() > 0


def test_the_class_has_tutors_notes_and_contacts_and_a_childrens_support_worker(demo):
    assert Tutor.objects.filter(kind="staff").count() == 1
    assert Tutor.objects.filter(kind="volunteer").count() >= 3
    mentor = Tutor.objects.get(person__isnull=False).person  # a supporter of the community work tutors
    assert mentor.supporter_roles.filter(kind="mentor", host__program__name=CLASS_PROGRAM).exists()
    assert mentor in tutor_candidates(User.objects.get(username="soudan"))
    assert ChildNote.objects.filter(kind=NoteKind.LEARNING).exists()
    assert ChildNote.objects.filter(kind=NoteKind.DAILY_LIFE).exists()
    assert GuardianContact.objects.count() == 5
    assert is_children_support(User.objects.get(username="soudan"))
