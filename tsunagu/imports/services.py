"""Every write of imports: keep an upload for its preview, remember a source's mapping, and run an import,
all or nothing, through the services of people and cases (so their rules and audit hold for each row).

`import_upload` is a plain function of the user and the upload: the page runs it in the request today; a
background job can call it as it is."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.cases.services import CASE_INTAKE_FIELDS, register_intake
from tsunagu.core.contract import authorise, refuse_unknown_fields
from tsunagu.imports.checking import Check, ReadRow, check_file
from tsunagu.imports.kinds import HOUSEHOLD_COLUMNS, KINDS, fields_of, suggest_mapping
from tsunagu.imports.models import ImportRun, ImportSource, ImportUpload
from tsunagu.imports.reading import UnreadableFile, detect_encoding, read_table
from tsunagu.imports.rules import IMPORT_RECORDS
from tsunagu.people.services import PERSON_FIELDS, add_household_members

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # 10,000 people in .xlsx are about 1 MB
UPLOAD_LIFETIME = dt.timedelta(days=1)


@transaction.atomic
def upload_file(*, actor: User, source_name: str, kind: str, file_name: str, content: bytes) -> ImportUpload:
    """Keep a file for its preview (in the database, for at most a day) under a named source, whose
    remembered mapping is kept or, for a new source, suggested from the file's headers."""
    authorise(actor, IMPORT_RECORDS)
    _forget_stale_uploads()
    if kind not in KINDS:
        raise ValidationError({"kind": _("Choose what the file holds.")})
    if not content:
        raise ValidationError({"file": _("The file is empty.")})
    if len(content) > MAX_UPLOAD_BYTES:
        raise ValidationError({"file": _("The file is larger than 20 MB: split it.")})
    try:
        encoding = detect_encoding(content, file_name)
        headers = read_table(content, encoding).headers
    except UnreadableFile as error:
        raise ValidationError({"file": str(error)}) from error
    source, _created = ImportSource.objects.get_or_create(
        office_id=actor.office_id, name=source_name.strip()[:80], kind=kind
    )
    suggested = suggest_mapping(kind, headers)
    known = {header: key for header, key in source.mapping.items() if header in headers}
    for index, key in suggested.items():
        header = headers[int(index)]
        if header not in known and key not in known.values():
            known[header] = key
    if known != source.mapping:
        source.mapping = {**source.mapping, **known}
        source.save(update_fields=["mapping", "updated_at"])
    upload = ImportUpload.objects.create(
        office_id=actor.office_id,
        uploaded_by=actor,
        source=source,
        kind=kind,
        file_name=file_name[-200:],
        file_hash=hashlib.sha256(content).hexdigest(),
        encoding=encoding,
        content=content,
    )
    record_event(action=AuditAction.CREATE, actor=actor, target=upload, detail={"kind": kind})
    return upload


@transaction.atomic
def save_mapping(*, actor: User, upload: ImportUpload, mapping: dict[str, str]) -> ImportSource:
    """Remember which column of the source's files holds which field (header text → field key)."""
    authorise(actor, IMPORT_RECORDS)
    keys = {f.key for f in fields_of(upload.kind)}
    chosen = [key for key in mapping.values() if key]
    if set(chosen) - keys:
        raise ValidationError({"mapping": _("Unknown field.")})
    if len(chosen) != len(set(chosen)):
        raise ValidationError({"mapping": _("Each field can come from one column only.")})
    source = upload.source
    source.mapping = {**source.mapping, **mapping}
    source.mapping = {header: key for header, key in source.mapping.items() if key}
    source.save(update_fields=["mapping", "updated_at"])
    record_event(action=AuditAction.UPDATE, actor=actor, target=source, detail={"mapping": len(chosen)})
    return source


@transaction.atomic
def preview(*, actor: User, upload: ImportUpload) -> Check:
    """The whole file read as the import will read it (nothing saved)."""
    authorise(actor, IMPORT_RECORDS)
    return check_file(
        user=actor, content=bytes(upload.content), encoding=upload.encoding, kind=upload.kind,
        mapping=upload.source.mapping,
    )  # fmt: skip


@transaction.atomic
def import_upload(
    *, actor: User, upload: ImportUpload, progress: Callable[[int, int], None] | None = None
) -> ImportRun:
    """Import every row, or none: the file is read again (never trusting an earlier preview), refused while
    any mistake remains, and each new person enters by the intake service with their case and household.
    People already on record in the importer's scope are skipped, so importing a file twice adds no one."""
    authorise(actor, IMPORT_RECORDS)
    check = preview(actor=actor, upload=upload)
    if not check.ok:
        raise ValidationError(_("Correct the mistakes shown before importing: nothing was saved."))
    rows = check.to_create
    if not rows:
        raise ValidationError(_("Every row is already on record: there is nothing to import."))
    created: dict[str, list[int]] = {"people": [], "cases": []}
    for done, row in enumerate(rows, start=1):
        case = _import_person_row(actor, row)
        created["people"].append(case.person_id)
        created["cases"].append(case.pk)
        if progress is not None:
            progress(done, len(rows))  # a background job's progress (it may stop the import here)
    run = ImportRun.objects.create(
        office_id=actor.office_id, source=upload.source, kind=upload.kind, file_name=upload.file_name,
        file_hash=upload.file_hash, rows=len(check.rows), skipped=check.skipped, created_ids=created,
        imported_by=actor,
    )  # fmt: skip
    record_event(
        action=AuditAction.CREATE,
        actor=actor,
        target=run,
        detail={"rows": run.rows, "people": len(created["people"]), "skipped": run.skipped},
    )
    upload.delete()  # the file is personal data: kept no longer than the preview needed it
    return run


def _import_person_row(actor: User, row: ReadRow):
    values = row.values
    person_fields = {name: values[name] for name in PERSON_FIELDS if values.get(name) not in (None, "")}
    case_fields = {name: values[name] for name in CASE_INTAKE_FIELDS if values.get(name) not in (None, "")}
    refuse_unknown_fields(person_fields, PERSON_FIELDS, service="import_upload")
    concerns = values.get("concerns") or []
    try:
        case = register_intake(
            actor=actor, person_fields=person_fields, case_fields=case_fields, concerns=concerns,
            most_pressing=concerns[0] if concerns else "",
        )  # fmt: skip
        members = [
            {"name": values[f"household_{n}_name"], "age": values.get(f"household_{n}_age"),
             "relation": values.get(f"household_{n}_relation") or _("unknown")}
            for n in range(1, HOUSEHOLD_COLUMNS + 1) if values.get(f"household_{n}_name")
        ]  # fmt: skip
        if members:
            add_household_members(person=case.person, actor=actor, members=members)
    except ValidationError as error:
        # A rule of the services that the preview does not know: name the row, save nothing.
        message = _("Row %(row)d: %(error)s") % {"row": row.number, "error": " ".join(error.messages)}
        raise ValidationError(message) from error
    return case


def _forget_stale_uploads() -> int:
    """Uploads older than a day are deleted (their files are personal data)."""
    deleted, _rows = ImportUpload.objects.filter(uploaded_at__lt=timezone.now() - UPLOAD_LIFETIME).delete()
    return deleted


@transaction.atomic
def discard_upload(*, actor: User, upload: ImportUpload) -> None:
    authorise(actor, IMPORT_RECORDS)
    upload.delete()
