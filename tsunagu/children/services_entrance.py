"""Every write of the high-school entrance support: keyword-only, a typed actor, authorised with the
children's rules (a pupil's records are written by those who may work on the child), atomic, one audit
event each (ids only)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.children.models import JUNIOR_HIGH_3, Child
from tsunagu.children.models_entrance import (
    HIGH_SCHOOL_OR_EQUIVALENT,
    EntranceApplication,
    EntrancePupil,
    ParentSession,
    ReferenceFigure,
)
from tsunagu.core.contract import authorise, refuse_unknown_fields
from tsunagu.core.dates import fiscal_year_bounds
from tsunagu.core.editing import claim_edit

PLAN_FIELDS = ("goals", "schools_considered")
OUTCOME_FIELDS = ("graduated_junior_high", "follow_up", "follow_up_on")
SESSION_FIELDS = ("held_on", "parent_attended", "note")
APPLICATION_FIELDS = ("school_name", "course", "passed_on", "entered")
REFERENCE_FIELDS = ("value", "year", "source", "url")
WORK_ON_CHILD = "children.work_on_child"
EDIT_REFERENCE = "children.edit_reference"
EARLIEST_YEAR = 2000


@transaction.atomic
def add_pupil(*, actor: User, child: Child, fiscal_year: int, fields: dict[str, Any]) -> EntrancePupil:
    """The child joins the fiscal year's cohort, with the guardian as the participating parent. Only a
    pupil in 中3 that year (the grade as the child's record gives it) belongs in the cohort."""
    authorise(actor, WORK_ON_CHILD, child)
    refuse_unknown_fields(fields, PLAN_FIELDS, service="add_pupil")
    this_year = timezone.localdate().year
    if not EARLIEST_YEAR <= fiscal_year <= this_year + 1:
        raise ValidationError({"fiscal_year": _("Choose a fiscal year from 2000 to next year.")})
    if child.grade_on(fiscal_year_bounds(fiscal_year)[0]) != JUNIOR_HIGH_3:
        raise ValidationError(
            {"fiscal_year": _("The child is not in the third year of junior high in that fiscal year.")}
        )
    if EntrancePupil.objects.filter(child=child, fiscal_year=fiscal_year).exists():
        raise ValidationError({"fiscal_year": _("The child is already in that year's cohort.")})
    pupil = EntrancePupil(
        child=child, fiscal_year=fiscal_year, parent=child.guardian, created_by=actor, **fields
    )
    pupil.full_clean()
    pupil.save()
    record_event(
        action=AuditAction.CREATE, actor=actor, target=pupil,
        detail={"child": child.pk, "parent": pupil.parent_id, "fiscal_year": fiscal_year},
    )  # fmt: skip
    return pupil


def _update(pupil: EntrancePupil, edit_version: int, fields: dict[str, Any], known: tuple[str, ...]) -> list:
    claim_edit(pupil, edit_version, fields=[name for name in known if name in fields])
    changed = sorted(name for name, value in fields.items() if getattr(pupil, name) != value)
    for name, value in fields.items():
        setattr(pupil, name, value)
    pupil.full_clean()
    pupil.save()
    return changed


@transaction.atomic
def update_plan(
    *, actor: User, pupil: EntrancePupil, edit_version: int, fields: dict[str, Any]
) -> EntrancePupil:
    """The pupil's goals and the schools considered."""
    authorise(actor, WORK_ON_CHILD, pupil.child)
    refuse_unknown_fields(fields, PLAN_FIELDS, service="update_plan")
    changed = _update(pupil, edit_version, fields, PLAN_FIELDS)
    record_event(action=AuditAction.UPDATE, actor=actor, target=pupil, detail={"fields": changed})
    return pupil


@transaction.atomic
def record_outcome(
    *, actor: User, pupil: EntrancePupil, edit_version: int, fields: dict[str, Any]
) -> EntrancePupil:
    """Whether the pupil graduated junior high, and a year later whether they are still enrolled."""
    authorise(actor, WORK_ON_CHILD, pupil.child)
    refuse_unknown_fields(fields, OUTCOME_FIELDS, service="record_outcome")
    follow_up, on = fields.get("follow_up", pupil.follow_up), fields.get("follow_up_on", pupil.follow_up_on)
    if bool(follow_up) != bool(on):
        raise ValidationError({"follow_up_on": _("Give the follow-up and its date together.")})
    if on and on < fiscal_year_bounds(pupil.fiscal_year + 1)[0]:
        raise ValidationError({"follow_up_on": _("The follow-up comes after the pupil's entrance in April.")})
    if follow_up and not _entered(pupil):
        raise ValidationError({"follow_up": _("Record the school the pupil entered first.")})
    changed = _update(pupil, edit_version, fields, OUTCOME_FIELDS)
    record_event(action=AuditAction.UPDATE, actor=actor, target=pupil, detail={"fields": changed})
    return pupil


def _entered(pupil: EntrancePupil) -> bool:
    """The pupil entered high school or an equivalent (the courses counted in the 進学率)."""
    return pupil.applications.filter(entered=True, course__in=HIGH_SCHOOL_OR_EQUIVALENT).exists()


@transaction.atomic
def add_parent_session(*, actor: User, pupil: EntrancePupil, fields: dict[str, Any]) -> ParentSession:
    authorise(actor, WORK_ON_CHILD, pupil.child)
    refuse_unknown_fields(fields, SESSION_FIELDS, service="add_parent_session")
    session = ParentSession(pupil=pupil, recorded_by=actor, **fields)
    session.full_clean()
    session.save()
    record_event(action=AuditAction.CREATE, actor=actor, target=session, detail={"pupil": pupil.pk})
    return session


@transaction.atomic
def add_application(*, actor: User, pupil: EntrancePupil, fields: dict[str, Any]) -> EntranceApplication:
    """An application and its result (合格日, 入学): one entry per pupil; a school entered was passed."""
    authorise(actor, WORK_ON_CHILD, pupil.child)
    refuse_unknown_fields(fields, APPLICATION_FIELDS, service="add_application")
    if not str(fields.get("school_name", "")).strip():
        raise ValidationError({"school_name": _("Give the school (or the employer).")})
    is_school = fields.get("course") in HIGH_SCHOOL_OR_EQUIVALENT
    if fields.get("entered") and is_school and not fields.get("passed_on"):
        raise ValidationError({"passed_on": _("A school the pupil entered needs the date they passed.")})
    if fields.get("entered") and pupil.applications.filter(entered=True).exists():
        raise ValidationError({"entered": _("The pupil has already entered another school.")})
    application = EntranceApplication(pupil=pupil, recorded_by=actor, **fields)
    application.full_clean()
    application.save()
    record_event(action=AuditAction.CREATE, actor=actor, target=application, detail={"pupil": pupil.pk})
    return application


@transaction.atomic
def update_reference(
    *, actor: User, figure: ReferenceFigure, edit_version: int, fields: dict[str, Any]
) -> ReferenceFigure:
    """A national reference figure, with its year and source (the administrator's)."""
    authorise(actor, EDIT_REFERENCE, figure)
    refuse_unknown_fields(fields, REFERENCE_FIELDS, service="update_reference")
    value = fields.get("value")
    if value is not None and not 0 <= value <= 100:
        raise ValidationError({"value": _("Give a percentage from 0 to 100.")})
    claim_edit(figure, edit_version, fields=[name for name in REFERENCE_FIELDS if name in fields])
    changed = sorted(name for name, new in fields.items() if getattr(figure, name) != new)
    for name, new in fields.items():
        setattr(figure, name, new)
    figure.full_clean()
    figure.save()
    record_event(action=AuditAction.UPDATE, actor=actor, target=figure, detail={"fields": changed})
    return figure
