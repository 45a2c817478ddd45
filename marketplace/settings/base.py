"""Settings shared by every environment; values come from the environment.

Development defaults live in ``dev.py``; nothing here is safe to leave on in
production without an environment variable saying so (DEBUG defaults to False).
"""

from operator import attrgetter
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from core.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env (written by `make`) fills in what the shell did not set; the
# shell always wins.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
# Fernet keys for notes kept encrypted at rest, newest first (core/crypto.py).
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[])
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

DATABASES = {
    "default": env.db_url("DATABASE_URL", default="postgis://postgres@127.0.0.1:5432/meedoen")
}
# env.db_url maps postgres:// to the plain backend; GeoDjango needs PostGIS.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "django.contrib.gis.db.backends.postgis"
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# PostgreSQL's JIT compiles queries whose cost estimate is high; for search
# queries that return 20 rows it adds ~100 ms of compiling and saves nothing.
# work_mem: a search's bitmap of ~100,000 matches fits without going lossy
# (a lossy bitmap rechecks whole pages: 3x the rows read).
# synchronize_seqscans: a scan that stops at the first 1,001 matches of a common
# word should start at the table's start, not wherever another scan is (which
# made the same query take 10 or 300 ms at 1M listings).
DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
    f"-c jit=off -c work_mem={env('DATABASE_WORK_MEM', default='32MB')} -c synchronize_seqscans=off"
)
# A database that does not answer fails a request (and /health/ready) after
# this many seconds instead of hanging it.
DATABASES["default"]["OPTIONS"].setdefault(
    "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "core",
    "organisation",
    "accounts",
    "audit",
    "initiatives",
    "contactpoints",
    "professionals",
    "referrals",
    "signalling",
    "helprequests",
    "signups",
    "volunteers",
    "followup",
    "search",
    "reports",
    "api",
    "operations",
    "wagtail.contrib.forms",
    # Site settings: the organisation's contact details (organisation/).
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "leaflet",  # only for the Leaflet files it ships; the widget is our own
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    # First: the request id for every log line, and one line per request
    # (core/logs.py, docs/logging.md).
    "core.logs.RequestLogMiddleware",
    # Requests counted and timed per view for /metrics (core/metrics.py):
    # outermost, so that page-cache hits and redirects count too.
    "core.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy (docs/security.md).
    "core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A plain (Dutch) address asked in another language is sent to that
    # language's address (core/i18n.py); before the page cache and the 304s.
    "core.i18n.PreferredLanguageMiddleware",
    # 304 for public feeds and the API when nothing was published since
    # (core/conditional.py); before the session, so it never reads one.
    "core.conditional.ConditionalPublicGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Whole public pages for anonymous visitors (core/pagecache.py): inside
    # the session middleware, outside everything that reads the session, the
    # user or the CSRF cookie, so a hit skips them all.
    "core.pagecache.PageCacheMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The account's language on a device that has no choice yet.
    "accounts.languages.AccountLanguageMiddleware",
    # Outside geocoder lookups count per client address (initiatives/geocoding.py).
    "initiatives.geocoding.GeocodingClientMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The Dutch 404 page with DEBUG on as well (core/not_found.py); inside
    # the redirects, so a redirect for an old address still wins.
    "core.not_found.NotFoundPageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # A locked or throttled login answers 429 (docs/accounts.md).
    "accounts.middleware.TooManyAttemptsMiddleware",
    # Staff set up two-factor login first, when STAFF_REQUIRE_MFA is on.
    "accounts.middleware.StaffTwoFactorMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"

# Plain inputs and selects are written out without a template per widget and
# per option (core/widgets.py): the same HTML, a fraction of the time.
FORM_RENDERER = "core.widgets.PlainRenderer"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "initiatives.context_processors.site",
            ],
        },
    },
]

# One login door (docs/accounts.md): email and password through allauth, for
# the site and both admins. The backend checks a password only for a login
# that allauth's adapter has counted against the limits; there is no username
# login (Django's ModelBackend) any more.
AUTHENTICATION_BACKENDS = ["accounts.auth_backends.LimitedAuthenticationBackend"]

# Django's checks with hints in the site's "je" (accounts/password_validation.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"accounts.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# The interface in six languages (docs/languages.md, "The interface"): Dutch
# is the default and the source language of every string (msgid), so a
# string that is not translated yet falls back to correct Dutch. Listings
# stay Dutch: the initiatives write them. Names in their own language, so
# the switcher is readable to the people who need it.
LANGUAGE_CODE = "nl"
LANGUAGES = [
    ("nl", "Nederlands"),
    ("en", "English"),
    ("ar", "العربية"),
    ("uk", "Українська"),
    ("tr", "Türkçe"),
    ("pl", "Polski"),
]
# The catalogues (make messages); another folder only for the test that
# checks they hold every marked string (tests/i18n/test_catalogues.py).
LOCALE_PATHS = [Path(env.str("MEEDOEN_LOCALE_DIR", default=str(BASE_DIR / "locale")))]
# The choice of language is remembered for a year; Lax, like the session.
LANGUAGE_COOKIE_NAME = "meedoen_taal"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# NL Design System CSS comes from npm (package.json, `npm ci` in `make setup`)
# and is served by the project like its own files: no CDN. core/themes.py.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "marketplace" / "static",
    ("nlds/utrecht", NODE_MODULES / "@utrecht" / "component-library-css" / "dist"),
    ("nlds/denhaag", NODE_MODULES / "@gemeente-denhaag" / "design-tokens-components" / "dist"),
]
# The house style: "meedoen" (neutral) or a municipality's token set.
MEEDOEN_THEME = env("MEEDOEN_THEME", default="meedoen")
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage",
    },
}
# The Wagtail page editor posts one field per block, panel and inline row.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Request bodies without the files (forms, the page editor); files are limited
# per kind below. Uploads larger than FILE_UPLOAD_MAX_MEMORY_SIZE go to a
# temporary file instead of memory. The proxy in front must allow a little more
# than the largest upload (nginx: client_max_body_size 25m).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB, Django's default

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# A relay that does not answer must not hold a request (or the worker) for
# minutes: Django's default is no timeout at all.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Meedoen <noreply@meedoen.local>")

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

WAGTAIL_SITE_NAME = env("SITE_NAME", default="Meedoen")
# Wagtail's login, password reset and password and email forms are not used:
# /admin/login/ sends people to the site's login (accounts.views), and
# passwords and addresses are managed under /account/, where allauth counts
# tries and verifies addresses.
WAGTAILADMIN_LOGIN_URL = "admin_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# The public address every absolute link is built on (core/site_url.py);
# check --deploy refuses localhost and plain http.
WAGTAILADMIN_BASE_URL = env(
    "WAGTAILADMIN_BASE_URL", default=env("BASE_URL", default="http://127.0.0.1:8000")
)
# The licence of the open data (docs/open-data.md): CC0-1.0 or CC-BY-4.0.
OPEN_DATA_LICENSE = env("OPEN_DATA_LICENSE", default="CC0-1.0")
# Where `manage.py export_hsds` writes the full dump (served as a file).
OPEN_DATA_DIR = env("OPEN_DATA_DIR", default=str(MEDIA_ROOT / "open-data"))
# The API (Wagtail's v2, read-only and public) takes no credentials: with
# DRF's defaults it checked Basic passwords, outside the login limits.
REST_FRAMEWORK = {"DEFAULT_AUTHENTICATION_CLASSES": []}
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}

# --- Uploads (docs/security.md) --------------------------------------------
# Images: photos and pictures only. No SVG: an SVG can carry script. Willow
# opens each upload, so a renamed file of another kind is refused too.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# A small file can unpack to a huge bitmap ("decompression bomb"); 40
# megapixels is more than any phone camera gives.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Documents: office files, never HTML, SVG or anything a browser runs.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents always go through Wagtail's view (never straight from /media/): it
# checks collection privacy, sends "attachment" for everything except PDF and
# plain text, and adds "Content-Security-Policy: default-src 'none'" and
# nosniff, so an uploaded file cannot run as part of the site.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
# Rich text without "embed": an embed is a third-party iframe (YouTube and
# the like) that follows visitors, and the public CSP would block it anyway.
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": [
                "h2",
                "h3",
                "h4",
                "bold",
                "italic",
                "ol",
                "ul",
                "hr",
                "link",
                "document-link",
                "image",
            ]
        },
    }
}
# Admin avatars from Gravatar would send a hash of each editor's email to a
# third party; Wagtail shows its default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The admin would ask releases.wagtail.org for new versions from the editor's
# browser; updates are the developers' job (requirements.txt), not the editors'.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Meedoen ---------------------------------------------------------------
# Search (issue: search). Empty means the embedded PostgreSQL backend.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
SEARCH_BACKEND = env("SEARCH_BACKEND", default="elasticsearch" if ELASTICSEARCH_URL else "postgres")
ELASTICSEARCH_INDEX = env("ELASTICSEARCH_INDEX", default="meedoen-listings")
# Seconds. A search waits at most TIMEOUT for Elasticsearch (connecting at most
# CONNECT_TIMEOUT) before PostgreSQL answers; after such a failure PostgreSQL
# answers without asking Elasticsearch for BREAKER_COOLDOWN. WRITE_TIMEOUT is
# for the outbox worker's writes, which never run in a request (docs/search.md).
ELASTICSEARCH_TIMEOUT = env.float("ELASTICSEARCH_TIMEOUT", default=1.0)
ELASTICSEARCH_CONNECT_TIMEOUT = env.float("ELASTICSEARCH_CONNECT_TIMEOUT", default=0.5)
ELASTICSEARCH_WRITE_TIMEOUT = env.float("ELASTICSEARCH_WRITE_TIMEOUT", default=10.0)
SEARCH_BREAKER_COOLDOWN = env.float("SEARCH_BREAKER_COOLDOWN", default=30.0)
# What search.backends.get_backend() builds (the format: search/backends/__init__.py),
# from the variables above: PostgreSQL alone, or Elasticsearch with PostgreSQL
# answering whenever it cannot.
_POSTGRES_SEARCH = {"BACKEND": "search.backends.postgres.PostgresBackend"}
if SEARCH_BACKEND == "postgres":
    SEARCH_BACKENDS = {"default": _POSTGRES_SEARCH}
elif SEARCH_BACKEND == "elasticsearch":
    SEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.fallback.FallbackBackend",
            "PRIMARY": {
                "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
                "URLS": [ELASTICSEARCH_URL] if ELASTICSEARCH_URL else [],
                "INDEX": ELASTICSEARCH_INDEX,
                "TIMEOUT": ELASTICSEARCH_TIMEOUT,
                "CONNECT_TIMEOUT": ELASTICSEARCH_CONNECT_TIMEOUT,
                "WRITE_TIMEOUT": ELASTICSEARCH_WRITE_TIMEOUT,
            },
            "FALLBACK": _POSTGRES_SEARCH,
            "COOLDOWN": SEARCH_BREAKER_COOLDOWN,
        }
    }
else:
    raise ImproperlyConfigured(
        f"SEARCH_BACKEND must be postgres or elasticsearch, not {SEARCH_BACKEND!r}."
    )
# Suggestions as you type (/zoeken/suggesties/): requests per client address.
# A person typing asks a few times a second at most, and only while typing.
SEARCH_SUGGEST_RATE = env("SEARCH_SUGGEST_RATE", default="120/m")

# Unmet demand (docs/search.md, "What residents look for and do not find"):
# searches with at most FEW results are counted per ISO week, place and
# normalised query. A query's text is kept and shown only once it was searched
# MIN_COUNT times (k-anonymity; never below 5); weeks older than RETENTION_WEEKS
# are deleted by `purge_search_demand` and never shown.
SEARCH_DEMAND_ENABLED = env.bool("SEARCH_DEMAND_ENABLED", default=True)
SEARCH_DEMAND_FEW = env.int("SEARCH_DEMAND_FEW", default=3)
SEARCH_DEMAND_MIN_COUNT = env.int("SEARCH_DEMAND_MIN_COUNT", default=5)
SEARCH_DEMAND_RETENTION_WEEKS = env.int("SEARCH_DEMAND_RETENTION_WEEKS", default=52)
if SEARCH_DEMAND_MIN_COUNT < 5:
    raise ImproperlyConfigured(
        "SEARCH_DEMAND_MIN_COUNT must be 5 or more: a rarer query can identify who typed it."
    )

# Geocoders tried in order: "table" (offline postcode table) and "pdok" (the
# government's Locatieserver over HTTPS).
# table: postcodes; places: woonplaatsen, gemeenten, wijken by name (both offline);
# pdok: addresses, online (initiatives/geocoding.py, docs/places.md).
GEOCODERS = env.list("GEOCODERS", default=["table", "places", "pdok"])
PDOK_LOCATIESERVER_URL = env(
    "PDOK_LOCATIESERVER_URL",
    default="https://api.pdok.nl/bzk/locatieserver/search/v3_1/free",
)
GEOCODER_TIMEOUT = env.float("GEOCODER_TIMEOUT", default=3.0)
# PDOK's answers are cached (a day; "not found" an hour; "unreachable" never),
# and each client address may make GEOCODER_REMOTE_RATE lookups that reach
# PDOK; beyond that the form says the place cannot be looked up now.
GEOCODER_CACHE_SECONDS = env.int("GEOCODER_CACHE_SECONDS", default=24 * 3600)
GEOCODER_CACHE_MISS_SECONDS = env.int("GEOCODER_CACHE_MISS_SECONDS", default=3600)
GEOCODER_REMOTE_RATE = env("GEOCODER_REMOTE_RATE", default="10/m")
HELP_REQUEST_ARCHIVE_WEEKS = env.int("HELP_REQUEST_ARCHIVE_WEEKS", default=8)
# No question left unanswered (docs/followup.md): per kind, after how many
# working days the responsible side gets a reminder and the coordinator is
# told ("reminder:escalation"); a kind left out keeps its default in
# followup/rules.py (DEFAULTS), which also checks the values.
FOLLOWUP_DAYS = env.dict("FOLLOWUP_DAYS", default={})
# A help request has a kind, not themes: the kinds that obviously belong to a
# theme count as sharing it ("Voor jou", the overview per theme). Kind =
# theme slug; the defaults are the slugs of the theme list the project starts
# with (initiatives/demo/vocabulary.py). A municipality with other slugs sets
# HELP_KIND_THEMES="respite=mantelzorg,transport=vervoer,...".
HELP_KIND_THEMES = env.dict(
    "HELP_KIND_THEMES",
    default={
        "respite": "mantelzorg",
        "transport": "vervoer",
        "company": "eenzaamheid",
        "paperwork": "armoede-en-schulden",
    },
)

# The anonymous page cache (core/pagecache.py, docs/security.md): seconds a
# public page made for an anonymous visitor is served from the shared cache;
# 0 turns it off. Short, because "Vandaag" and "nu open" move with the clock;
# every publish is visible on the next request whatever this is.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)
# Where the pages are kept: the default cache, or a cache of their own
# (e.g. redis://127.0.0.1:6379/2 with maxmemory and allkeys-lru), so many
# pages can be evicted without evicting rate-limit counters.
if env("PAGE_CACHE_URL", default=""):
    CACHES["pages"] = env.cache_url("PAGE_CACHE_URL")
PAGE_CACHE_ALIAS = "pages" if "pages" in CACHES else "default"
# Many identical misses at once make the page once (core/pagecache.py): the
# others serve the copy kept this long past its freshness while it is made,
# or wait this long for it; the lock ends by itself after this long.
PAGE_CACHE_STALE_SECONDS = env.int("PAGE_CACHE_STALE_SECONDS", default=60)
PAGE_CACHE_WAIT_SECONDS = env.float("PAGE_CACHE_WAIT_SECONDS", default=5.0)
PAGE_CACHE_LOCK_SECONDS = env.int("PAGE_CACHE_LOCK_SECONDS", default=15)
# The URL kinds (URL names) that may be cached: public pages only. Anything
# not listed (accounts, profiles, inbox, help requests, forms, admin) is never
# read from or written to the page cache.
PAGE_CACHE_VIEWS = frozenset(
    {
        "wagtail_serve",  # home, initiatives, activities, meeting places, vacancies
        "initiatives:activity_list",
        "initiatives:meeting_place_list",
        "initiatives:vacancy_list",
        "search:page",
        "search:api",
        "search:month",  # the month calendar (/agenda/)
        "volunteers:privacy",
        "organisation:contact",
        "organisation:colofon",
        "organisation:accessibility",
        "contactpoints:list",
        "search:embed_activities",
        "search:embed_initiative",
        "search:embed_activities_atom",
        "search:embed_activities_rss",
        "search:embed_initiative_atom",
        "search:embed_initiative_rss",
        # The printed agenda's page; its PDF has its own cache (docs/print.md).
        "search:print_agenda",
        "search:print_initiative",
    }
)
# X-Cache: hit|miss on cacheable requests, for benchmarks and the load test.
# Off by default: a hit tells anyone that the same URL (a search, say) was
# asked by someone else within the minute.
PAGE_CACHE_HEADER = env.bool("PAGE_CACHE_HEADER", default=False)

# Map tiles are the only outside resource a page loads; pages still work
# (addresses, lists) when they do not arrive.
MAP_TILE_URL = env("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION", default="&copy; OpenStreetMap-bijdragers")
# Where the map starts when nothing is known (Dordrecht, our first town).
MAP_DEFAULT_CENTER = (51.8133, 4.6901)

# Accounts (issue 4): django-allauth, email and password, no username. See
# docs/accounts.md. django.contrib.sites is not installed: allauth then takes
# the domain from the request, and the site name comes from SITE_NAME below.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
# allauth still fills User.username (the admin needs it), from the email's
# first part; people only know their email address, so show that.
ACCOUNT_USER_DISPLAY = attrgetter("email")
# The confirmation link logs in only in the browser that signed up (allauth
# checks the session), so a forwarded link cannot be used to take over.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{WAGTAIL_SITE_NAME}] "
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
# Counts every password check against the limits below (accounts/adapter.py).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# allauth's rate limits, per client IP ("ip") or per email address ("key");
# what is not listed keeps allauth's default. Counted in the cache: with
# several server processes CACHE_URL must point to a shared cache (Redis or
# Memcached; production.py refuses others), or each process counts on its own.
ACCOUNT_RATE_LIMITS = {
    # Guessing passwords: 5 wrong ones for one address lock it for 5 minutes,
    # whichever door or host name they came through. Also counts wrong
    # two-factor codes, per account.
    "login_failed": "10/m/ip,5/5m/key",
    # Every password check from one client, right or wrong. Counted by our
    # adapter as "login_attempt" (a throttled login then keeps its form);
    # allauth's own "login" count in the view is switched off.
    "login": "",
    "login_attempt": "30/m/ip",
    # A class or a library computer may sign up several people in a row.
    "signup": "10/m/ip,60/h/ip",
    # Reset emails must not become a way to flood someone's inbox.
    "reset_password": "10/m/ip,3/h/key",
}
# Two-factor login (allauth.mfa): an authenticator app (TOTP) with recovery
# codes; any account may turn it on under /account/2fa/. With
# STAFF_REQUIRE_MFA (on by default in production.py) staff and moderators set
# it up before they can do anything else (accounts.middleware).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = WAGTAIL_SITE_NAME
STAFF_REQUIRE_MFA = env.bool("STAFF_REQUIRE_MFA", default=False)
# Per account, for what reaches other people (core/ratelimit.py). Counted
# in the cache before the action; production needs a shared cache for them.
VOLUNTEER_RATE_LIMITS = {
    "respond": env("RATE_LIMIT_RESPOND", default="10/h"),
    "help_request": env("RATE_LIMIT_HELP_REQUEST", default="5/h"),
    "help_offer": env("RATE_LIMIT_HELP_OFFER", default="20/h"),
    # Per account, or per client address when not logged in: registrations
    # made, and every attempt (also forms with errors).
    "register_initiative": env("RATE_LIMIT_REGISTER_INITIATIVE", default="5/h"),
    "register_initiative_attempt": env("RATE_LIMIT_REGISTER_INITIATIVE_ATTEMPT", default="20/h"),
    # Confirmation mails to one address, so the form cannot flood an inbox.
    "register_initiative_mail": env("RATE_LIMIT_REGISTER_INITIATIVE_MAIL", default="3/h"),
    # Referrals made by one professional, and applications as a professional.
    "referral": env("RATE_LIMIT_REFERRAL", default="30/h"),
    "professional_apply": env("RATE_LIMIT_PROFESSIONAL_APPLY", default="5/h"),
    # Signals sent to a contact point, per account (issue 17).
    "signal": env("RATE_LIMIT_SIGNAL", default="3/d"),
    # Taking a place on an activity's date (signups/), per account or per
    # client address; every attempt counts too (issue 18).
    "signup": env("RATE_LIMIT_SIGNUP", default="10/h"),
    "signup_attempt": env("RATE_LIMIT_SIGNUP_ATTEMPT", default="30/h"),
    # Confirmation mails to one address, so the form cannot flood an inbox.
    "signup_mail": env("RATE_LIMIT_SIGNUP_MAIL", default="3/h"),
    # Confirmations through the "Klopt dit nog?" link, per client address.
    "listing_confirm": env("RATE_LIMIT_LISTING_CONFIRM", default="30/h"),
}
# Signals (signalling/): removed by `purge_signals` (daily cron) this many
# days after they were closed, and at the latest this many days after they
# were sent when nobody closed them.
SIGNAL_RETENTION_DAYS = env.int("SIGNAL_RETENTION_DAYS", default=90)
SIGNAL_RETENTION_MAX_DAYS = env.int("SIGNAL_RETENTION_MAX_DAYS", default=365)
# Sign-ups for an activity's date (signups/): deleted by the hourly
# `send_signup_reminders` this many days after the date; a sign-up whose
# email address was not confirmed, this many hours after it was made.
SIGNUP_RETENTION_DAYS = env.int("SIGNUP_RETENTION_DAYS", default=28)
SIGNUP_CONFIRM_HOURS = env.int("SIGNUP_CONFIRM_HOURS", default=48)
# How long the link that confirms a registration's email address works
# (docs/publishing.md); unconfirmed registrations are then deleted.
REGISTRATION_CONFIRM_DAYS = env.int("REGISTRATION_CONFIRM_DAYS", default=7)
# An initiative's dashboard ("Mijn initiatief") lists its live listings not
# published again for this long: is it still on, still right?
LISTING_STALE_DAYS = env.int("LISTING_STALE_DAYS", default=183)
# Fresh listings (docs/freshness.md): days after the last confirmation (or
# publish) before `send_freshness_checks` asks "Klopt dit nog?", per type;
# then the grace days before the listing is marked "Niet recent bijgewerkt",
# then the days before it is taken offline. The confirm link works this long.
# A kind left out keeps its default in initiatives/freshness_rules.py.
FRESHNESS_DAYS = env.dict("FRESHNESS_DAYS", default={})
if set(FRESHNESS_DAYS) - {"vacancy", "activity", "meetingplace", "initiative"} or not all(
    str(days).isdigit() and int(days) > 0 for days in FRESHNESS_DAYS.values()
):
    # Checked here, not on the first listing page a visitor opens.
    raise ImproperlyConfigured(
        "FRESHNESS_DAYS: 'vacancy=90,activity=120,meetingplace=180,initiative=365' "
        f"(kinds from that list, whole days), got {FRESHNESS_DAYS!r}"
    )
FRESHNESS_GRACE_DAYS = env.int("FRESHNESS_GRACE_DAYS", default=30)
FRESHNESS_OFFLINE_DAYS = env.int("FRESHNESS_OFFLINE_DAYS", default=30)
FRESHNESS_LINK_DAYS = env.int("FRESHNESS_LINK_DAYS", default=90)
# Consent records say which privacy statement was agreed to; raise the
# version when the statement changes.
PRIVACY_STATEMENT_VERSION = env("PRIVACY_STATEMENT_VERSION", default="2026-1")

# --- Backups (core/backups.py, docs/deploy.md) -----------------------------
# `manage.py backup` writes a folder per backup here (keep it off the web
# root: backups hold personal data).
BACKUP_DIR = Path(env("BACKUP_DIR", default=str(BASE_DIR / "backups")))
# A key from `manage.py backup --new-key` (AES-256-GCM). Keep a copy apart from
# the backups: without it they cannot be restored, with it anyone can read them.
BACKUP_ENCRYPTION_KEY = env("BACKUP_ENCRYPTION_KEY", default="")
# Encrypt every backup (production should); `backup --encrypt/--no-encrypt`
# decides for one run. Unset: encrypted when a key is set (and check --deploy
# warns when there is none); false: a deliberate choice, e.g. for backups that
# go to storage encrypted by itself.
BACKUP_ENCRYPT = env.bool("BACKUP_ENCRYPT", default=None)
# After a backup, keep the newest of each of the last DAILY days, WEEKLY ISO
# weeks and MONTHLY months and remove older backups in BACKUP_DIR; empty keeps all.
BACKUP_KEEP = env("BACKUP_KEEP", default="")
# Where pg_dump and pg_restore are, when those on PATH are older than the
# server (e.g. /usr/lib/postgresql/16/bin); empty: from PATH.
BACKUP_PG_BIN_DIR = env("BACKUP_PG_BIN_DIR", default="")

# --- Security headers (docs/security.md) -----------------------------------
# Django's SecurityMiddleware and XFrameOptionsMiddleware send these on every
# response; HSTS and the https redirect are in production.py (only behind TLS).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Who may show the embed pages (/embed/, docs/embed.md) in an iframe: the CSP
# frame-ancestors sources, e.g. "https://www.gemeente.nl https://*.krant.nl".
# Every other page stays unframable.
EMBED_FRAME_ANCESTORS = env("EMBED_FRAME_ANCESTORS", default="*")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# core.security builds the Content-Security-Policy from these; the map
# tile server (MAP_TILE_URL) and MEDIA_URL's host, when elsewhere, are added
# to img-src. Paths under CSP_ADMIN_PATHS get the admin policy.
CSP_ADMIN_PATHS = ("/admin/", "/django-admin/")
# Nothing on the site asks for the location, camera or microphone; postcodes
# are typed in.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# --- Operations: the worker, health checks, metrics (docs/operations.md) -----
# The periodic jobs, run by the one worker (`manage.py worker`, or
# `manage.py worker --once` every minute from cron). A schedule is
# "every N minutes", "hourly" or "daily at HH:MM" (Europe/Amsterdam).
PERIODIC_JOBS = [
    {"name": "search-drain", "command": "search_index", "args": ["drain"],
     "schedule": "every 5 minutes"},
    {"name": "search-update", "command": "search_index", "args": ["update"],
     "schedule": "daily at 03:30"},
    {"name": "match-alerts", "command": "send_match_alerts", "schedule": "hourly"},
    {"name": "signup-reminders", "command": "send_signup_reminders", "schedule": "hourly"},
    {"name": "followups", "command": "send_followups", "schedule": "hourly"},
    {"name": "archive-help-requests", "command": "archive_help_requests",
     "schedule": "daily at 03:00"},
    {"name": "purge-signals", "command": "purge_signals", "schedule": "daily at 03:10"},
    {"name": "purge-audit-log", "command": "purge_audit_log", "schedule": "daily at 03:12"},
    {"name": "purge-search-demand", "command": "purge_search_demand",
     "schedule": "daily at 03:15"},
    {"name": "delete-unconfirmed-registrations", "command": "delete_unconfirmed_registrations",
     "schedule": "daily at 03:20"},
    # Mails to initiatives: in the morning, not at night.
    {"name": "freshness-checks", "command": "send_freshness_checks",
     "schedule": "daily at 09:00"},
    {"name": "export-hsds", "command": "export_hsds", "schedule": "hourly"},
]  # fmt: skip
# Seconds between two passes of the worker (each pass runs what is due).
WORKER_INTERVAL = env.float("WORKER_INTERVAL", default=30.0)
# A job is overdue (a warning in "Achtergrondtaken") this long past its due
# time at most; a 5-minute job sooner (operations/jobs.py).
JOBS_OVERDUE_MINUTES = env.int("JOBS_OVERDUE_MINUTES", default=60)
# /health/ready: a worker heartbeat older than this is a warning; so is a
# search outbox whose oldest row waits longer than this.
HEALTH_HEARTBEAT_MAX_AGE = env.int("HEALTH_HEARTBEAT_MAX_AGE", default=300)
HEALTH_OUTBOX_MAX_AGE = env.int("HEALTH_OUTBOX_MAX_AGE", default=900)
# /metrics: a bearer token and/or client addresses (exact IPs or networks,
# e.g. 10.0.0.0/8). Neither set: /metrics answers 404.
METRICS_TOKEN = env("METRICS_TOKEN", default="")
METRICS_ALLOWED_IPS = env.list("METRICS_ALLOWED_IPS", default=[])

SILENCED_SYSTEM_CHECKS = [
    # Debian bookworm ships GDAL 3.6, older than Django 5.2 prefers; it works.
    "gis.W001",
]

# Access to personal data is logged (audit/, docs/security.md "Audit log");
# `manage.py purge_audit_log` deletes events older than this, daily.
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=730)

# Logs (docs/logging.md): one line per request with a request id, JSON in
# production (LOG_FORMAT=json), readable text in development and tests.
LOG_LEVEL = env("LOG_LEVEL", default="INFO")
LOG_FORMAT = env("LOG_FORMAT", default="text")
LOGGING = logging_config(fmt=LOG_FORMAT, level=LOG_LEVEL)
