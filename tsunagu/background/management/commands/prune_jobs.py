"""`tsunagu prune-jobs`: delete the background jobs' results and the queue's rows older than a week, and
stale boards, at once (the worker does it when it starts and then at most daily: pruning.py)."""

from django.core.management.base import BaseCommand

from tsunagu.background.pruning import prune_jobs


class Command(BaseCommand):
    help = "Delete the background jobs' results and the queue's rows older than a week."

    def handle(self, *args, **options) -> None:
        pruned = prune_jobs()
        self.stdout.write(
            f"{pruned.results} result(s), {pruned.task_rows} queue row(s), {pruned.boards} board file(s) deleted."
        )
