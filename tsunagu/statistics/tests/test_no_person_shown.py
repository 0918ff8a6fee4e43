"""The statistician sees no person anywhere (issue 17): not on the page of a month or a year, whatever the
reporting body, nor in the outside-use preview, nor in any download; no name, reading, phone, case
reference or link to a person or a case, and no read of a person is recorded for them. The page keeps the
exact counts (only an export marked for outside use suppresses)."""

import datetime as dt
import re
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tsunagu.audit.models import AuditAction, AuditEvent
from tsunagu.jobs.models import WorkOutcome
from tsunagu.statistics.tests.conftest import export_through_a_job, in_english
from tsunagu.testing.factories import AreaFactory, CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db

JUNE = dt.date(2026, 6, 1)
LINKS = re.compile(r"/(people|cases|programs/placements|jobs)/\d+")


@pytest.fixture
def june(consultation_worker):
    """Three intakes in June, two of them starting work that month, under names found nowhere else."""
    city = AreaFactory(name="中央", municipality="釧路市")
    people = [
        PersonFactory(area=city, family_name=family, given_name="統計子", family_name_kana=kana,
                      given_name_kana="とうけいこ", phone=f"0154-99-12{n}0")
        for n, (family, kana) in enumerate((("鵺川", "ぬえかわ"), ("鵺山", "ぬえやま"), ("鵺野", "ぬえの")))
    ]  # fmt: skip
    cases = [
        CaseFactory(worker=consultation_worker, person=person, intake_date=JUNE.replace(day=n + 2),
                    reference=f"秘-{n:04d}")
        for n, person in enumerate(people)
    ]  # fmt: skip
    for case in cases[:2]:
        WorkOutcome.objects.create(
            case=case, kind="started_work", on=JUNE.replace(day=20), employer_name="ホテル幣舞",
            employment_form="part_time", route="hello_work", recorded_by=consultation_worker,
        )  # fmt: skip
    return people, cases


def _traces(people, cases) -> list[str]:
    words = ["統計子", "とうけいこ"]
    for person in people:
        words += [person.family_name, person.family_name_kana, person.phone]
    return words + [case.reference for case in cases]


def test_the_statistician_sees_counts_and_no_person_on_any_page_or_download(june, client_as, statistician):
    people, cases = june
    client = in_english(client_as(statistician))
    queries = [
        {"month": "2026-06"},
        {"month": "2026-06", "reporter": "釧路市"},
        {"period": "year", "year": "2026"},
        {"month": "2026-06", "outside": "on"},
    ]
    shown = []
    for query in queries:
        page = client.get(reverse("statistics:report"), query)
        assert page.status_code == 200
        shown.append(("page", query, page.content.decode()))
        for name in ("csv", "csv_cp932"):
            download = export_through_a_job(client, query, name)
            assert download.status_code == 200
            encoding = "cp932" if name.endswith("cp932") else "utf-8-sig"
            shown.append((name, query, download.content.decode(encoding)))
        workbook = load_workbook(BytesIO(export_through_a_job(client, query, "xlsx").content))
        cells = [str(cell) for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row]
        shown.append(("xlsx", query, "\n".join(cells)))
    for where, query, text in shown:
        for trace in _traces(people, cases):
            assert trace not in text, (where, query, trace)
        assert not LINKS.search(text), (where, query, LINKS.search(text).group())
    assert (
        not AuditEvent.objects.filter(actor=statistician, action=AuditAction.VIEW)
        .exclude(detail__people__isnull=True)
        .exists()
    )
    # The page itself keeps the exact counts: three intakes and two starts of work, under 5, not hidden.
    month = shown[0][2]
    assert 'data-indicator="new_consultations"' in month
    assert "<td>3</td>" in month and "<td>2</td>" in month
    assert "&lt;5" not in month.split('data-testid="outside-preview"')[0]
