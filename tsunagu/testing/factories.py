"""Factories for test data: Japanese names and readings from Faker ja_JP."""

import datetime as dt

import factory
from django.conf import settings
from django.utils import timezone
from faker import Faker

from tsunagu.accounts.models import User
from tsunagu.organisations.models import Area, Contact, Office, Organisation, OrganisationType

fake = Faker("ja_JP")
Faker.seed(20261128)


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"地区{n}")
    municipality = "釧路市"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"{fake.company()}{n}")
    type = OrganisationType.NPO
    address = "北海道釧路市"


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"事務所{n}")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.LazyFunction(fake.name)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.LazyFunction(fake.name)
    office = factory.SubFactory(OfficeFactory)
    organisation = factory.SelfAttribute("office.organisation")
    password = factory.PostGenerationMethodCall("set_password", settings.TSUNAGU_DEMO_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        from tsunagu.accounts.services import _set_roles

        self.save()
        if extracted:
            _set_roles(self, extracted)


class PersonFactory(factory.django.DjangoModelFactory):
    """A person whose name and reading match (Faker's name pairs)."""

    class Meta:
        model = "people.Person"

    class Params:
        family = factory.LazyFunction(fake.last_name_pair)
        given = factory.LazyFunction(fake.first_name_pair)

    family_name = factory.LazyAttribute(lambda o: o.family[0])
    given_name = factory.LazyAttribute(lambda o: o.given[0])
    family_name_kana = factory.LazyAttribute(lambda o: o.family[1])
    given_name_kana = factory.LazyAttribute(lambda o: o.given[1])
    date_of_birth = factory.LazyFunction(lambda: fake.date_of_birth(minimum_age=18, maximum_age=80))
    sex = "not_answered"
    address = "北海道釧路市"
    phone = factory.Sequence(lambda n: f"0154-{n // 10000 % 100:02d}-{n % 10000:04d}")


class CaseFactory(factory.django.DjangoModelFactory):
    """An open case at intake, in the worker's office (pass worker=…)."""

    class Meta:
        model = "cases.Case"

    person = factory.SubFactory(PersonFactory)
    worker = factory.SubFactory(UserFactory, roles=["consultation_worker"])
    office = factory.SelfAttribute("worker.office")
    received_by = factory.SelfAttribute("worker")
    intake_date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=60))
    route = "self"
    reference = factory.Sequence(lambda n: f"2026-{n:06d}")


class ProgramFactory(factory.django.DjangoModelFactory):
    """A program on the social-life stage, Tuesdays and Thursdays 9:30–12:00, offered since April 2015."""

    class Meta:
        model = "programs.Program"

    name = factory.Sequence(lambda n: f"ボランティア体験プログラム{n}")
    stage = "social_life"
    category = "work_experience"
    active_from = dt.date(2015, 4, 1)
    weekdays = factory.LazyFunction(lambda: [1, 3])
    start_time = dt.time(9, 30)
    end_time = dt.time(12, 0)


class ProgramHostFactory(factory.django.DjangoModelFactory):
    """A program at a host organisation, with no limit on the places (pass capacity=…)."""

    class Meta:
        model = "programs.ProgramHost"

    program = factory.SubFactory(ProgramFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    capacity = None


class PlacementFactory(factory.django.DjangoModelFactory):
    """A person taking part (参加) at a host for the last 60 days. Pass case=… to place the person of
    that case; for another status, pass its step date too (and started_on=None if it has none)."""

    class Meta:
        model = "programs.Placement"

    case = None
    person = factory.Maybe(
        "case",
        yes_declaration=factory.SelfAttribute("case.person"),
        no_declaration=factory.SubFactory(PersonFactory),
    )
    host = factory.SubFactory(ProgramHostFactory)
    worker = factory.SubFactory(UserFactory, roles=["consultation_worker"])
    status = "active"
    started_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=60))


class SessionFactory(factory.django.DjangoModelFactory):
    """A session of a host today, at the hours of its program."""

    class Meta:
        model = "programs.Session"

    host = factory.SubFactory(ProgramHostFactory)
    date = factory.LazyFunction(timezone.localdate)
    start_time = factory.SelfAttribute("host.program.start_time")
    end_time = factory.SelfAttribute("host.program.end_time")


class AttendanceFactory(factory.django.DjangoModelFactory):
    """A person present at a session of their placement's host, three hours."""

    class Meta:
        model = "programs.Attendance"

    placement = factory.SubFactory(PlacementFactory)
    session = factory.SubFactory(SessionFactory, host=factory.SelfAttribute("..placement.host"))
    status = "present"
    hours = 3
    recorded_by = factory.SelfAttribute("placement.worker")


class WorkTypeFactory(factory.django.DjangoModelFactory):
    """Net mending (整網) paid by the piece as training (非雇用型), with two levels: 1 見習い at 100 円 and
    2 一人前 at 150 円 a 枚 from 1 April 2024 (pass levels=False for none)."""

    class Meta:
        model = "work.WorkType"
        skip_postgeneration_save = True

    host = factory.SubFactory(ProgramHostFactory)
    name = factory.Sequence(lambda n: f"漁網の整網作業{n}")
    unit = "枚"
    work_form = "training"
    pay_basis = "per_unit"
    max_units_per_hour = 20

    @factory.post_generation
    def levels(self, create, extracted, **kwargs) -> None:
        if not create or extracted is False:
            return
        author = UserFactory(roles=["supervisor"])
        for rank, name, amount in ((1, "見習い", 100), (2, "一人前", 150)):
            level = SkillLevelFactory(work_type=self, rank=rank, name=name)
            PayRateFactory(level=level, amount=amount, created_by=author)


class SkillLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "work.SkillLevel"

    work_type = factory.SubFactory(WorkTypeFactory, levels=False)
    rank = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"レベル{n + 1}")


class PayRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "work.PayRate"

    level = factory.SubFactory(SkillLevelFactory)
    amount = 100
    effective_from = dt.date(2024, 4, 1)
    created_by = factory.SubFactory(UserFactory, roles=["supervisor"])


class WorkLogFactory(factory.django.DjangoModelFactory):
    """A day's work at a work type, on an attendance at its host: 10 units in 120 minutes."""

    class Meta:
        model = "work.WorkLog"

    work_type = factory.SubFactory(WorkTypeFactory)
    attendance = factory.SubFactory(
        AttendanceFactory,
        placement__host=factory.SelfAttribute("...work_type.host"),
    )
    placement = factory.SelfAttribute("attendance.placement")
    person = factory.SelfAttribute("attendance.placement.person")
    date = factory.SelfAttribute("attendance.session.date")
    quantity = 10
    minutes = 120
    recorded_by = factory.SelfAttribute("attendance.recorded_by")


class CustomerOrderFactory(factory.django.DjangoModelFactory):
    """An order of 100 units from a customer named by hand, placed on 1 May 2025."""

    class Meta:
        model = "work.CustomerOrder"

    work_type = factory.SubFactory(WorkTypeFactory)
    customer_name = "釧路漁網株式会社"
    reference = factory.Sequence(lambda n: f"N-{n}")
    ordered_on = dt.date(2025, 5, 1)
    quantity = 100


class MeetingFactory(factory.django.DjangoModelFactory):
    """A case conference of the organiser's office held a week ago (pass kind=…, organiser=…). Attendance
    goes through the services or AttendeeFactory."""

    class Meta:
        model = "network.Meeting"

    organiser = factory.SubFactory(UserFactory, roles=["supervisor"])
    office = factory.SelfAttribute("organiser.office")
    kind = "case_conference"
    held_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=7))
    place = "本所 会議室"


class AttendeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "network.Attendee"

    meeting = factory.SubFactory(MeetingFactory)
    user = None
    contact = None


# ---- the directory's services, locations and hours (issue 13)


class ServiceTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "organisations.ServiceType"
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"type{n}")
    name = factory.Sequence(lambda n: f"種別{n}")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "organisations.Location"

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"窓口{n}")
    city = "釧路市"


class DirectoryServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "organisations.Service"

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"相談{n}")
    service_type = factory.SubFactory(ServiceTypeFactory)


class OpeningTimeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "organisations.OpeningTime"

    service = factory.SubFactory(DirectoryServiceFactory)
    weekday = 0
    opens = dt.time(9, 0)
    closes = dt.time(17, 0)


def log_work(*, placement, work_type, day: dt.date, quantity=10, minutes: int = 120):
    """A day's work log of a placed person, with the host's session that day (made once) and their
    attendance at it: what the day sheet would save."""
    from tsunagu.programs.models import Session

    session = Session.objects.filter(host=placement.host, date=day).first()
    session = session or SessionFactory(host=placement.host, date=day)
    attendance = AttendanceFactory(placement=placement, session=session)
    return WorkLogFactory(work_type=work_type, attendance=attendance, quantity=quantity, minutes=minutes)


class JobOpeningFactory(factory.django.DjangoModelFactory):
    """An opening of a company, received a month ago and valid for two more (pass created_by=…)."""

    class Meta:
        model = "jobs.JobOpening"

    employer = factory.SubFactory(OrganisationFactory, type=OrganisationType.COMPANY)
    occupation = "清掃"
    place = "釧路市内"
    term = "regular"
    wage_kind = "hourly"
    wage = 1100
    hours_per_week = 30
    received_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))


class JobSeekerFactory(factory.django.DjangoModelFactory):
    """The case's person registered as a job seeker a week ago (pass case=… and created_by=…)."""

    class Meta:
        model = "jobs.JobSeeker"

    occupations = "清掃、軽作業"
    term = "regular"
    max_hours_per_week = 35
    received_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=7))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=90))


# The rows the migrations seed (reference data, not test data): a transactional test's flush empties
# them with every other table, and conftest.py puts them back after one.
SEEDING_MIGRATIONS = (
    ("tsunagu.work.migrations.0002_hokkaido_minimum_wage", "add_wages"),
    ("tsunagu.children.migrations.0003_entrance_support", "seed_reference_figures"),
    ("tsunagu.community.migrations.0002_themes_and_kinds", "seed_lists"),
    ("tsunagu.audit.migrations.0002_audit_chain", "start_chain_head"),
    ("tsunagu.statistics.migrations.0002_reference_figures", "seed_reference_figures"),
)


def seed_reference_rows() -> None:
    import importlib

    from django.apps import apps

    for module, function in SEEDING_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)
