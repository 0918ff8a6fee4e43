"""`tsunagu worker`: the background jobs' worker (django-tasks-db's db_worker on the default queue, polling
every second, never reloading). A job left running by a worker that died is marked failed first (its
writes were rolled back with its connection): run one worker per database."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from tsunagu.background.runner import fail_abandoned_jobs


class Command(BaseCommand):
    help = "Run the background jobs' worker."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch", action="store_true", help="run the jobs waiting, then stop")

    def handle(self, *args, batch: bool = False, **options) -> None:
        abandoned = fail_abandoned_jobs()
        if abandoned:
            self.stderr.write(f"{abandoned} job(s) left running by a stopped worker were marked failed.")
        arguments = ["--queue-name", "default", "--interval", "1", "--no-reload", "--no-startup-delay"]
        call_command("db_worker", *arguments, *(["--batch"] if batch else []), verbosity=options["verbosity"])
