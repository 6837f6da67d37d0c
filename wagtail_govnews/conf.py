"""Package settings: one ``WAGTAIL_GOVNEWS`` dict in Django settings, with documented defaults.

Read a value with ``from wagtail_govnews.conf import govnews_settings`` and
``govnews_settings.QR_SIZE``. Values are looked up on access, so
``override_settings(WAGTAIL_GOVNEWS=...)`` works in tests.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed

SETTINGS_NAME = "WAGTAIL_GOVNEWS"

#: Every key the package reads, with its default. See docs/reference/settings.md.
DEFAULTS: dict[str, Any] = {
    # QR codes
    "QR_ERROR_CORRECTION": "M",  # one of L, M, Q, H
    "QR_SIZE": 160,  # rendered width/height of inline SVG codes, in CSS pixels
    "QR_BORDER": 4,  # quiet zone, in modules (4 is the minimum the QR standard asks for)
    "QR_PNG_BOX_SIZE": 10,  # pixels per module in PNG codes
    "QR_CACHE_ALIAS": "default",  # Django cache used for generated codes
    "QR_CACHE_TIMEOUT": 60 * 60 * 24 * 30,  # seconds; codes never change for the same input
    # Share links
    "SHARE_NETWORKS": ["facebook", "zalo", "x", "linkedin", "telegram", "email", "copy"],
    "ZALO_SDK": False,  # opt in to Zalo's official SDK button (loaded lazily)
    # Slugs
    "ASCII_SLUGS": True,  # "Đại hội" → "dai-hoi" in code and admin; False keeps Unicode slugs
    # Listings
    "NEWS_PER_PAGE": 12,  # items per page on a news index page
    "OTHER_NEWS_COUNT": 6,  # items in the "other news" box of an article
    # Headless API
    "API_DEFAULT_LIMIT": 20,  # items per list response when ?limit= is not given
    "API_MAX_LIMIT": 100,  # largest ?limit= accepted; above it the API answers 400
    "API_IMAGE_WIDTHS": [480, 800, 1200],  # widths of the image renditions in API responses
    "API_CACHE_CONTROL": "public, max-age=60, s-maxage=600, stale-while-revalidate=60",
    "API_QR_CACHE_CONTROL": "public, max-age=86400",  # QR images change only with the URL
    # Readers' HTML pages (PageCacheControlMiddleware); "" sends none. Wagtail purges a page
    # from CDNs when it is published; other pages expire after s-maxage.
    "PAGE_CACHE_CONTROL": "public, max-age=60, s-maxage=600, stale-while-revalidate=60",
    "RESPONSE_CACHE_ALIAS": "default",  # Django cache of rendered API responses and articles
    "RESPONSE_CACHE_TIMEOUT": 600,  # seconds a rendered response is kept; 0 turns caching off
    "RESPONSE_CACHE_SHARED": None,  # one cache for every process? None: all but LocMemCache
    "RESPONSE_CACHE_MAX_VARIANTS": 200,  # query-string variants stored per path and content
    "PREVIEW_MAX_AGE": 3600,  # seconds a headless preview token stays valid
    # Search engines, social cards and the PDF download
    "CANONICAL_TO_ORIGINAL": True,  # rel=canonical points at original_url when it is set
    "PDF_FONT_PATH": None,  # TrueType font of PDF text; None: the bundled Noto Sans
    "PDF_BOLD_FONT_PATH": None,  # its bold face; None: the regular one (or bundled bold)
    # Feeds, sitemaps and robots.txt
    "FEED_ITEMS": 20,  # newest articles in each RSS/Atom feed
    "ROBOTS_RULES": ["User-agent: *", "Disallow: /admin/"],  # lines of /robots.txt
    "SITEMAP_PATH": "/sitemap.xml",  # the sitemap (index) robots.txt names; None: none
    # Static export (manage.py govnews_export)
    "EXPORT_ON_PUBLISH": False,  # update the export in a background task on (un)publish
    "EXPORT_STORAGE": None,  # STORAGES alias the background task exports to (e.g. S3)
    "EXPORT_DIR": None,  # else a local folder the background task exports to
    "EXPORT_WORKERS": 0,  # processes rendering a large export; 0: one per core, 1: no fork
    # Publish webhooks (contrib.webhooks)
    "WEBHOOKS_TIMEOUT": 5,  # seconds to connect and get an answer from an endpoint
    "WEBHOOKS_MAX_ATTEMPTS": 8,  # tries of one delivery before it is marked failed
    "WEBHOOKS_RETRY_DELAY": 30,  # seconds before the first retry; doubles on each failure
    "WEBHOOKS_LOG_DAYS": 30,  # finished deliveries and their attempts are kept this long
    # Newsroom
    "DATELINE_MAX_FUTURE_DAYS": 366,  # the admin refuses datelines further ahead than this
    "VIEW_COUNTING": True,  # count article views (in the cache; flush_news_views stores them)
    "VIEW_COUNT_CACHE_ALIAS": "default",  # Django cache holding the not yet stored counts
    "VIEW_DEDUPE_WINDOW": 60 * 60,  # seconds: at most one counted view per client and article
    "VIEW_RATE_LIMIT": 30,  # countable requests per client and minute; more count nothing
    "VIEW_TOKEN_MAX_AGE": 60 * 60,  # seconds a view beacon's token stays valid
    "VIEW_BEACON_ORIGINS": None,  # origins whose pages may send beacons; None: see the docs
    "PROXY_COUNT": 0,  # trusted reverse proxies appending to X-Forwarded-For (nginx: 1)
    "MOST_READ_DAYS": 7,  # "most read" ranks the views of this many last days
    "MOST_READ_COUNT": 5,  # articles in a "most read" list
}


class AppSettings:
    """Attribute access to ``WAGTAIL_GOVNEWS`` merged over :data:`DEFAULTS`."""

    def __init__(self) -> None:
        self._user: dict[str, Any] | None = None

    def _user_settings(self) -> dict[str, Any]:
        if self._user is None:
            user = getattr(settings, SETTINGS_NAME, {}) or {}
            if not isinstance(user, dict):
                raise ImproperlyConfigured(f"{SETTINGS_NAME} must be a dict.")
            unknown = sorted(set(user) - set(DEFAULTS))
            if unknown:
                raise ImproperlyConfigured(
                    f"Unknown {SETTINGS_NAME} key(s): {', '.join(unknown)}. "
                    f"Known keys: {', '.join(sorted(DEFAULTS))}."
                )
            self._user = user
        return self._user

    def __getattr__(self, name: str) -> Any:
        if name not in DEFAULTS:
            raise AttributeError(f"{SETTINGS_NAME} has no key {name!r}")
        return self._user_settings().get(name, DEFAULTS[name])

    def reload(self) -> None:
        """Forget the cached user settings (called when Django settings change)."""
        self._user = None


govnews_settings = AppSettings()


def _reload_on_change(*, setting: str, **kwargs: Any) -> None:
    if setting == SETTINGS_NAME:
        govnews_settings.reload()


setting_changed.connect(_reload_on_change)
