"""The starting lists of issue themes and resource kinds (the hub adds its own rows later)."""

from django.db import migrations

THEMES = (
    ("work", "労働"),
    ("school", "教育・学校"),
    ("illness", "疾病"),
    ("isolation", "孤立"),
    ("food", "食"),
    ("housing", "住まい"),
    ("childcare", "子育て"),
    ("transport", "移動"),
)
KINDS = (
    ("cafeteria", "食堂", True),
    ("place_to_be", "居場所", False),
    ("place_to_work", "就労の場", False),
    ("place_to_learn", "学習の場", False),
    ("consultation", "相談の場", False),
)


def seed_lists(apps, schema_editor):
    Theme = apps.get_model("community", "Theme")
    ResourceKind = apps.get_model("community", "ResourceKind")
    for order, (code, name) in enumerate(THEMES):
        Theme.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
    for order, (code, name, sessions) in enumerate(KINDS):
        ResourceKind.objects.get_or_create(
            code=code, defaults={"name": name, "holds_sessions": sessions, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial")]
    operations = [migrations.RunPython(seed_lists, migrations.RunPython.noop)]
