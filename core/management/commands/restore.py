"""Restore a backup into an empty database and media folder (docs/deploy.md,
"Terugzetten")."""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.backups import BackupError, backup_restore, database_objects

FORCE_WARNING = (
    "LET OP: met --force wordt ALLES in database {name} gewist en vervangen door de "
    "back-up, en worden de bestanden in {media} overschreven.\n"
    "WARNING: --force erases EVERYTHING in database {name} and replaces it with the "
    "backup, and overwrites the files in {media}."
)


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup` (a folder or .tar): checks the checksums and "
        "the manifest, restores the database with pg_restore into an empty database, "
        "runs migrate, restores the media files, rebuilds the search index and compares "
        "the counts with the manifest. --force empties a database that is not empty."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the backup folder or .tar")
        parser.add_argument(
            "--force",
            action="store_true",
            help="erase a database and media folder that are not empty first",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="with --force: do not ask to type the database's name",
        )
        parser.add_argument(
            "--skip-search-index",
            action="store_true",
            help="do not rebuild the search index (run `search_index rebuild` later)",
        )

    def handle(self, *args, path, force, interactive, skip_search_index, **options):
        name = connection.settings_dict["NAME"]
        if force and database_objects():
            self.stderr.write(
                self.style.WARNING(FORCE_WARNING.format(name=name, media=settings.MEDIA_ROOT))
            )
            if interactive and sys.stdin.isatty():
                answer = input(f"Typ de naam van de database ({name}) om door te gaan: ")
                if answer.strip() != name:
                    raise CommandError("Gestopt: er is niets veranderd.")

        def migrate():
            call_command("migrate", interactive=False, verbosity=0)

        def rebuild():
            call_command("search_index", "rebuild", stdout=self.stdout)

        try:
            restored = backup_restore(
                path=path,
                key=settings.BACKUP_ENCRYPTION_KEY,
                force=force,
                migrate=migrate,
                rebuild_search=None if skip_search_index else rebuild,
                log=self.stdout.write,
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        manifest = restored.manifest
        version = manifest.get("version", {})
        self.stdout.write(
            self.style.SUCCESS(
                f"Teruggezet: de back-up van {manifest['created_at']} "
                f"(versie {version.get('commit') or version.get('package') or 'onbekend'}) "
                f"in database {name}."
            )
        )
        tables = restored.counts["tables"]
        self.stdout.write(
            f"  {sum(restored.counts['pages'].values())} pagina's, "
            f"{tables.get('auth.user', 0)} accounts, "
            f"{tables.get('helprequests.helprequest', 0)} hulpvragen."
        )
        if restored.differences:
            self.stdout.write(
                self.style.WARNING(
                    "Aantallen die verschillen van de back-up (na migrate kan dat kloppen):"
                )
            )
            for line in restored.differences:
                self.stdout.write(f"  {line}")
        else:
            self.stdout.write(
                f"  Alle aantallen zijn gelijk aan de back-up ({len(tables)} tabellen)."
            )
        for warning in restored.warnings:
            self.stderr.write(self.style.WARNING(warning))
        self.stdout.write(
            "Let op (AVG): gegevens die mensen na deze back-up hebben laten verwijderen, "
            "zijn nu terug. Verwijder ze opnieuw (docs/deploy.md, "
            "'Restoring an old backup and the AVG')."
        )
