"""Settings of the wagtail-govnews example portal.

Environment variables:

- ``DATABASE_URL`` (e.g. ``postgres://postgres@127.0.0.1:5432/govnews``): use that database
  (PostgreSQL needs ``psycopg``, in the ``example`` extra) instead of SQLite in ``db.sqlite3``.
- ``REDIS_URL`` (e.g. ``redis://127.0.0.1:6379/0``): Django's default cache becomes a Redis
  cache shared by all server processes. QR codes, image renditions, Wagtail's site root paths
  and preview tokens go through Django's cache framework, so every worker sees the same
  entries; without it each process keeps its own in-memory cache.
- ``DJANGO_STATIC_ROOT``: where ``collectstatic`` writes (default ``static_collected/``).
  With ``DJANGO_DEBUG=0``, run ``manage.py collectstatic`` before starting the server:
  WhiteNoise serves the files with hashed names, gzipped, cached for ever.
- ``DJANGO_SERVE_MEDIA=1``: with ``DJANGO_DEBUG=0``, Django serves uploaded images itself
  (``media.py``), for a single-process deployment; behind nginx leave it unset.

Not for production as is: set ``DJANGO_SECRET_KEY`` and ``DJANGO_DEBUG=0``.
"""

import importlib.util
import os
from pathlib import Path

from corsheaders.defaults import default_headers as default_cors_headers

from . import content_policy

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "example-project-insecure-key-change-me")
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "home",
    "wagtail_govnews",
    # Optional sub-apps: the headless API, the PDF download, the static export.
    "wagtail_govnews.contrib.api",
    "wagtail_govnews.contrib.pdf",
    "wagtail_govnews.contrib.export",
    "wagtail_govnews.contrib.webhooks",
    "wagtail_govnews.contrib.importer",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "ninja",
    "corsheaders",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

# Wagtail 8 adds a read API v3 (django-ninja); Wagtail 7.4 LTS has only v2.
WAGTAIL_API_V3 = importlib.util.find_spec("wagtail.api.v3") is not None
if WAGTAIL_API_V3:
    INSTALLED_APPS.insert(INSTALLED_APPS.index("wagtail.api.v2") + 1, "wagtail.api.v3")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files answered at once, before any other middleware runs (WhiteNoise's docs).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before CommonMiddleware, so CORS headers are added to its redirects and to preflights.
    "corsheaders.middleware.CorsMiddleware",
    # Gzip for HTML and JSON, above CachedPageMiddleware so cached pages are compressed too.
    "wagtail_govnews.compression.TextGZipMiddleware",
    # Cache-Control of pages; above sessions, CSRF and auth, to see the cookies they set.
    "wagtail_govnews.cache_control.PageCacheControlMiddleware",
    # A 503 with Retry-After (not a 500) while the database cannot be reached.
    "wagtail_govnews.unavailable.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wagtail_govnews.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Content-Security-Policy header (django-csp), see CONTENT_SECURITY_POLICY below.
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: cached article pages answered before Wagtail's routing (one query).
    "wagtail_govnews.early_cache.CachedPageMiddleware",
]

ROOT_URLCONF = "example_project.urls"

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
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "example_project.wsgi.application"


def _database_from_env() -> dict:
    url = os.environ.get("DATABASE_URL")
    if url:
        import dj_database_url

        # Persistent connections, checked before each request: after a database restart the
        # workers reconnect by themselves.
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}


DATABASES = {"default": _database_from_env()}

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's search index uses PostgreSQL's full-text fields; Django 6.1 checks for the app.
    INSTALLED_APPS.append("django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

# Internationalisation: Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# New translations start as drafts: an editor publishes them once they are translated.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Outside DEBUG, collectstatic writes hashed names (css/govnews.3f2a….css) and a .gz of
    # each text file (and a .br when the Brotli package is installed); see
    # docs/how-to/deploying.md, "Static and media files in production".
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded images served by Django (example_project/media.py) when no nginx serves /media/.
SERVE_MEDIA = DEBUG or os.environ.get("DJANGO_SERVE_MEDIA") == "1"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 10000},
    }
}
if os.environ.get("REDIS_URL"):
    # While Redis is down the site answers from the database instead of failing; caching
    # resumes by itself when Redis is back (docs/how-to/deploying.md).
    CACHES["default"] = {
        "BACKEND": "wagtail_govnews.redis_cache.FailSoftRedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1, "RETRY_AFTER": 5},
    }

WAGTAIL_SITE_NAME = "Cổng thông tin điện tử Thành phố (demo)"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Editors' avatars without the internet: Wagtail's own default avatar, not gravatar.com (which
# an intranet newsroom cannot reach). See docs/how-to/deploying.md, "An admin that works offline".
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_RESPONSIVE_HTML = True

WAGTAIL_GOVNEWS = {
    "OTHER_NEWS_COUNT": 6,
    "NEWS_PER_PAGE": 12,
    # 0 turns the response cache off (benchmarks/publish_load.py measures the cold site).
    "RESPONSE_CACHE_TIMEOUT": int(os.environ.get("GOVNEWS_RESPONSE_CACHE_TIMEOUT", "600")),
}
if os.environ.get("GOVNEWS_EXPORT_DIR"):
    # Publishing updates the static export in this folder (make stack: nginx serves it).
    WAGTAIL_GOVNEWS |= {"EXPORT_ON_PUBLISH": True, "EXPORT_DIR": os.environ["GOVNEWS_EXPORT_DIR"]}

# Background tasks (the export on publish, Wagtail's own): run in the request by default.
# DJANGO_TASKS_BACKEND=database queues them in the database for `manage.py db_worker`, so
# the editor's request never waits for them (make stack; docs/how-to/deploying.md).
if os.environ.get("DJANGO_TASKS_BACKEND") == "database":
    INSTALLED_APPS.append("django_tasks_db")
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Frontend cache (CDN / reverse proxy) purging. When an article is published, unpublished,
# moved or deleted, Wagtail purges its HTML page and wagtail_govnews purges the headless API
# URLs that show it (wagtail_govnews/contrib/api/purge.py). With WAGTAILFRONTENDCACHE unset (the
# default here) nothing is sent. To purge, configure one or more backends, e.g.:
#
#   WAGTAILFRONTENDCACHE = {
#       # Varnish, nginx or any proxy that accepts HTTP PURGE requests:
#       "varnish": {
#           "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
#           "LOCATION": "http://127.0.0.1:8000",
#       },
#       # Cloudflare (an API token with the "Zone.Cache Purge" permission):
#       "cloudflare": {
#           "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
#           "BEARER_TOKEN": os.environ["CLOUDFLARE_API_TOKEN"],
#           "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
#       },
#       # Amazon CloudFront (needs boto3; credentials from the usual AWS environment):
#       "cloudfront": {
#           "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
#           "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
#       },
#   }
#
# The purged API URLs are built from the site's root URL (Sites in the admin), so the API
# must be served, and cached, on that host. See the Wagtail docs, "Frontend cache invalidator".

# CORS for the headless APIs only (/api/v2/, /api/v3/, /api/govnews/): read-only, from the
# frontends listed in CORS_ALLOWED_ORIGINS (comma-separated), by default a local dev server.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOWED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get(
        "CORS_ALLOWED_ORIGINS", "http://localhost:3000,http://127.0.0.1:3000"
    ).split(",")
    if origin.strip()
]
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = [*default_cors_headers, "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified"]

# Content-Security-Policy of the public site (django-csp): content_policy.py.
CONTENT_SECURITY_POLICY = content_policy.CONTENT_SECURITY_POLICY
