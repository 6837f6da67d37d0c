"""Which requests are a reader's view of an article, and counting them.

Counts go to cache counters (:mod:`wagtail_govnews.view_counters`): no database write while
serving a page. ``manage.py flush_news_views`` moves them into the database.

A view counts when it comes from a browser (not a robot, prefetch or preview), as a
top-level visit (not an image, frame or script of another page), is the client's first of
that article within ``VIEW_DEDUPE_WINDOW``, the client stays within ``VIEW_RATE_LIMIT`` and
no ``govnews_allow_view_count`` hook refuses it. See docs/reference/security.md.
"""

from __future__ import annotations

import enum
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from wagtail import hooks

from .conf import govnews_settings
from .view_clients import client_key
from .view_counters import add_view, first_view, within_rate_limit

# Crawlers, link previewers, monitors, scripts and headless browsers are not readers.
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|headless|"
    r"lighthouse|pingdom|monitor|uptime|curl|wget|python|httpclient|okhttp|java/|go-http|"
    r"scrapy|phantomjs|selenium|playwright",
    re.IGNORECASE,
)

#: Wagtail hook: ``fn(request, page_id)`` returning False keeps a view from being counted.
ALLOW_VIEW_COUNT_HOOK = "govnews_allow_view_count"


class ViewOutcome(enum.Enum):
    """What became of a request that could have been a view."""

    COUNTED = "counted"
    NOT_A_VIEW = "not a view"  # robot, prefetch, preview, embedded, counting off, refused
    REPEATED = "repeated"  # this client's view of this article was counted recently
    RATE_LIMITED = "rate limited"  # this client made too many countable requests this minute
    NOT_KEPT = "not kept"  # the cache could not keep the count


def is_bot(user_agent: str) -> bool:
    """Whether a ``User-Agent`` belongs to a robot (an empty one does too)."""
    return not user_agent.strip() or bool(BOT_PATTERN.search(user_agent))


def is_countable(request: HttpRequest, method: str = "GET") -> bool:
    """A real reader's view: a ``method`` request (GET of a page, POST of a headless
    frontend's beacon) by a browser, not a prefetch, preview or robot; a GET only as a
    top-level visit (not another page's image, frame or script)."""
    if not govnews_settings.VIEW_COUNTING or request.method != method:
        return False
    if getattr(request, "is_preview", False):
        return False
    purpose = request.headers.get("Sec-Purpose", "") + request.headers.get("Purpose", "")
    if "prefetch" in purpose.lower():
        return False
    if method == "GET" and not _is_top_level_visit(request):
        return False
    return not is_bot(request.headers.get("User-Agent", ""))


def _is_top_level_visit(request: HttpRequest) -> bool:
    # Browsers send Sec-Fetch-*; older ones do not, and are let through.
    mode = request.headers.get("Sec-Fetch-Mode", "navigate")
    dest = request.headers.get("Sec-Fetch-Dest", "document")
    return mode == "navigate" and dest == "document"


def is_allowed_beacon_origin(request: HttpRequest) -> bool:
    """Whether a beacon comes from this site or a listed frontend, not from another site's
    page (``Origin``, or ``Sec-Fetch-Site`` when a browser sent no ``Origin``)."""
    origin = request.headers.get("Origin")
    if origin is None:
        return request.headers.get("Sec-Fetch-Site", "none") != "cross-site"
    if origin == f"{request.scheme}://{request.get_host()}":
        return True
    return origin.rstrip("/") in beacon_origins()


def beacon_origins() -> set[str]:
    """Origins besides the site's own whose pages may send view beacons:
    ``VIEW_BEACON_ORIGINS``, else the headless frontends of ``CORS_ALLOWED_ORIGINS``."""
    listed = govnews_settings.VIEW_BEACON_ORIGINS
    if listed is None:
        listed = getattr(settings, "CORS_ALLOWED_ORIGINS", [])
    return {origin.rstrip("/") for origin in listed if urlsplit(origin).scheme in ("http", "https")}


def count_view(request: HttpRequest, page_id: int, method: str = "GET") -> ViewOutcome:
    """Count one view of article ``page_id`` if ``request`` is a reader's first recent one."""
    if not is_countable(request, method):
        return ViewOutcome.NOT_A_VIEW
    client = client_key(request)
    if not within_rate_limit(client):
        return ViewOutcome.RATE_LIMITED
    if any(allow(request, page_id) is False for allow in hooks.get_hooks(ALLOW_VIEW_COUNT_HOOK)):
        return ViewOutcome.NOT_A_VIEW
    if not first_view(page_id, client):
        return ViewOutcome.REPEATED
    return ViewOutcome.COUNTED if add_view(page_id) else ViewOutcome.NOT_KEPT
