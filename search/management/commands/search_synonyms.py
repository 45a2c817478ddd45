"""Load or export the search synonyms ("Zoekwoorden")."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from search.services import synonyms_export, synonyms_load
from search.synonym_list import ENTRIES, parse


class Command(BaseCommand):
    help = (
        "load: add the starter list (search/synonym_list.py) or --file's entries whose "
        "term is not in the table yet; --replace empties the table first. export: print "
        "the table in the same format ('term: also, means'; '=' for two-way entries)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["load", "export"])
        parser.add_argument("--file", type=Path, help="load: entries in the export format")
        parser.add_argument("--replace", action="store_true", help="load: empty the table first")

    def handle(self, *args, action, file=None, replace=False, **options):
        if action == "export":
            self.stdout.write(synonyms_export())
            return
        try:
            text = file.read_text(encoding="utf-8") if file else ENTRIES
        except OSError as exc:
            raise CommandError(f"Kan {file} niet lezen: {exc}") from exc
        added = synonyms_load(entries=parse(text), replace=replace)
        self.stdout.write(f"{added} zoekwoorden toegevoegd.")
