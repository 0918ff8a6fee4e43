"""Work and pay's own step of the merge of duplicate records. The services of each area live beside it:
`services_catalog.py` (work types, levels, rates, the minimum wage, orders, skill levels),
`services_logs.py` (work logs and the day sheet), `services_pay.py` (closing months, adjustments)."""

from typing import Any

from tsunagu.people.models import Person
from tsunagu.work.models import PayAdjustment, PayStatement, SkillAssessment, WorkLog


def move_work_on_merge(*, keep: Person, duplicate: Person) -> dict[str, Any]:
    """work's merge step (see people/merging.py): the duplicate's logs, skill history, statements and
    adjustments go to the record kept. Their placements move with programs' step."""
    return {
        "work_logs_moved": WorkLog.objects.filter(person=duplicate).update(person=keep),
        "skill_assessments_moved": SkillAssessment.objects.filter(person=duplicate).update(person=keep),
        "pay_statements_moved": PayStatement.objects.filter(person=duplicate).update(person=keep),
        "pay_adjustments_moved": PayAdjustment.objects.filter(person=duplicate).update(person=keep),
    }
