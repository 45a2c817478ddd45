"""Test settings: fast hashing, in-memory email and cache, no outside calls."""

from .base import *  # noqa: F403
from .base import DATABASES, env

DEBUG = False
SECRET_KEY = "test-only-not-secret"
FIELD_ENCRYPTION_KEYS = ["dGVzdC1vbmx5LW5vdC1zZWNyZXQtbWVlZG9lbi1rZXk="]
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests never reach the internet: the PDOK geocoder is tested against a local
# server that the tests start themselves.
GEOCODERS = ["table", "places"]
PDOK_LOCATIESERVER_URL = "http://127.0.0.1:9/unreachable"
GEOCODER_TIMEOUT = 1.0
WHITENOISE_AUTOREFRESH = True
# The page cache is off in tests unless a test turns it on (tests/test_page_cache.py,
# which proves its rules). Many tests change content through the ORM or a
# factory between two requests, where production goes through a publish (which
# bumps the content version); with the cache on they would test its timeout
# instead of their subject. PAGE_CACHE_SECONDS=60 runs any test with it on.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)
PAGE_CACHE_HEADER = True

# Parallel runs on one server (several developers, or CI beside a dev run) can
# each name their own test database.
_test_name = env("TEST_DATABASE_NAME", default="")
if _test_name:
    DATABASES["default"]["TEST"] = {"NAME": _test_name}
