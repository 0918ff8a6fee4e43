import sys

from django.core.management.base import BaseCommand
from django.utils import timezone

from tsunagu.audit.selectors import verify_chain


class Command(BaseCommand):
    help = "Check the audit log's hash chain and name the first event that does not follow (exit 1 then)."

    def handle(self, *args, **options):
        report = verify_chain()
        if report.intact:
            self.stdout.write(
                f"The audit log is intact: {report.checked} events chained; newest hash {report.head} "
                "(keep it elsewhere to prove later that nothing before it was rewritten)."
            )
            return
        broken = report.broken
        if broken is None:
            self.stderr.write(
                "The audit log was changed: its newest events were removed (the chain's head names an event "
                "that is no longer there)."
            )
            sys.exit(1)
        when = timezone.localtime(broken.occurred_at).strftime("%Y-%m-%d %H:%M:%S %Z")
        self.stderr.write(
            f"The audit log was changed: event {broken.event_id} (recorded {when}, number {broken.position} "
            "in the chain) does not match its hash; it, or the event before it, was edited or removed."
        )
        sys.exit(1)
