"""What programs adds to a case's timeline (registered in ProgramsConfig.ready(), see
tsunagu/cases/timeline.py): each step of the person's placements and each host's evaluation of them."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.roles import CASEWORK_ROLES
from tsunagu.cases.models import Case
from tsunagu.cases.selectors import case_ids_in_scope
from tsunagu.cases.timeline import TimelineEntry
from tsunagu.programs.models import Placement, PlacementEvaluation, PlacementStatus

# Each step's date field, in the order of the ladder.
STEP_DATES = (
    ("waiting_since", PlacementStatus.WAITING),
    ("visited_on", PlacementStatus.VISIT),
    ("trial_from", PlacementStatus.TRIAL),
    ("started_on", PlacementStatus.ACTIVE),
    ("completed_on", PlacementStatus.COMPLETED),
    ("interrupted_on", PlacementStatus.INTERRUPTED),
)
TIMELINE_FIELDS = (
    *(name for name, _status in STEP_DATES), "case", "person", "interruption_reason", "created_at",
    "updated_at", "host__program__name", "host__organisation__name", "worker__display_name",
    "worker__username",
)  # fmt: skip


def case_timeline_entries(*, user, case: Case) -> list[TimelineEntry]:
    """The placements of the case, and the person's placements made outside any case while this one ran,
    for casework staff who see the case (as the placements panel): one query, two when a host evaluated."""
    if not user.role_codes & CASEWORK_ROLES or not case_ids_in_scope(user, case):
        return []
    ran_until = case.closed_on or timezone.localdate()
    placements = list(
        Placement.objects.filter(Q(case=case) | Q(case__isnull=True, person_id=case.person_id))
        .annotate(evaluated=Exists(PlacementEvaluation.objects.filter(placement=OuterRef("pk"))))
        .select_related("host__program", "host__organisation", "worker")
        .only(*TIMELINE_FIELDS)
    )
    entries: list[TimelineEntry] = []
    for placement in placements:
        url = reverse("programs:placement_detail", args=[placement.pk])
        where = {"program": placement.host.program.name, "host": placement.host.organisation.name}
        steps = [
            (getattr(placement, name), status) for name, status in STEP_DATES if getattr(placement, name)
        ]
        for index, (day, status) in enumerate(steps):
            if placement.case_id is None and not case.intake_date <= day <= ran_until:
                continue
            # Only the first step's entry time (the placement's creation) and the last one's (its latest
            # change) are known.
            recorded_at = placement.created_at if index == 0 else None
            if index == len(steps) - 1 and index:
                recorded_at = placement.updated_at
            entries.append(
                TimelineEntry(
                    day, "placement",
                    _("%(step)s: %(program)s（%(host)s）") % {"step": status.label, **where},
                    placement.interruption_reason if status == PlacementStatus.INTERRUPTED else "",
                    str(placement.worker), recorded_at=recorded_at, url=url, obj=placement,
                )
            )  # fmt: skip
    evaluated = {p.pk: p for p in placements if p.evaluated}
    if evaluated:
        for evaluation in PlacementEvaluation.objects.filter(placement_id__in=evaluated).select_related(
            "evaluator"
        ):
            placement = evaluated[evaluation.placement_id]
            if placement.case_id is None and not case.intake_date <= evaluation.evaluated_on <= ran_until:
                continue
            scores = "、".join(f"{label} {score}/4" for _code, label, score in evaluation.items())
            entries.append(
                TimelineEntry(
                    evaluation.evaluated_on, "host_evaluation",
                    _("Host evaluation: %(program)s（%(host)s）")
                    % {"program": placement.host.program.name, "host": placement.host.organisation.name},
                    "\n".join(filter(None, [scores, evaluation.comment])), str(evaluation.evaluator),
                    recorded_at=evaluation.created_at,
                    url=reverse("programs:placement_detail", args=[placement.pk]), obj=evaluation,
                )
            )  # fmt: skip
    return entries
