import datetime as dt
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tsunagu.cases.retention import anonymise_due


class Command(BaseCommand):
    help = (
        "Anonymise the people whose every case ended longer ago than the retention period "
        "(TSUNAGU_RETENTION_YEARS, TSUNAGU_RETENTION_DV_YEARS; see docs/retention.md). --dry-run (the default) "
        "says what would be blanked and changes nothing; --apply blanks it."
    )

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--dry-run", action="store_true", help="count only, change nothing (the default)")
        mode.add_argument("--apply", action="store_true", help="blank the records due")
        parser.add_argument("--today", help="the day to reckon from, YYYY-MM-DD (default: today)")

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as error:
                raise CommandError(
                    f"--today takes a date as YYYY-MM-DD, not {options['today']!r}."
                ) from error
        report = anonymise_due(actor=None, today=today, dry_run=not options["apply"])
        verb = "Would anonymise" if report.dry_run else "Anonymised"
        self.stdout.write(
            f"{verb} {report.people} people ({len(report.case_ids)} cases) due on {today.isoformat()}; "
            f"{report.held} more wait for an open placement, referral or role."
        )
        for label, rows in sorted(report.counts.items()):
            if rows:
                self.stdout.write(f"  {label}: {rows} rows")
        if report.case_ids:
            self.stdout.write("Cases: " + ", ".join(str(pk) for pk in report.case_ids))
        if report.dry_run and report.people:
            self.stdout.write("Nothing was changed. Run again with --apply to anonymise them.")
        sys.stdout.flush()
