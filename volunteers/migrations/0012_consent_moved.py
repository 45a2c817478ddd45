# Consent now belongs to accounts (accounts 0001, same table): volunteers only
# forgets it; nothing in the database changes.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
        ("volunteers", "0011_overview_access_moved"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Consent")],
            database_operations=[],
        ),
    ]
