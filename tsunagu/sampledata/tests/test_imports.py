"""The demo's move-in: the supervisor's import of the old ledger's CSV, and the 200-people workbook of the
import page importable in one go after it."""

import pytest

from tsunagu.imports import services
from tsunagu.imports.models import ImportRun
from tsunagu.imports.sample import ledger_xlsx
from tsunagu.imports.selectors import area_names
from tsunagu.people.models import Person
from tsunagu.sampledata.accounts import load_users
from tsunagu.sampledata.imports import load_imports
from tsunagu.sampledata.organisations import load_organisations

pytestmark = pytest.mark.django_db


def test_the_demo_has_imported_the_old_ledgers_csv_and_the_sample_workbook_imports_after_it():
    load_organisations()
    users = {user.username: user for user in load_users()}
    assert load_imports() == {"people": 20}
    run = ImportRun.objects.get()
    assert run.imported_by.username == "shunin" and run.file_name.endswith(".csv")
    supervisor = users["shunin"]
    upload = services.upload_file(
        actor=supervisor, source_name="旧Excel台帳", kind="people", file_name="sample.xlsx",
        content=ledger_xlsx(200, areas=area_names()),
    )  # fmt: skip
    assert services.import_upload(actor=supervisor, upload=upload).created_count == 200
    assert Person.objects.count() == 220
