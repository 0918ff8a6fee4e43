"""Absence reasons typed before categories existed stay as the hub's private note; the category is set
only where the text says plainly what it was, so that nothing typed about someone's health reaches a host.
Anything else is left without a category (the host then sees just 欠席)."""

from django.db import migrations

# Words of the notes typed so far (the demo's and the hub's usual ones), by the category they name.
HEALTH = ("体調", "通院", "病院", "受診", "風邪", "熱", "入院", "診察", "病")
FAMILY = ("家庭", "家族", "親族", "介護", "子ども", "子供")
WORK = ("面接", "仕事", "就労", "求職", "ハローワーク")


def categorise(text: str) -> str:
    if "連絡なし" in text or "無断" in text:
        return "no_contact"
    if any(word in text for word in HEALTH):
        return "health"
    if any(word in text for word in FAMILY):
        return "family"
    if any(word in text for word in WORK):
        return "work"
    return ""


def forwards(apps, schema_editor):
    Attendance = apps.get_model("programs", "Attendance")
    reasons = (
        Attendance.objects.filter(status="absent").exclude(absence_reason="").values_list("absence_reason", flat=True)
    )
    for text in set(reasons):
        category = categorise(text)
        if category:
            Attendance.objects.filter(status="absent", absence_reason=text).update(absence_category=category)


class Migration(migrations.Migration):
    dependencies = [("programs", "0003_host_schedule_cancelled_sessions_absence_categories")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
