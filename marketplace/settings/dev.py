"""Local development: DEBUG on, a throwaway key, console email."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-not-secret-meedoen")
FIELD_ENCRYPTION_KEYS = env.list(
    "FIELD_ENCRYPTION_KEYS", default=["ZGV2LW9ubHktbm90LXNlY3JldC1tZWVkb2VuLWtleSE="]
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
WHITENOISE_AUTOREFRESH = True
# Shows X-Cache: hit|miss on pages the page cache may keep (core/pagecache.py).
PAGE_CACHE_HEADER = env.bool("PAGE_CACHE_HEADER", default=True)
