# The most units an hour, filled by 0005 where empty, is now required of every work type.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('work', '0005_work_type_most_units_filled'),
    ]

    operations = [
        migrations.AlterField(
            model_name='worktype',
            name='max_units_per_hour',
            field=models.DecimalField(decimal_places=2, max_digits=7, verbose_name='most units an hour'),
        ),
    ]
