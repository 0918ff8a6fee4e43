"""The demo's move-in: the main office's supervisor has imported a first part of the hub's old ledger (a
CP932 CSV as Japanese Excel saves it, 20 made-up people) through the import services, and the 200-people
workbook of the same layout waits on the import page (imports:sample_ledger) to be imported in one go."""

from __future__ import annotations

from tsunagu.accounts.models import User
from tsunagu.imports import services
from tsunagu.imports.sample import ledger_csv
from tsunagu.imports.selectors import area_names

CSV_PEOPLE = 20
# The workbook on the import page holds rows 0–199 and its CSV 200–399: the demo's CSV comes after both.
CSV_START = 400


def load_imports() -> dict[str, int]:
    supervisor = User.objects.get(username="shunin")
    content = ledger_csv(CSV_PEOPLE, areas=area_names(), start=CSV_START)
    upload = services.upload_file(
        actor=supervisor,
        source_name="旧Excel台帳",
        kind="people",
        file_name="相談者台帳_2024.csv",
        content=content,
    )
    run = services.import_upload(actor=supervisor, upload=upload)
    return {"people": run.created_count}
