# Help requests, offers and sensitive words now belong to helprequests
# (helprequests 0001, same tables): volunteers only forgets them; nothing in
# the database changes.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("helprequests", "0001_initial"),
        ("volunteers", "0012_consent_moved"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="helpoffer",
                    name="help_request",
                ),
                migrations.RemoveField(
                    model_name="helpoffer",
                    name="volunteer",
                ),
                migrations.RemoveField(
                    model_name="helprequest",
                    name="moderated_by",
                ),
                migrations.RemoveField(
                    model_name="helprequest",
                    name="neighbourhood",
                ),
                migrations.RemoveField(
                    model_name="helprequest",
                    name="requester",
                ),
                migrations.DeleteModel(
                    name="SensitiveTerm",
                ),
                migrations.DeleteModel(
                    name="HelpOffer",
                ),
                migrations.DeleteModel(
                    name="HelpRequest",
                ),
            ],
            database_operations=[],
        ),
    ]
