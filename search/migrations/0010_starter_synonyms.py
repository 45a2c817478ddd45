"""The starter list of search synonyms (search/synonym_list.py). Entries a
moderator already has are left alone."""

from django.db import migrations

from search.synonym_list import parse


def load(apps, schema_editor):
    SearchSynonym = apps.get_model("search", "SearchSynonym")
    existing = set(SearchSynonym.objects.values_list("term", flat=True))
    SearchSynonym.objects.bulk_create(
        SearchSynonym(term=term, synonyms=", ".join(words), two_way=two_way)
        for term, words, two_way in parse()
        if term not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0009_search_synonym")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
