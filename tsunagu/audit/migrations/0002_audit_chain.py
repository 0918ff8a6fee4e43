"""Tamper evidence: every audit event carries a chain hash (audit/chain.py); the existing events are
hashed here, oldest first, so the chain starts at the first event ever recorded, and the chain's head
row starts at the newest. `start_chain_head` is also in testing/factories.SEEDING_MIGRATIONS: a
transactional test's flush removes the row."""

import django.utils.timezone
from django.db import migrations, models

from tsunagu.audit import chain

BATCH = 2000


def hash_existing_events(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    previous = chain.GENESIS
    batch = []
    rows = AuditEvent.objects.order_by("id").values("id", *chain.CHAIN_FIELDS).iterator(chunk_size=BATCH)
    for row in rows:
        previous = chain.event_hash(previous, row)
        batch.append(AuditEvent(id=row["id"], chain_hash=previous))
        if len(batch) >= BATCH:
            AuditEvent.objects.bulk_update(batch, ["chain_hash"])
            batch = []
    if batch:
        AuditEvent.objects.bulk_update(batch, ["chain_hash"])
    start_chain_head(apps, schema_editor)


def start_chain_head(apps, schema_editor):
    """The head row at the newest event's hash, when it is missing."""
    AuditEvent = apps.get_model("audit", "AuditEvent")
    ChainHead = apps.get_model("audit", "ChainHead")
    if not ChainHead.objects.filter(pk=1).exists():
        newest = AuditEvent.objects.order_by("-id").values_list("chain_hash", flat=True).first()
        ChainHead.objects.create(pk=1, hash=newest or chain.GENESIS)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="chain_hash",
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name="chain hash"),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="occurred_at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, editable=False, verbose_name="when"
            ),
        ),
        migrations.CreateModel(
            name="ChainHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("hash", models.CharField(max_length=64)),
            ],
        ),
        migrations.RunPython(hash_existing_events, migrations.RunPython.noop),
    ]
