"""The Hokkaido minimum wage (北海道最低賃金) of recent years; later changes are entered on the screen."""

from datetime import date
from decimal import Decimal

from django.db import migrations

HOKKAIDO = (
    (date(2023, 10, 1), Decimal("960")),
    (date(2024, 10, 1), Decimal("1010")),
    (date(2025, 10, 4), Decimal("1075")),
)


def add_wages(apps, schema_editor) -> None:
    MinimumWage = apps.get_model("work", "MinimumWage")
    for effective_from, hourly in HOKKAIDO:
        MinimumWage.objects.get_or_create(region="北海道", effective_from=effective_from, defaults={"hourly": hourly})


class Migration(migrations.Migration):
    dependencies = [("work", "0001_initial")]

    operations = [migrations.RunPython(add_wages, migrations.RunPython.noop)]
