"""Replace Wagtail's welcome page with Meedoen's home page and initiatives index,
so a freshly migrated database is a working site."""

from django.db import migrations


def create_structure(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("initiatives.HomePage")
    InitiativeIndexPage = apps.get_model("initiatives.InitiativeIndexPage")

    if HomePage.objects.exists():
        return
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    root = Page.objects.get(depth=1)
    locale = Locale.objects.first()
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="initiatives")
    index_type, _ = ContentType.objects.get_or_create(
        model="initiativeindexpage", app_label="initiatives"
    )
    # Tree paths by hand: migrations cannot use treebeard's add_child.
    siblings = Page.objects.filter(depth=2).order_by("-path").values_list("path", flat=True)
    step = int(siblings[0][-4:], 36) + 1 if siblings else 1
    home_path = root.path + _base36(step)
    home = HomePage.objects.create(
        title="Meedoen", draft_title="Meedoen", slug="home", content_type=home_type,
        path=home_path, depth=2, numchild=1, url_path="/home/", locale=locale, live=True,
        intro="Doe mee in je buurt: ontmoeten, meedoen, helpen.",
    )
    InitiativeIndexPage.objects.create(
        title="Initiatieven", draft_title="Initiatieven", slug="initiatieven",
        content_type=index_type, path=home_path + "0001", depth=3, numchild=0,
        url_path="/home/initiatieven/", locale=locale, live=True,
        intro="Buurthuizen, stichtingen en buurtgroepen die iets organiseren.",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page_id": home.id,
                  "site_name": "Meedoen"},
    )


def _base36(number: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out.rjust(4, "0")


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0001_initial"),
        ("wagtailcore", "__latest__"),
    ]

    operations = [migrations.RunPython(create_structure, migrations.RunPython.noop)]
