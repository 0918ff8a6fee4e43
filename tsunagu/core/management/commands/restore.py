import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from tsunagu.core import backups
from tsunagu.core.backupfile import BackupFileError
from tsunagu.core.management.commands._backupkey import add_key_arguments, key_from_options


class Command(BaseCommand):
    help = (
        "Restore an encrypted backup into an empty database, migrate it, and print the rows per table. "
        "See docs/backups.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the backup file (.tsunagu-backup)")
        add_key_arguments(parser)

    def handle(self, *args, **options):
        try:
            result = backups.restore(options["file"], key_from_options(options))
        except BackupFileError as error:
            self.stderr.write(str(error))
            sys.exit(1)
        manifest = result.manifest
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']} (Tsunagu {manifest['app_version']}, "
            f"{manifest['vendor']}), migrated. Rows per table:"
        )
        width = max((len(table) for table in result.counts), default=0)
        for table, count in result.counts.items():
            self.stdout.write(f"  {table:<{width}}  {count:>10,}")
        if not result.same_secret_key:
            self.stdout.write(
                "Note: this machine's SECRET_KEY is not the one the backup was made under: everyone signs in "
                "again, and signed links made before stop working (set the old key to avoid it)."
            )
