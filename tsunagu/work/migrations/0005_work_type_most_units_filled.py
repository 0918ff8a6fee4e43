"""Every work type states the most units one person can do in an hour, so that every quantity is bounded.
A work type set up without it gets one here, from what is known of the work (only where it is empty, so
running this again changes nothing):
- the most units an hour any of its logs shows, so that no log already kept becomes impossible;
- twice the highest threshold of its levels (the pace of the best level, with room to spare);
the larger of the two, rounded up to a whole unit; 100 an hour when the work type has neither. The work
type's page shows it, and a supervisor corrects it there."""

from decimal import ROUND_CEILING, Decimal

from django.db import migrations

FALLBACK = Decimal(100)
HIGHEST = Decimal(10_000)  # the largest the work type's form accepts


def sensible_ceiling(*, logged: list[tuple[Decimal, int]], thresholds: list[Decimal]) -> Decimal:
    """The most units an hour to give a work type, from its logs' (quantity, minutes) and its levels'
    thresholds."""
    candidates = [quantity * 60 / minutes for quantity, minutes in logged if minutes and quantity]
    candidates += [threshold * 2 for threshold in thresholds if threshold]
    if not candidates:
        return FALLBACK
    return min(max(candidates).quantize(Decimal(1), rounding=ROUND_CEILING), HIGHEST)


def fill(apps, schema_editor) -> None:
    WorkType = apps.get_model("work", "WorkType")
    WorkLog = apps.get_model("work", "WorkLog")
    SkillLevel = apps.get_model("work", "SkillLevel")
    for work_type in WorkType.objects.filter(max_units_per_hour__isnull=True):
        logged = list(
            WorkLog.objects.filter(work_type_id=work_type.pk, minutes__gt=0, quantity__gt=0)
            .values_list("quantity", "minutes")
            .iterator()
        )
        thresholds = list(
            SkillLevel.objects.filter(work_type_id=work_type.pk, units_per_hour_to_reach__isnull=False)
            .values_list("units_per_hour_to_reach", flat=True)
        )
        work_type.max_units_per_hour = sensible_ceiling(logged=logged, thresholds=thresholds)
        work_type.save(update_fields=["max_units_per_hour"])


class Migration(migrations.Migration):
    dependencies = [("work", "0004_skillassessment_days_counted")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
