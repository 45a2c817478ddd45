"""Free text about a person's situation, encrypted at rest (issue 17).

A signal's or referral's note can say more than any other field on the site
("mevrouw komt sinds de dood van haar man de deur niet meer uit"). It is kept
encrypted with Fernet (AES-128-CBC + HMAC-SHA256) under keys from the
environment, so a database dump, a backup or a read-only SQL account shows
only ciphertext.

``FIELD_ENCRYPTION_KEYS`` is a comma-separated list of Fernet keys, newest
first: new values are encrypted with the first, old values are read with any
of them. Rotation (docs/security.md): put a new key in front, run
``manage.py rotate_field_keys``, then drop the old key.
"""

from __future__ import annotations

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.lookups import Exact

PREFIX = "fernet:"


def generate_key() -> str:
    return Fernet.generate_key().decode()


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS is empty: set it to one or more Fernet keys "
            "(python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())')."
        )
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"FIELD_ENCRYPTION_KEYS holds a key that is not a Fernet key: {exc}"
        ) from exc


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    return PREFIX + fernet().encrypt(text.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        raise ValueError("not an encrypted value")
    try:
        return fernet().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken as exc:
        # Never fall back to showing the ciphertext or an empty note as if it
        # were the text: a missing key is a deployment fault, said loudly.
        raise ImproperlyConfigured(
            "An encrypted field could not be read with any key in FIELD_ENCRYPTION_KEYS."
        ) from exc


def rotate(stored: str) -> str:
    """The same text encrypted under the newest key."""
    return PREFIX + fernet().rotate(stored[len(PREFIX) :].encode()).decode()


class _EmptyOnlyExact(Exact):
    """``note=""`` works; ``note="text"`` would compare against a fresh
    ciphertext (a new IV each time) and silently never match, so it raises."""

    def get_prep_lookup(self):
        if self.rhs not in ("", None):
            raise TypeError("An encrypted field can only be compared with ''.")
        return super().get_prep_lookup()


class EncryptedTextField(models.TextField):
    """A TextField whose database value is Fernet ciphertext.

    It cannot be searched, filtered or ordered on in SQL, on purpose. Empty
    text stays empty (nothing to hide, and ``blank=True`` keeps working).
    """

    description = "Text encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name == "exact":
            return _EmptyOnlyExact
        if lookup_name != "isnull":
            raise TypeError(f"An encrypted field cannot be queried with '{lookup_name}'.")
        return super().get_lookup(lookup_name)


NOT_SECRET_KEYS = {
    # The dev and test settings' keys: in the repository, so not secret.
    "ZGV2LW9ubHktbm90LXNlY3JldC1tZWVkb2VuLWtleSE=",
    "dGVzdC1vbmx5LW5vdC1zZWNyZXQtbWVlZG9lbi1rZXk=",
}


@register(Tags.security, deploy=True)
def check_field_keys(app_configs, **kwargs):
    """In production the notes of signals and referrals are encrypted under a
    key only the server knows."""
    keys = list(settings.FIELD_ENCRYPTION_KEYS)
    problem = ""
    if not keys:
        problem = "FIELD_ENCRYPTION_KEYS is empty."
    elif NOT_SECRET_KEYS & set(keys):
        problem = "FIELD_ENCRYPTION_KEYS holds the development key from the repository."
    else:
        try:
            _fernet(tuple(keys))
        except ImproperlyConfigured as exc:
            problem = str(exc)
    if problem:
        return [
            Error(
                problem,
                hint="Set FIELD_ENCRYPTION_KEYS to one or more Fernet keys, newest first "
                "(docs/security.md, 'Encrypted notes'). Keep them apart from database backups.",
                id="core.E003",
            )
        ]
    return []
