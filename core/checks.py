"""The project's own production checks, run by ``check --deploy`` (and
``make deploy-check``, docs/deploy.md).

Django's own deploy checks only warn about DEBUG and a short SECRET_KEY, and
say nothing of a wildcard host, a per-process cache or a mail backend that
sends nothing; here they are errors. production.py refuses some of these at
import time already (DEBUG off, a key of 32+ characters, a shared cache); the
checks also hold for any other settings module a deployment might use. The base
URL (core.E001, core/site_url.py) and the field keys (core.E003,
core/crypto.py) are checked where they are used.
"""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured

from core.backups import BackupError, key_id

# Caches every server process shares: the rate limits count there. (The same
# list as production.py's, which cannot import an app.)
SHARED_CACHES = {
    "django.core.cache.backends.redis.RedisCache",
    "django.core.cache.backends.memcached.PyMemcacheCache",
    "django.core.cache.backends.memcached.PyLibMCCache",
    "django_redis.cache.RedisCache",
}
# Mail backends that send nothing to anyone.
FAKE_MAIL = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}
# Words of example and development keys (.env.example, dev.py, test.py).
PLACEHOLDER_WORDS = ("change-me", "changeme", "not-secret", "insecure", "example", "secret-key")
MIN_SECRET_LENGTH = 50
MIN_SECRET_UNIQUE = 10


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in SHARED_CACHES:
        return [
            Error(
                f"The default cache ({backend}) is not shared by the server processes.",
                hint="Set CACHE_URL to Redis (redis://127.0.0.1:6379/1) or Memcached: the "
                "rate limits and the login locks count there, per process otherwise.",
                id="core.E004",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_mail_backend(app_configs, **kwargs):
    if settings.EMAIL_BACKEND in FAKE_MAIL:
        return [
            Error(
                f"EMAIL_BACKEND is {settings.EMAIL_BACKEND}: no mail leaves the server.",
                hint="Set EMAIL_URL to the mail relay, e.g. "
                "smtp+tls://user:password@smtp.gemeente.nl:587: account confirmations, "
                "password resets and replies to help requests go by mail.",
                id="core.E005",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    try:
        key = settings.SECRET_KEY or ""
    except ImproperlyConfigured:  # Django refuses to read an empty key
        key = ""
    lowered = key.lower()
    if (
        len(key) < MIN_SECRET_LENGTH
        or len(set(key)) < MIN_SECRET_UNIQUE
        or any(word in lowered for word in PLACEHOLDER_WORDS)
    ):
        return [
            Error(
                "SECRET_KEY is too short, too simple or an example value.",
                hint=f"Set SECRET_KEY to {MIN_SECRET_LENGTH}+ random characters: "
                'python -c "import secrets; print(secrets.token_urlsafe(50))". '
                "It signs sessions and password-reset links.",
                id="core.E006",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_allowed_hosts(app_configs, **kwargs):
    hosts = list(settings.ALLOWED_HOSTS)
    if not hosts or "*" in hosts:
        return [
            Error(
                f"ALLOWED_HOSTS is {hosts!r}.",
                hint="Set ALLOWED_HOSTS to the site's host names, e.g. meedoen.gemeente.nl: "
                "a wildcard lets anyone's Host header into links in mails.",
                id="core.E007",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_debug_off(app_configs, **kwargs):
    if settings.DEBUG:
        return [
            Error(
                "DEBUG is on.",
                hint="Unset DEBUG (or DEBUG=false): an error page would show settings "
                "and personal data to any visitor.",
                id="core.E008",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_backup_encryption(app_configs, **kwargs):
    key = settings.BACKUP_ENCRYPTION_KEY
    if key:
        try:
            key_id(key)
        except BackupError as exc:
            return [Error(str(exc), id="core.E009")]
        return []
    if settings.BACKUP_ENCRYPT:
        return [
            Error(
                "BACKUP_ENCRYPT is on but BACKUP_ENCRYPTION_KEY is empty: backups would fail.",
                hint="Make a key with `python manage.py backup --new-key` and keep a copy "
                "apart from the backups (docs/deploy.md, 'Back-ups').",
                id="core.E009",
            )
        ]
    if settings.BACKUP_ENCRYPT is None:
        return [
            Warning(
                "Backups are written unencrypted, and they hold personal data.",
                hint="Set BACKUP_ENCRYPTION_KEY (`python manage.py backup --new-key`), or "
                "BACKUP_ENCRYPT=false when the backups go to storage that is encrypted "
                "itself (docs/deploy.md, 'Back-ups').",
                id="core.W010",
            )
        ]
    return []
