"""Back up the database and the media files (docs/deploy.md, "Back-ups")."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, backup_create, backup_prune
from core.backups import new_key as make_key


class Command(BaseCommand):
    help = (
        "Write a backup (PostgreSQL dump in custom format, the media files as a tar, "
        "and manifest.json with version, migrations, counts and checksums) into a new "
        "folder under --output (default BACKUP_DIR). Encrypted with BACKUP_ENCRYPTION_KEY "
        "when BACKUP_ENCRYPT is on or --encrypt is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="folder for the backup (BACKUP_DIR)")
        parser.add_argument("--tar", action="store_true", help="one .tar file, not a folder")
        encrypt = parser.add_mutually_exclusive_group()
        encrypt.add_argument(
            "--encrypt",
            action="store_true",
            default=None,
            help="encrypt with BACKUP_ENCRYPTION_KEY (default: BACKUP_ENCRYPT)",
        )
        encrypt.add_argument("--no-encrypt", dest="encrypt", action="store_false")
        parser.add_argument(
            "--keep",
            metavar="DAILY,WEEKLY,MONTHLY",
            default=None,
            help="afterwards remove older backups in the folder, keeping the newest per "
            "day, ISO week and month, e.g. 14,8,12 (default BACKUP_KEEP; empty: keep all)",
        )
        parser.add_argument(
            "--new-key", action="store_true", help="print a new key for BACKUP_ENCRYPTION_KEY"
        )

    def handle(self, *args, output, tar, encrypt, keep, new_key, **options):
        if new_key:
            self.stdout.write(make_key())
            return
        key = settings.BACKUP_ENCRYPTION_KEY
        if encrypt is None:
            encrypt = bool(key) if settings.BACKUP_ENCRYPT is None else settings.BACKUP_ENCRYPT
        if encrypt and not key:
            raise CommandError(
                "Versleutelen kan niet: BACKUP_ENCRYPTION_KEY is leeg. Maak een sleutel met "
                "'python manage.py backup --new-key' en bewaar hem buiten deze server."
            )
        folder = output or Path(settings.BACKUP_DIR)
        try:
            backup = backup_create(
                output_dir=folder, key=key if encrypt else "", as_tar=tar, log=self.stdout.write
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        counts = backup.manifest["counts"]["tables"]
        secrecy = (
            f"versleuteld (sleutel {backup.manifest['key_id']})" if encrypt else "NIET versleuteld"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Back-up gemaakt: {backup.path}\n"
                f"  {sum(backup.manifest['counts']['pages'].values())} pagina's, "
                f"{counts.get('auth.user', 0)} accounts, "
                f"{backup.manifest['media_files']} mediabestanden, "
                f"{secrecy}."
            )
        )
        keep = settings.BACKUP_KEEP if keep is None else keep
        if keep:
            try:
                removed = backup_prune(folder=folder, keep=keep)
            except BackupError as exc:
                raise CommandError(str(exc)) from None
            for path in removed:
                self.stdout.write(f"Oude back-up verwijderd: {path}")
