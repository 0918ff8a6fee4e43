"""The pages the benchmark measures run a fixed number of queries whatever the number of rows shown."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tsunagu.cases import services
from tsunagu.testing.factories import CaseFactory, PersonFactory


def queries(client, path: str) -> int:
    client.get(path)  # warm: session, caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def test_the_caseload_runs_the_same_queries_for_3_or_30_cases(client_as, consultation_worker):
    client = client_as(consultation_worker)
    CaseFactory.create_batch(3, worker=consultation_worker)
    few = queries(client, "/cases/caseload/")
    CaseFactory.create_batch(27, worker=consultation_worker)
    assert queries(client, "/cases/caseload/") == few


def test_search_runs_the_same_queries_for_3_or_30_matches(client_as, consultation_worker):
    client = client_as(consultation_worker)
    for _ in range(3):
        CaseFactory(worker=consultation_worker, person=PersonFactory(family_name_kana="たかはし"))
    few = queries(client, "/cases/?q=ﾀｶﾊｼ")
    for _ in range(27):
        CaseFactory(worker=consultation_worker, person=PersonFactory(family_name_kana="たかはし"))
    assert queries(client, "/cases/?q=ﾀｶﾊｼ") == few


def test_a_deep_page_runs_the_same_queries_as_the_first(client_as, consultation_worker):
    client = client_as(consultation_worker)
    CaseFactory.create_batch(120, worker=consultation_worker)
    assert queries(client, "/cases/?page=3") == queries(client, "/cases/")


def test_the_case_page_runs_the_same_queries_for_2_or_20_notes(client_as, consultation_worker):
    client = client_as(consultation_worker)
    case = CaseFactory(worker=consultation_worker)

    def add_notes(n: int) -> None:
        for i in range(n):
            services.add_note(
                case=case, actor=consultation_worker, occurred_at=timezone.now() - dt.timedelta(hours=i + 1),
                method="phone", minutes=10, content=f"電話 {i}",
            )  # fmt: skip

    add_notes(2)
    few = queries(client, f"/cases/{case.pk}/")
    add_notes(18)
    assert queries(client, f"/cases/{case.pk}/") == few


def test_a_broad_search_counts_only_up_to_its_limit(client_as, consultation_worker, monkeypatch):
    monkeypatch.setattr("tsunagu.cases.views.SEARCH_COUNT_LIMIT", 5)
    for _ in range(7):
        CaseFactory(worker=consultation_worker, person=PersonFactory(family_name_kana="ぬくい"))
    response = client_as(consultation_worker).get("/cases/?q=ぬくい")
    assert "5件を超えています" in response.text
    assert "7件" not in response.text


def test_a_very_long_list_says_more_than_the_limit_instead_of_counting_it_all(
    client_as, consultation_worker, monkeypatch
):
    from tsunagu.core.http import KeyFirstPaginator

    monkeypatch.setattr(KeyFirstPaginator, "max_count", 10)
    CaseFactory.create_batch(12, worker=consultation_worker)
    response = client_as(consultation_worker).get("/cases/")
    assert "10件を超えています" in response.text


# The exact counts: a page that starts running more queries fails here before it is slow in the benchmark.
# Each page pays 4 for the session, the user with their organisation and office, their roles, and the
# second-factor device that verified the session; a page that shows people pays 2 more for the audit row
# that names them (the ids it already holds): the audit chain's newest hash (audit/chain.py) and the row.


def test_the_caseload_runs_eleven_queries(client_as, consultation_worker):
    CaseFactory.create_batch(5, worker=consultation_worker)
    # Open cases as values, the shown cases with their names, plans awaiting approval, the user's meeting
    # actions (network's panel), the retention checks due (jobs' panel), the audit row.
    assert queries(client_as(consultation_worker), "/cases/caseload/") == 4 + 3 + 1 + 1 + 2


def test_a_case_list_page_runs_ten_queries(client_as, consultation_worker):
    CaseFactory.create_batch(60, worker=consultation_worker)
    # The count, the page's keys, its rows, their most pressing concerns, the audit row.
    assert queries(client_as(consultation_worker), "/cases/?page=2") == 4 + 4 + 2


def test_a_narrow_search_needs_no_count_query(client_as, consultation_worker):
    CaseFactory(worker=consultation_worker, person=PersonFactory(family_name_kana="わたぬき"))
    # The keys (fewer than a page, so no count), the rows, their concerns, the audit row.
    assert queries(client_as(consultation_worker), "/cases/?q=ﾜﾀﾇｷ") == 4 + 3 + 2


def test_the_case_page_runs_a_fixed_number_of_queries(client_as, consultation_worker):
    case = CaseFactory(worker=consultation_worker)
    # The case with its people and office, 8 lists of records (each with its people joined; the 8th the
    # emergency support), the latest support notes, the audit row, the person's placements (panel) and the
    # case's (timeline), the meetings' decisions about the case (network's panel), the work outcomes,
    # Hello Work referrals, internships and qualifications, read once for jobs' panel and timeline, with
    # the job-seeker registrations (panel) and the introductions (timeline), the case's referrals
    # (network's panel) and their changes (network's timeline), the case's placements and its contracts
    # (contracts' panel; the placements' assignments only when there are placements).
    assert (
        queries(client_as(consultation_worker), f"/cases/{case.pk}/")
        == 4 + 1 + 8 + 1 + 2 + 1 + 1 + 1 + 6 + 2 + 2
    )
