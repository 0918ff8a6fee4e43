import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from tsunagu.core import backups
from tsunagu.core.backupfile import BackupFileError, new_key_file
from tsunagu.core.management.commands._backupkey import add_key_arguments, key_from_options


class Command(BaseCommand):
    help = (
        "Write an encrypted backup of the whole database (safe while the server runs) into the backup "
        "directory and keep the newest --keep of them. See docs/backups.md."
    )

    def add_arguments(self, parser):
        add_key_arguments(parser)
        parser.add_argument(
            "--directory", type=Path, help="where backups go (default: $TSUNAGU_BACKUP_DIR or var/backups)"
        )
        parser.add_argument("--keep", type=int, default=14, help="how many backups to keep (default 14)")
        parser.add_argument(
            "--new-key-file", metavar="PATH", help="only write a new random key file and stop"
        )

    def handle(self, *args, **options):
        try:
            if options["new_key_file"]:
                new_key_file(options["new_key_file"])
                self.stdout.write(
                    f"A new key is in {options['new_key_file']} (readable by you only). Keep a copy away "
                    "from this machine: without it no backup made with it can be restored."
                )
                return
            result = backups.backup(
                key_from_options(options), directory=options["directory"], keep=options["keep"]
            )
        except FileExistsError:
            self.stderr.write(f"{options['new_key_file']} already exists; a key file is never overwritten.")
            sys.exit(1)
        except BackupFileError as error:
            self.stderr.write(str(error))
            sys.exit(1)
        except OSError as error:
            self.stderr.write(
                f"The backup could not be written ({error.strerror}: {error.filename}); nothing was kept."
            )
            sys.exit(1)
        rows = sum(result.manifest["rows"].values())
        self.stdout.write(
            f"Backup written: {result.path} ({result.path.stat().st_size:,} bytes, "
            f"{len(result.manifest['rows'])} tables, {rows:,} rows)."
        )
        for path in result.pruned:
            self.stdout.write(f"Removed an old backup: {path.name}")
