"""Settings of the test suite, written out in full: nothing is inherited from the example project.

The package runs inside a small bilingual portal: Vietnamese first, English second, with
wagtail-localize; Wagtail's read APIs v2 and v3 next to the package's own; URLs laid out as
in the example project (:mod:`tests.urls`). The example's ``home`` app (its ``HomePage``,
demo content command), base template, stylesheet and translations are used as they are: some
tests check the example project itself (demo content, getting started, example client).

``DATABASE_URL`` (e.g. ``postgres://postgres@127.0.0.1:5432/govnews_ci`` or, for MariaDB,
``mysql://root@127.0.0.1:3306/govnews_ci``) runs the suite on that database; without it,
SQLite in memory. The cache is in memory (per process), media files go to a temporary
folder removed when the process ends (one per xdist worker).
"""

import atexit
import importlib.util
import os
import shutil
import tempfile
from pathlib import Path

import dj_database_url
from corsheaders.defaults import default_headers as default_cors_headers

from example_project import content_policy

EXAMPLE_DIR = Path(__file__).resolve().parent.parent / "example_project"

SECRET_KEY = "tests-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

INSTALLED_APPS = [
    "home",  # the example project's HomePage and demo content
    "wagtail_govnews",
    # Optional sub-apps: the headless API, the PDF download, the static export, webhooks,
    # the news importer.
    "wagtail_govnews.contrib.api",
    "wagtail_govnews.contrib.pdf",
    "wagtail_govnews.contrib.export",
    "wagtail_govnews.contrib.webhooks",
    "wagtail_govnews.contrib.importer",
    "wagtail_localize",
    "wagtail_localize.locales",  # instead of wagtail.locales
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
    "corsheaders.middleware.CorsMiddleware",
    # As in the example project: gzip above the page cache, Cache-Control above sessions.
    "wagtail_govnews.compression.TextGZipMiddleware",
    "wagtail_govnews.cache_control.PageCacheControlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wagtail_govnews.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: cached article pages answered before Wagtail's routing (one query).
    "wagtail_govnews.early_cache.CachedPageMiddleware",
]

ROOT_URLCONF = "tests.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The site's base.html, which the package's templates extend.
        "DIRS": [EXAMPLE_DIR / "templates"],
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

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.mysql":  # MySQL or MariaDB
        # Vietnamese needs the full UTF-8 character set, in the test database too.
        DATABASES["default"]["OPTIONS"] = {"charset": "utf8mb4"}
        DATABASES["default"]["TEST"] = {"CHARSET": "utf8mb4"}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's search index uses PostgreSQL's full-text fields; Django 6.1 checks for the app.
    INSTALLED_APPS.append("django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 10000},
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

# Internationalisation: Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [EXAMPLE_DIR / "locale"]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

STATIC_URL = "/static/"
STATIC_ROOT = EXAMPLE_DIR / "static_collected"
STATICFILES_DIRS = [EXAMPLE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = tempfile.mkdtemp(prefix="govnews-test-media-")
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)

WAGTAIL_SITE_NAME = "Cổng thông tin điện tử Thành phố (demo)"
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Editors' avatars without the internet: Wagtail's own default avatar, not gravatar.com (which
# an intranet newsroom cannot reach). See docs/how-to/deploying.md, "An admin that works offline".
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.mysql":
    # InnoDB full-text indexes see rows only once committed, and each test runs in a
    # transaction that is never committed: Wagtail's own (admin) search uses the LIKE
    # fallback there. Readers' search does not use Wagtail's backend.
    WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "wagtail.search.backends.database.fallback"
WAGTAILEMBEDS_RESPONSIVE_HTML = True

WAGTAIL_GOVNEWS = {
    "OTHER_NEWS_COUNT": 6,
    "NEWS_PER_PAGE": 12,
    # Each test process answers every request itself, so its LocMemCache is shared by all of
    # them: every test runs the fine-grained invalidation of a site with Redis.
    "RESPONSE_CACHE_SHARED": True,
}

# The headless APIs answer the example client's origin (a local frontend dev server).
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOWED_ORIGINS = ["http://localhost:3000", "http://127.0.0.1:3000"]
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = [*default_cors_headers, "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified"]

# The example project's Content-Security-Policy: the public pages are tested under it.
CONTENT_SECURITY_POLICY = content_policy.CONTENT_SECURITY_POLICY
