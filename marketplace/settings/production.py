"""Production: refuses to start without a real secret and explicit hosts."""

from django.core.exceptions import ImproperlyConfigured

from core.logs import logging_config

from .base import *  # noqa: F403
from .base import CACHES, LOG_LEVEL, SILENCED_SYSTEM_CHECKS, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
if len(SECRET_KEY) < 32 or "not-secret" in SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY to a random value of at least 32 characters.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Rate limits (allauth's and core/ratelimit.py) and the geocoding
# throttle count in the cache. A per-process cache (the default) multiplies
# every limit by the number of server processes; the database and file caches
# do not increment atomically, so a burst of parallel requests passes a limit.
SHARED_CACHES = {
    "django.core.cache.backends.redis.RedisCache",
    "django.core.cache.backends.memcached.PyMemcacheCache",
    "django.core.cache.backends.memcached.PyLibMCCache",
    "django_redis.cache.RedisCache",
}
if CACHES["default"]["BACKEND"] not in SHARED_CACHES:
    raise ImproperlyConfigured(
        "Set CACHE_URL to a cache all server processes share, e.g. "
        "redis://127.0.0.1:6379/1 (or pymemcache://): the rate limits count there."
    )

# HSTS and the redirect only here: the site runs behind a TLS-terminating
# proxy that sets X-Forwarded-Proto (and must strip it from clients).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# A load balancer probes the processes directly over plain http: a redirect
# would read as "not healthy" (docs/operations.md).
SECURE_REDIRECT_EXEMPT = [r"^health/(live|ready)$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Referrer-Policy, nosniff, COOP and X-Frame-Options: base.py (every environment).

# Links in account emails (confirmation, password reset) use https even when
# the proxy talks plain http to Django.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
# The rate limits count per client IP. Behind the proxy REMOTE_ADDR is the
# proxy itself, so the client comes from the last X-Forwarded-For entry that
# our own proxies added (one proxy: 1). 0 only when Django faces the internet.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)

# Staff and moderators log in with a password and an authenticator app
# (docs/accounts.md). STAFF_REQUIRE_MFA=false only for a deliberate reason.
STAFF_REQUIRE_MFA = env.bool("STAFF_REQUIRE_MFA", default=True)

# check --deploy warns (security.W021) while HSTS preload is off. Preload is
# a decision for whoever owns the domain, not for this code: it puts the
# domain and all its subdomains in the browsers' built-in list, is honoured
# only on a registrable domain (not on meedoen.gemeente.nl) and takes months
# to undo. Set SECURE_HSTS_PRELOAD=true once the domain's owner has decided;
# the check then has nothing to say and is not silenced.
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]

# One JSON object per log line, for the log collector (docs/logging.md).
LOG_FORMAT = env("LOG_FORMAT", default="json")
LOGGING = logging_config(fmt=LOG_FORMAT, level=LOG_LEVEL)
