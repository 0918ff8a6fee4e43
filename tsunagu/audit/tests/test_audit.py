import pytest
from django.http import HttpResponse

from conftest import ROLE_FIXTURES
from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.audit.services import record_event, record_people_seen
from tsunagu.core.requestcontext import RequestContextMiddleware


def test_record_event_names_the_target_and_the_actor(rf, consultation_worker, hub):
    request = rf.get("/", REMOTE_ADDR="10.0.0.7")
    request.user = consultation_worker
    event = record_event(action=AuditAction.VIEW, request=request, target=hub)
    assert event.actor == consultation_worker
    assert event.actor_username == "soudan"
    assert (event.object_type, event.object_id) == ("organisations.organisation", str(hub.pk))
    assert event.source_address == "10.0.0.7"


def test_administrators_filter_the_audit_log_by_user_and_action(
    client_as, administrator, consultation_worker
):
    record_event(action=AuditAction.VIEW, actor=consultation_worker, object_type="cases.case", object_id=1)
    record_event(action=AuditAction.EXPORT, actor=administrator, object_type="reports.monthly", object_id=2)
    response = client_as(administrator).get("/audit/?username=soudan&action=view")
    assert response.status_code == 200
    assert "ケース #1" in response.text  # no such case left: its kind and number
    assert "reports.monthly" not in response.text


def test_an_inverted_date_range_is_explained(client_as, administrator):
    response = client_as(administrator).get("/audit/?date_from=2026-11-28&date_to=2026-11-01")
    assert "終了日が開始日より前です" in response.text


@pytest.mark.parametrize("role_fixture", [r for r in ROLE_FIXTURES if r != "administrator"])
def test_only_administrators_read_the_audit_log(request, client_as, role_fixture):
    assert client_as(request.getfixturevalue(role_fixture)).get("/audit/").status_code == 403


def test_record_people_seen_lists_each_person_once_by_id(rf, consultation_worker, hub):
    request = rf.get("/")
    request.user = consultation_worker
    event = record_people_seen(request, [7, 3, 7], page="case_list", target=hub)
    assert event.action == AuditAction.VIEW and event.actor == consultation_worker
    assert event.detail == {"page": "case_list", "people": [3, 7]}
    assert (event.object_type, event.object_id) == ("organisations.organisation", str(hub.pk))


def test_a_response_that_shows_no_one_records_nothing(rf, consultation_worker):
    request = rf.get("/")
    request.user = consultation_worker
    assert record_people_seen(request, [], page="case_list") is None
    assert not AuditEvent.objects.exists()


def test_an_event_written_while_serving_a_request_records_its_address(rf, consultation_worker, hub):
    seen = {}

    def view(request):
        seen["event"] = record_event(action=AuditAction.VIEW, actor=consultation_worker, target=hub)
        return HttpResponse("ok")

    RequestContextMiddleware(view)(rf.get("/", REMOTE_ADDR="10.0.0.9"))
    assert seen["event"].source_address == "10.0.0.9"


def test_an_event_written_after_the_request_records_no_address(rf, consultation_worker, hub):
    RequestContextMiddleware(lambda request: HttpResponse("ok"))(rf.get("/", REMOTE_ADDR="10.0.0.9"))
    event = record_event(action=AuditAction.VIEW, actor=consultation_worker, target=hub)
    assert event.source_address is None
