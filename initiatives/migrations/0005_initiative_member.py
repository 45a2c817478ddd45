# InitiativeMember moves here from volunteers (issue 13): membership belongs to
# the initiative, and initiatives must not import volunteers. Only Django's
# idea of which app owns the model changes; the table keeps its name and its
# rows (volunteers 0010 drops the model from volunteers' state).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_type_follows(apps, schema_editor, old="volunteers", new="initiatives"):
    """Keep the content type row, so the permissions that point at it (and any
    group holding them) stay as they are, under the new app label."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new, model="initiativemember").exists():
        ContentType.objects.filter(app_label=old, model="initiativemember").update(app_label=new)


def content_type_back(apps, schema_editor):
    content_type_follows(apps, schema_editor, old="initiatives", new="volunteers")


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("initiatives", "0004_registration_unconfirmed"),
        ("volunteers", "0009_help_request_wijk_from_public_point"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="InitiativeMember",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "role",
                            models.CharField(
                                choices=[("manager", "beheerder"), ("member", "medewerker")],
                                default="member",
                                max_length=10,
                                verbose_name="rol",
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "initiative",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="members",
                                to="initiatives.initiativepage",
                                verbose_name="initiatief",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="initiative_memberships",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="gebruiker",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "lid van een initiatief",
                        "verbose_name_plural": "leden van initiatieven",
                        "db_table": "volunteers_initiativemember",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("user", "initiative"), name="member_unique_user"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_follows, content_type_back, elidable=False),
    ]
