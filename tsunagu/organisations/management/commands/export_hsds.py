"""tsunagu export_hsds FILE: the directory as Open Referral HSDS 3.0, JSON or (for a .zip) the tabular
CSV package."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from tsunagu.organisations.hsds import tabular
from tsunagu.organisations.hsds.files import to_json
from tsunagu.organisations.selectors import hsds_document


class Command(BaseCommand):
    help = "Export the directory as HSDS 3.0: FILE.json (JSON) or FILE.zip (the tabular CSV package)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        document = hsds_document()
        file.write_bytes(tabular.write_package(document) if file.suffix == ".zip" else to_json(document))
        self.stdout.write(f"{len(document)} organisations written to {file}.")
