"""`tsunagu worker`: the background jobs' worker (django-tasks-db's db_worker on the default queue, polling
every second, never reloading). A job left running by a worker that died is marked failed first (its
writes were rolled back with its connection): run one worker per database. It prunes old results and the
queue's finished rows when it starts and, before a job, whenever a day has passed (pruning.py)."""

from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands import db_worker

from tsunagu.background.worker import PruningWorker, start_up


class Command(db_worker.Command):
    help = "Run the background jobs' worker."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch", action="store_true", help="run the jobs waiting, then stop")

    def handle(self, *args, batch: bool = False, **options) -> None:
        abandoned = start_up()
        if abandoned:
            self.stderr.write(f"{abandoned} job(s) left running by a stopped worker were marked failed.")
        self.configure_logging(options["verbosity"])
        worker = PruningWorker(
            queue_names=["default"], interval=1, batch=batch, backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=False, max_tasks=None, worker_id=db_worker.get_random_id(),
        )  # fmt: skip
        worker.configure_signals()
        worker.run()
