"""The 沿革's events that are no contract: the supervisor adds, edits and removes them; the dates are
checked; the history shows them in their fiscal year."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.cases.tests.helpers import field_errors, today
from tsunagu.contracts import services
from tsunagu.contracts.models import Milestone
from tsunagu.contracts.tests.conftest import in_english

pytestmark = pytest.mark.django_db

FOUNDED = dt.date(2012, 4, 1)  # 平成24年度


def test_the_supervisor_adds_an_event_and_the_history_shows_it_in_its_fiscal_year(supervisor, client_as):
    client = in_english(client_as(supervisor))
    history = client.get(reverse("contracts:history")).content.decode()
    assert reverse("contracts:milestone_create") in history
    data = {"on": "平成24年4月1日", "text": "一般社団法人釧路社会的企業創造協議会 設立"}
    response = client.post(reverse("contracts:milestone_create"), data)
    assert response.status_code == 302
    milestone = Milestone.objects.get()
    assert (milestone.on, milestone.fiscal_year) == (FOUNDED, 2012)
    page = client.get(reverse("contracts:history")).content.decode()
    assert "一般社団法人釧路社会的企業創造協議会 設立" in page
    assert 'data-year="2012"' in page
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="contracts.milestone").exists()


def test_a_date_before_the_history_or_in_the_future_is_refused_and_nothing_saved(supervisor, client_as):
    client = in_english(client_as(supervisor))
    url = reverse("contracts:milestone_create")
    for day in ("2004-03-31", (today() + dt.timedelta(days=1)).isoformat(), "2026-02-30"):
        response = client.post(url, {"on": day, "text": "設立"})
        assert response.status_code == 400, day
    assert not Milestone.objects.exists()
    with pytest.raises(ValidationError) as refused:
        services.record_milestone(actor=supervisor, on=dt.date(2003, 4, 1), text="設立")
    assert "on" in field_errors(refused.value)


def test_the_supervisor_edits_and_removes_an_event(supervisor, client_as):
    milestone = services.record_milestone(actor=supervisor, on=FOUNDED, text="協議会 設立")
    client = in_english(client_as(supervisor))
    history = client.get(reverse("contracts:history")).content.decode()
    assert reverse("contracts:milestone_edit", args=[milestone.pk]) in history
    edit = reverse("contracts:milestone_edit", args=[milestone.pk])
    assert "協議会 設立" in client.get(edit).content.decode()
    assert client.post(edit, {"on": "2012-06-01", "text": "協議会 設立総会"}).status_code == 302
    milestone.refresh_from_db()
    assert (milestone.on, milestone.text) == (dt.date(2012, 6, 1), "協議会 設立総会")
    remove = reverse("contracts:milestone_remove", args=[milestone.pk])
    assert client.post(remove).status_code == 302
    assert client.post(remove).status_code == 404  # sent twice: it is gone, nothing else happens
    assert not Milestone.objects.exists()
    assert "協議会 設立総会" not in client.get(reverse("contracts:history")).content.decode()
    assert (
        AuditEvent.objects.filter(action=AuditAction.DELETE, object_type="contracts.milestone").count() == 1
    )


def test_the_statistician_reads_the_events_but_may_not_keep_them(supervisor, statistician, client_as):
    milestone = services.record_milestone(actor=supervisor, on=FOUNDED, text="協議会 設立")
    client = client_as(statistician)
    page = client.get(reverse("contracts:history")).content.decode()
    assert "協議会 設立" in page
    assert reverse("contracts:milestone_edit", args=[milestone.pk]) not in page
    assert client.get(reverse("contracts:milestone_create")).status_code == 403
    assert client.post(reverse("contracts:milestone_remove", args=[milestone.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        services.edit_milestone(actor=statistician, milestone=milestone, on=FOUNDED, text="改竄")
    assert Milestone.objects.get().text == "協議会 設立"
