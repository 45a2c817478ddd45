# Consent moves here from volunteers (issue 13): it records what the account
# agreed to at signup, whatever role the person has. Only Django's idea of the
# owning app changes; the table keeps its name and rows (volunteers 0012
# drops the model from volunteers' state), and the content type row is
# relabelled so its permissions keep their ids.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_type_follows(apps, schema_editor, old="volunteers", new="accounts"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new, model="consent").exists():
        ContentType.objects.filter(app_label=old, model="consent").update(app_label=new)


def content_type_back(apps, schema_editor):
    content_type_follows(apps, schema_editor, old="accounts", new="volunteers")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("volunteers", "0011_overview_access_moved"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Consent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("statement_version", models.CharField(max_length=20)),
                        ("given_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="consent",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={"db_table": "volunteers_consent"},
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_follows, content_type_back, elidable=False),
    ]
