from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from tsunagu.organisations.models import Organisation
from tsunagu.sampledata.accounts import load_users, login_lines
from tsunagu.sampledata.cases import load_caseload
from tsunagu.sampledata.catalog import load_catalog
from tsunagu.sampledata.children import load_children
from tsunagu.sampledata.community import load_community
from tsunagu.sampledata.contracts import load_contracts
from tsunagu.sampledata.entrance import load_entrance
from tsunagu.sampledata.imports import load_imports
from tsunagu.sampledata.jobs import load_jobs
from tsunagu.sampledata.meetings import load_meetings
from tsunagu.sampledata.organisations import load_organisations
from tsunagu.sampledata.referrals import load_referrals
from tsunagu.sampledata.statistics import load_statistics


class Command(BaseCommand):
    help = "Load the demo data (the seed's organisations, one login per role, a synthetic caseload) if empty."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="wipe every record first")
        parser.add_argument("--people", type=int, default=300, help="how many synthetic people (default 300)")

    def handle(self, *args, reset: bool = False, people: int = 300, **options):
        translation.activate("ja")
        if reset:
            call_command("flush", interactive=False, verbosity=0)
            self.stdout.write("The database was wiped (--reset).")
        if Organisation.objects.exists() and not reset:
            self.stdout.write("The database already holds data: nothing loaded (use --reset to start again).")
        else:
            with transaction.atomic():
                load_organisations()
                load_users()
                load_catalog()
                loaded = load_caseload(people=people)
                # Meetings are the office's, not one person's story: written after the caseload they discuss.
                meetings = load_meetings()
                # Referrals follow the cases up after the meetings (a 支援会議's list is a basis to share).
                referrals = load_referrals()
                # Job placement: the licence's openings and introductions of people of the caseload.
                jobs = load_jobs()
                # The national statistics' recent months: decisions on plans and steps into work.
                statistics = load_statistics()
                # The high-school entrance cohort: children of the demo's households, after the caseload.
                cohort = load_entrance()
                # まじくる: children of the caseload's households, after the meetings (their contacts tutor).
                children = load_children()
                # The community: the 部会's issues (raised at their meetings), cafeterias, 音別ふき蕗団.
                community = load_community()
                # The contracts (the seed's 沿革, then yearly) and this year's cases and placements they carry.
                contracts = load_contracts()
                # The move-in: a first part of the hub's old ledger imported by the supervisor (CP932 CSV).
                imported = load_imports()
            self.stdout.write(
                f"Demo data loaded: {loaded['people']} synthetic people with their cases, "
                f"{loaded['placements']} placements in programs, {sum(meetings.values())} meetings, "
                f"{sum(referrals.values())} referrals, {jobs['openings']} job openings and {jobs['hires']} hires, "
                f"{statistics.get('starts', 0)} more starts of work and {statistics.get('rises', 0)} rises in income, "
                f"an entrance cohort of {cohort['pupils']} pupils, {children['children']} children in まじくる, "
                f"{community['issues']} local issues, {community['sessions']} cafeteria sessions, "
                f"{contracts['contracts']} contracts carrying {contracts['cases']} cases, "
                f"{imported['people']} people imported from the old ledger."
            )
        self.stdout.write(f"Demo logins (password: {settings.TSUNAGU_DEMO_PASSWORD}):")
        for line in login_lines():
            self.stdout.write(line)
