# InitiativeMember now belongs to initiatives (initiatives 0005, same table):
# volunteers only forgets it; nothing in the database changes.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("initiatives", "0005_initiative_member"),
        ("volunteers", "0009_help_request_wijk_from_public_point"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="InitiativeMember")],
            database_operations=[],
        ),
    ]
