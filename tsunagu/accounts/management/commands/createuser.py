import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tsunagu.accounts.roles import Role
from tsunagu.accounts.services import create_user
from tsunagu.organisations.models import Organisation


class Command(BaseCommand):
    help = "Create a user in an organisation's office with one or more roles."

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--display-name", required=True)
        parser.add_argument("--organisation", required=True, help="the organisation's exact name")
        parser.add_argument("--office", default="", help="the office's name (default: the first office)")
        parser.add_argument("--role", action="append", choices=Role.values, required=True, dest="roles")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-env",
            default="",
            help="read the password from this environment variable instead of asking",
        )

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(name=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No organisation is named {options['organisation']!r}.")
        offices = organisation.offices.all()
        office = offices.filter(name=options["office"]).first() if options["office"] else offices.first()
        if office is None:
            raise CommandError(f"{organisation.name} has no office named {options['office']!r}.")
        if options["password_env"]:
            password = os.environ.get(options["password_env"], "")
        else:
            password = getpass.getpass("Password (12 characters or more): ")
        try:
            user = create_user(
                username=options["username"],
                display_name=options["display_name"],
                email=options["email"],
                password=password,
                organisation=organisation,
                office=office,
                roles=options["roles"],
                actor=None,  # the command line: no one signed in (this makes the first administrator)
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Created {user.username} ({', '.join(options['roles'])}).")
