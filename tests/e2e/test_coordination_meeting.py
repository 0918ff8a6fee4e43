"""A 支援調整会議 in a browser: a supervisor opens the meeting with two cases on its agenda whose plans
wait for approval, approves both at once with the municipality's decision date (支援決定日), and each
case's page shows the decision and the date. Selectors are test ids and field names, so the test reads
the same in either language."""

from django.utils import translation
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tsunagu.cases.models import PlanStatus
from tsunagu.cases.tests.helpers import days_ago, submitted_plan
from tsunagu.core.dates import local_date
from tsunagu.network import services
from tsunagu.testing.factories import CaseFactory, PersonFactory


def test_a_coordination_meeting_approves_two_plans_and_both_cases_show_the_decision_date(
    page, live_server, supervisor, consultation_worker
):
    cases = [
        CaseFactory(worker=consultation_worker, intake_date=days_ago(60),
                    person=PersonFactory(family_name=family, given_name="太郎"))
        for family in ("調整", "会議")
    ]  # fmt: skip
    plans = [
        submitted_plan(case, consultation_worker, statutory_services=[service])
        for case, service in zip(cases, ("work_readiness", "household_budget"), strict=True)
    ]
    meeting = services.create_meeting(
        actor=supervisor,
        fields={"kind": "coordination", "body": None, "held_on": days_ago(7), "place": "本所"},
        attendees=[consultation_worker], contacts=[],
    )  # fmt: skip
    services.add_cases_to_agenda(actor=supervisor, meeting=meeting, cases=cases)
    decided_on = days_ago(2)

    log_in(page, live_server, "shunin")
    page.goto(f"{live_server.url}/network/meetings/{meeting.pk}/")
    agenda = page.get_by_test_id("agenda")
    for case in cases:
        expect(agenda).to_contain_text(case.person.full_name)
    for plan in plans:
        page.locator(f"input[name=plans][value='{plan.pk}']").check()
    page.locator("input[name=decided_on]").fill(decided_on.isoformat())
    page.locator(f"form[action='/network/meetings/{meeting.pk}/coordination/'] button[type=submit]").click()
    decisions = page.get_by_test_id("decisions")
    expect(decisions.locator("li")).to_have_count(2)
    with translation.override("ja"):  # the pages are Japanese
        shown, title = local_date(decided_on), str(meeting.title)
    expect(decisions).to_contain_text(shown)

    for case, plan in zip(cases, plans, strict=True):
        page.goto(f"{live_server.url}/cases/{case.pk}/")
        panel = page.get_by_test_id("case-meeting-decisions")
        expect(panel).to_contain_text(title)
        expect(panel).to_contain_text(shown)
        plan.refresh_from_db()
        assert plan.status == PlanStatus.APPROVED and plan.decided_on == decided_on


def test_the_open_cases_to_add_load_when_the_agenda_form_is_opened_and_a_ticked_one_joins_the_agenda(
    page, live_server, supervisor, consultation_worker
):
    waiting = CaseFactory(
        worker=consultation_worker, person=PersonFactory(family_name="追加", given_name="花子")
    )
    submitted_plan(waiting, consultation_worker)
    meeting = services.create_meeting(
        actor=supervisor,
        fields={"kind": "coordination", "body": None, "held_on": days_ago(1), "place": "本所"},
        attendees=[consultation_worker], contacts=[],
    )  # fmt: skip

    log_in(page, live_server, "shunin")
    page.goto(f"{live_server.url}/network/meetings/{meeting.pk}/")
    folded = page.locator("#add-agenda")
    expect(folded.locator("input[name=cases]")).to_have_count(0)  # not read until asked for
    folded.locator("summary").click()
    candidate = folded.locator(f"input[name=cases][value='{waiting.pk}']")
    expect(candidate).to_be_visible()
    candidate.check()
    folded.locator("button[type=submit]").click()
    expect(page.get_by_test_id("agenda")).to_contain_text(waiting.person.full_name)
