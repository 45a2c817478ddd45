"""Re-encrypt every encrypted field under the newest key (docs/security.md,
"Signalen en verwijzingen")."""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from core.crypto import PREFIX, EncryptedTextField, fernet, rotate


def encrypted_fields() -> list[tuple[type, list[EncryptedTextField]]]:
    """Every concrete model with its ``EncryptedTextField`` columns, found by
    the field's class: an app that adds one needs no change here."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, EncryptedTextField) and f.model is model
        ]
        if fields:
            found.append((model, fields))
    return found


def rotate_model(model, fields, *, batch: int) -> int:
    """Rotate one table in batches of ``batch`` rows, each in its own
    transaction (rows locked while they are rewritten). Raw SQL: the values
    are rotated as stored (MultiFernet.rotate), never loaded as model objects.
    Returns how many values were rewritten."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    pk = quote(model._meta.pk.column)
    columns = [quote(f.column) for f in fields]
    last = None
    rewritten = 0
    while True:
        after = "" if last is None else f"WHERE {pk} > %s"
        params = ([] if last is None else [last]) + [batch]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {pk}, {', '.join(columns)} FROM {table} {after} "
                f"ORDER BY {pk} LIMIT %s FOR UPDATE",
                params,
            )
            rows = cursor.fetchall()
            if not rows:
                return rewritten
            for key, *values in rows:
                last = key
                changed = {
                    column: rotate(value)
                    for column, value in zip(columns, values, strict=True)
                    if value and value.startswith(PREFIX)
                }
                if not changed:
                    continue
                assignments = ", ".join(f"{column} = %s" for column in changed)
                cursor.execute(
                    f"UPDATE {table} SET {assignments} WHERE {pk} = %s",
                    [*changed.values(), key],
                )
                rewritten += len(changed)


class Command(BaseCommand):
    help = (
        "Versleutelt elk versleuteld tekstveld opnieuw met de nieuwste sleutel (de eerste in "
        "FIELD_ENCRYPTION_KEYS). Zet eerst de nieuwe sleutel vooraan, draai dit, en haal daarna "
        "de oude sleutel weg. Veilig om opnieuw te draaien."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500, help="Rijen per transactie.")

    def handle(self, *args, batch=500, **options):
        if batch < 1:
            raise CommandError("--batch moet minstens 1 zijn.")
        try:
            fernet()  # no keys, or a bad one: say so before touching anything
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        total = 0
        for model, fields in encrypted_fields():
            count = rotate_model(model, fields, batch=batch)
            total += count
            self.stdout.write(f"{model._meta.label}: {count} waarden opnieuw versleuteld.")
        self.stdout.write(f"Klaar: {total} waarden.")
