# OverviewAccess (a permission, no table) moves here from volunteers
# (volunteers 0011). The content type row is relabelled rather than made anew,
# so the permission "view_overview" keeps its id and whoever holds it.

from django.db import migrations, models


def content_type_follows(apps, schema_editor, old="volunteers", new="reports"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new, model="overviewaccess").exists():
        ContentType.objects.filter(app_label=old, model="overviewaccess").update(app_label=new)


def content_type_back(apps, schema_editor):
    content_type_follows(apps, schema_editor, old="reports", new="volunteers")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("volunteers", "0010_initiative_member_moved"),
    ]

    operations = [
        migrations.CreateModel(
            name="OverviewAccess",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
            ],
            options={
                "verbose_name": "toegang tot het overzicht",
                "permissions": [("view_overview", "Kan het overzicht per wijk en thema zien")],
                "managed": False,
                "default_permissions": (),
            },
        ),
        migrations.RunPython(content_type_follows, content_type_back, elidable=False),
    ]
