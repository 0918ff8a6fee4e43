"""The approvals queue approves only what the supervisor ticked and saw: nothing ticked at first, each row
opening its plan, the supervisor's own approval as the default; a plan changed while it waited goes back to
a draft, and when it comes back the queue says so and what changed."""

import re

import pytest

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.cases import services
from tsunagu.cases.models import Plan, PlanStatus
from tsunagu.cases.tests.helpers import days_ago, plan_fields, submitted_plan
from tsunagu.testing.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(consultation_worker) -> Plan:
    case = CaseFactory(
        worker=consultation_worker, intake_date=days_ago(60), person=PersonFactory(family_name="釧路")
    )
    return submitted_plan(case, consultation_worker)


def edit_form(plan: Plan, **changes) -> dict:
    fields = {**plan_fields(), **changes}
    data = {
        name: value.isoformat() if hasattr(value, "isoformat") else value for name, value in fields.items()
    }
    data["statutory_services"] = plan.statutory_services
    data["edit_version"] = plan.edit_version
    return data


def approve_form(plan: Plan, version: int) -> dict:
    return {"plans": [plan.pk], f"version-{plan.pk}": version, "method": "supervisor",
            "approved_on": days_ago(0).isoformat()}  # fmt: skip


def test_the_queue_ticks_nothing_and_each_row_opens_its_plan(client_as, supervisor, waiting):
    html = client_as(supervisor).get("/cases/approvals/").content.decode()
    row = re.search(rf'<tr data-testid="queue-plan-{waiting.pk}">.*?</tr>', html, re.S).group(0)
    assert 'type="checkbox"' in row and " checked" not in row
    assert f'<a href="/cases/plans/{waiting.pk}/">プラン第1版</a>' in row
    supervisor_choice = re.search(r'<input type="radio" name="method" value="supervisor"[^>]*>', html).group(
        0
    )
    assert "checked" in supervisor_choice


def test_a_plan_changed_while_it_waits_goes_back_to_a_draft_out_of_the_queue(
    client_as, consultation_worker, supervisor, waiting
):
    client = client_as(consultation_worker)
    page = client.get(f"/cases/plans/{waiting.pk}/").content.decode()
    assert "このプランは承認待ちです。変更を保存すると下書きに戻り" in page
    response = client.post(
        f"/cases/plans/{waiting.pk}/", edit_form(waiting, short_term_goals="週2回通う"), follow=True
    )
    assert "承認待ちのプランを変更したため、下書きに戻りました。" in response.content.decode()
    waiting.refresh_from_db()
    assert (waiting.status, waiting.submitted_at) == (PlanStatus.DRAFT, None)
    event = AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(waiting.pk)).latest("id")
    assert event.detail == {"fields": ["short_term_goals"], "back_to_draft": True}
    assert (
        f'data-testid="queue-plan-{waiting.pk}"'
        not in client_as(supervisor).get("/cases/approvals/").content.decode()
    )


def test_saving_a_waiting_plan_unchanged_leaves_it_waiting(consultation_worker, waiting):
    fields = {name: getattr(waiting, name) for name in services.PLAN_FIELDS}
    services.update_plan(
        plan=waiting, actor=consultation_worker, edit_version=waiting.edit_version, fields=fields
    )
    waiting.refresh_from_db()
    assert waiting.status == PlanStatus.SUBMITTED


def test_a_plan_sent_again_after_a_change_shows_the_approver_that_it_changed_and_what(
    client_as, consultation_worker, supervisor, waiting
):
    client = client_as(consultation_worker)
    client.post(
        f"/cases/plans/{waiting.pk}/", edit_form(waiting, short_term_goals="週2回通う", own_actions="日記")
    )
    client.post(f"/cases/plans/{waiting.pk}/submit/")
    html = client_as(supervisor).get("/cases/approvals/").content.decode()
    row = re.search(rf'<tr data-testid="queue-plan-{waiting.pk}">.*?</tr>', html, re.S).group(0)
    assert "再提出（2回目）" in row
    assert "最初の提出後の変更：短期目標、本人の取組" in row


def test_a_plan_changed_after_the_approver_opened_the_queue_is_not_approved_unseen(
    client_as, consultation_worker, supervisor, waiting
):
    shown = waiting.edit_version  # the version on the supervisor's page
    worker = client_as(consultation_worker)
    worker.post(f"/cases/plans/{waiting.pk}/", edit_form(waiting, long_term_goal="別の目標"))
    worker.post(f"/cases/plans/{waiting.pk}/submit/")
    response = client_as(supervisor).post("/cases/approvals/", approve_form(waiting, shown))
    assert response.status_code == 400
    assert (
        "この画面を開いた後に変更されました。内容を確認してから承認してください。"
        in response.content.decode()
    )
    waiting.refresh_from_db()
    assert waiting.status == PlanStatus.SUBMITTED and waiting.approved_by is None
    # Seen again (the page now shows the new version), it is approved.
    response = client_as(supervisor).post("/cases/approvals/", approve_form(waiting, waiting.edit_version))
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == PlanStatus.APPROVED


def test_a_plan_saved_with_its_support_rows_untouched_keeps_them(client_as, consultation_worker, waiting):
    services.update_plan(
        plan=waiting, actor=consultation_worker, edit_version=waiting.edit_version,
        fields={"support_rows": [{"agency": "協議会", "content": "就労準備支援", "frequency": "週2回"}]},
    )  # fmt: skip
    waiting.refresh_from_db()
    # The page shows the saved row in the first form of the table; the worker changes only a goal.
    rows = {"supports-TOTAL_FORMS": "3", "supports-INITIAL_FORMS": "1", "supports-MIN_NUM_FORMS": "0",
            "supports-MAX_NUM_FORMS": "30", "supports-0-agency": "協議会", "supports-0-content": "就労準備支援",
            "supports-0-frequency": "週2回"}  # fmt: skip
    client_as(consultation_worker).post(
        f"/cases/plans/{waiting.pk}/", {**edit_form(waiting, short_term_goals="週3回通う"), **rows}
    )
    waiting.refresh_from_db()
    assert waiting.short_term_goals == "週3回通う"
    assert [(r.agency, r.content, r.frequency) for r in waiting.support_rows.all()] == [
        ("協議会", "就労準備支援", "週2回")
    ]


def test_a_plan_saved_without_its_support_table_keeps_its_rows(client_as, consultation_worker, waiting):
    services.update_plan(
        plan=waiting, actor=consultation_worker, edit_version=waiting.edit_version,
        fields={"support_rows": [{"agency": "協議会", "content": "就労準備支援", "frequency": "週2回"}]},
    )  # fmt: skip
    waiting.refresh_from_db()
    client_as(consultation_worker).post(f"/cases/plans/{waiting.pk}/", edit_form(waiting, own_actions="日記"))
    waiting.refresh_from_db()
    assert waiting.own_actions == "日記"
    assert [row.content for row in waiting.support_rows.all()] == ["就労準備支援"]
