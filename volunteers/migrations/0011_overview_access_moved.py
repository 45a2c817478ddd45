# OverviewAccess now belongs to reports (reports 0001). It has no table, so
# volunteers only forgets it.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0001_initial"),
        ("volunteers", "0010_initiative_member_moved"),
    ]

    operations = [
        migrations.DeleteModel(name="OverviewAccess"),
    ]
