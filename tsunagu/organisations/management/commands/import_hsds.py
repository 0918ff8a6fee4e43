"""tsunagu import_hsds FILE --user NAME: an HSDS file (JSON, or the zip of the tabular CSV package) into
the directory, as that administrator; every problem printed and nothing saved if there is any."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from tsunagu.organisations.hsds.files import read_document
from tsunagu.organisations.services import import_directory


class Command(BaseCommand):
    help = "Import an Open Referral HSDS 3.0 file (JSON or the tabular CSV package zip) into the directory."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="the administrator the import is recorded for")

    def handle(self, *args, file: Path, user: str, **options) -> None:
        actor = get_user_model().objects.filter(username=user, is_active=True).first()
        if actor is None:
            raise CommandError(f"No active user {user!r}.")
        try:
            counts = import_directory(actor=actor, document=read_document(file.read_bytes()))
        except PermissionDenied as error:
            raise CommandError(f"{user} may not manage the directory.") from error
        except ValidationError as error:
            for message in error.messages:
                self.stderr.write(message)
            raise CommandError(f"{len(error.messages)} problem(s): nothing was imported.") from error
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in sorted(counts.items())))
