"""The reference figures the national statistics divide by and compare with (NATIONAL.md): the 目安値 per
100,000 population per month of H27–H29 and the rates' targets, and populations per municipality
(釧路市 from the H25 city material; the towns' and the recent ones are demo values). Administrators and
statisticians keep them current on the statistics' reference page."""

import datetime as dt
from decimal import Decimal

from django.db import migrations

TARGETS_SOURCE = "生活困窮者自立支援制度の目安値（厚生労働省）https://dokumen.tips/documents/cceeceoecicci-mhlw.html"
BENCHMARKS = (
    ("new_consultations", dt.date(2015, 4, 1), "20"),
    ("new_consultations", dt.date(2016, 4, 1), "22"),
    ("new_consultations", dt.date(2017, 4, 1), "24"),
    ("plans", dt.date(2015, 4, 1), "10"),
    ("plans", dt.date(2016, 4, 1), "11"),
    ("plans", dt.date(2017, 4, 1), "12"),
    ("employment_support", dt.date(2015, 4, 1), "6"),
    ("employment_support", dt.date(2016, 4, 1), "7"),
    ("employment_support", dt.date(2017, 4, 1), "7"),
    ("work_rate", dt.date(2015, 4, 1), "40"),
    ("work_rate", dt.date(2017, 4, 1), "70"),
    ("step_up_rate", dt.date(2017, 4, 1), "80"),
)
DEMO = "デモ用の値（実際の人口は住民基本台帳で確認）"
POPULATIONS = (
    ("釧路市", dt.date(2013, 3, 31), 180_893, "釧路市 平成25年資料"),
    ("釧路市", dt.date(2025, 4, 1), 160_000, DEMO),
    ("釧路町", dt.date(2025, 4, 1), 19_000, DEMO),
    ("厚岸町", dt.date(2025, 4, 1), 8_500, DEMO),
    ("浜中町", dt.date(2025, 4, 1), 5_300, DEMO),
    ("標茶町", dt.date(2025, 4, 1), 7_000, DEMO),
    ("弟子屈町", dt.date(2025, 4, 1), 6_800, DEMO),
    ("鶴居村", dt.date(2025, 4, 1), 2_500, DEMO),
    ("白糠町", dt.date(2025, 4, 1), 7_200, DEMO),
)


def seed_reference_figures(apps, schema_editor):
    Benchmark = apps.get_model("statistics", "Benchmark")
    Population = apps.get_model("statistics", "Population")
    for indicator, valid_from, value in BENCHMARKS:
        Benchmark.objects.get_or_create(
            indicator=indicator, valid_from=valid_from,
            defaults={"value": Decimal(value), "source": TARGETS_SOURCE},
        )  # fmt: skip
    for municipality, as_of, population, source in POPULATIONS:
        Population.objects.get_or_create(
            municipality=municipality, as_of=as_of, defaults={"population": population, "source": source}
        )


class Migration(migrations.Migration):
    dependencies = [("statistics", "0001_initial")]

    operations = [migrations.RunPython(seed_reference_figures, migrations.RunPython.noop)]
