"""tsunagu bench-data --size S|M|L: synthetic people, cases, notes, placements and attendance for the benchmark."""

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import translation

from tsunagu.people.models import Person
from tsunagu.sampledata.bench import DEFAULT_OFFICES, DEFAULT_SEED, SIZES, generate


class Command(BaseCommand):
    help = (
        "Fill an empty database with synthetic bench data: S = 10,000 people, M = 100,000, L = 1,000,000, "
        "each with cases, notes, assessments, plans, placements and attendance (the demo logins work)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", required=True, choices=sorted(SIZES), help="S, M or L")
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
        )
        parser.add_argument("--people", type=int, help="number of people, instead of the size's")
        parser.add_argument(
            "--offices",
            type=int,
            default=DEFAULT_OFFICES,
            help=f"hub offices to spread people over, most at 本所 (default {DEFAULT_OFFICES})",
        )
        parser.add_argument(
            "--as-of", type=dt.date.fromisoformat, help="the day the data ends (default today)"
        )
        parser.add_argument(
            "--force", action="store_true", help="add to a database that already holds people"
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing, successfully, when people are already there"
        )

    def handle(
        self, *args, size: str, seed: int, people: int | None, offices: int, as_of, force: bool, **options
    ):
        translation.activate("ja")
        count = people if people is not None else SIZES[size]
        if count < 1:
            raise CommandError("--people must be at least 1.")
        existing = Person.objects.count()
        if existing and options.get("if_empty"):
            self.stdout.write(f"The database already holds {existing:,} people: nothing generated.")
            return
        if existing and not force:
            raise CommandError(
                f"The database already holds {existing:,} people, so bench-data did nothing "
                "(use --force to add to them)."
            )
        started = time.monotonic()
        stream = self.stderr._out if options.get("verbosity", 1) > 0 else None
        counts = generate(people=count, seed=seed, offices=offices, as_of=as_of, stream=stream)
        elapsed = time.monotonic() - started
        total = sum(counts.values())
        self.stdout.write(
            f"Bench data ({size}, seed {seed}) on {connection.vendor}: {total:,} rows in {elapsed:.0f} s; "
            + ", ".join(f"{label} {rows:,}" for label, rows in counts.items())
        )
