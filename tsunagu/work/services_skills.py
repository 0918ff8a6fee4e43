"""The skill history's writes: a supervisor confirms the level the rule proposes, or sets a level of
their own assessment (up or down) with a note. Both record a SkillAssessment.

A level change never rewrites pay already computed: it may not start in a closed month, and pay reads a
person's level on each work date, so it changes only the days from its date on."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.core.contract import authorise
from tsunagu.people.models import Person
from tsunagu.work.models import SkillAssessment, SkillLevel, WorkLog, WorkType
from tsunagu.work.months import is_closed

# What a supervisor enters (the forms use these lists).
CONFIRM_FIELDS = ("work_type", "level", "effective_from")
SET_LEVEL_FIELDS = ("work_type", "level", "effective_from", "note")


@transaction.atomic
def confirm_skill_level(
    *,
    actor: User,
    person: Person,
    work_type: WorkType,
    level: SkillLevel,
    effective_from: dt.date,
    units_per_hour: Decimal,
    defect_rate: Decimal,
    days_counted: int,
) -> SkillAssessment:
    """Record the level the rule proposed, with its evidence (the figures over the days counted)."""
    return _record(
        actor=actor,
        person=person,
        work_type=work_type,
        level=level,
        effective_from=effective_from,
        proposed_by_rule=True,
        units_per_hour=units_per_hour,
        defect_rate=defect_rate,
        days_counted=days_counted,
    )


@transaction.atomic
def set_skill_level(
    *,
    actor: User,
    person: Person,
    work_type: WorkType,
    level: SkillLevel,
    effective_from: dt.date,
    note: str,
) -> SkillAssessment:
    """Record a supervisor's own assessment (a level up or down), which must say why."""
    if not (note or "").strip():
        raise ValidationError({"note": _("Say why the level changes: it is the evidence of the assessment.")})
    return _record(
        actor=actor,
        person=person,
        work_type=work_type,
        level=level,
        effective_from=effective_from,
        proposed_by_rule=False,
        note=note.strip(),
    )


def _record(
    *,
    actor: User,
    person: Person,
    work_type: WorkType,
    level: SkillLevel,
    effective_from: dt.date,
    **evidence,
) -> SkillAssessment:
    authorise(actor, "work.confirm_skill_levels")
    authorise(actor, "people.work_on_person", person)
    _check(person=person, work_type=work_type, level=level, effective_from=effective_from)
    assessment = SkillAssessment.objects.create(
        person=person,
        work_type=work_type,
        level=level,
        effective_from=effective_from,
        assessed_by=actor,
        **evidence,
    )
    record_event(
        action=AuditAction.CREATE,
        actor=actor,
        target=assessment,
        detail={
            "person": person.pk,
            "work_type": work_type.pk,
            "level": level.pk,
            "proposed_by_rule": assessment.proposed_by_rule,
        },
    )
    return assessment


def _check(*, person: Person, work_type: WorkType, level: SkillLevel, effective_from: dt.date) -> None:
    if level.work_type_id != work_type.pk:
        raise ValidationError({"level": _("This level belongs to another work type.")})
    if effective_from > timezone.localdate():
        raise ValidationError({"effective_from": _("A level is assessed on work done: not in the future.")})
    first = (
        WorkLog.objects.filter(person=person, work_type=work_type)
        .order_by("date")
        .values_list("date", flat=True)
    ).first()
    if first is None:
        raise ValidationError({"work_type": _("This person has no work logged at this work type.")})
    if effective_from < first:
        raise ValidationError(
            {"effective_from": _("A level cannot start before the person's first day at this work type.")}
        )
    if is_closed(host_id=work_type.host_id, day=effective_from):
        raise ValidationError(
            {
                "effective_from": _(
                    "The month of this date is closed: its pay is kept as it was computed. Choose a date in an "
                    "open month."
                )
            }
        )
    previous = (
        SkillAssessment.objects.filter(person=person, work_type=work_type, effective_from__lte=effective_from)
        .order_by("-effective_from")
        .select_related("level")
        .first()
    )
    if previous is not None and previous.effective_from == effective_from:
        raise ValidationError({"effective_from": _("A level is already recorded from this date.")})
    current_level_id = previous.level_id if previous else _first_level_id(work_type)
    if current_level_id == level.pk:
        raise ValidationError({"level": _("The person is already at this level on this date.")})


def _first_level_id(work_type: WorkType) -> int | None:
    return work_type.levels.order_by("rank").values_list("pk", flat=True).first()
