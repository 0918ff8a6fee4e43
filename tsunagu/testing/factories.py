"""Factories for test data: Japanese names and readings from Faker ja_JP."""

import factory
from django.conf import settings
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
