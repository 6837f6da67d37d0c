"""Article view counts kept in the Django cache: no database write while serving a page.

Each human view increments one cache counter per article and day. ``manage.py
flush_news_views`` moves the counters into the database in batches
(:func:`wagtail_govnews.models.popularity.flush_view_counts`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from django.core.cache import BaseCache, caches
from django.http import HttpRequest
from django.utils import timezone

from .conf import govnews_settings

#: Counters live this long; flush more often than this (e.g. every 5 minutes).
COUNTER_TIMEOUT = 60 * 60 * 24 * 3
#: Days (today and before) whose counters a flush reads.
FLUSH_DAYS = 3

# Crawlers, link previewers, monitors, scripts and headless browsers are not readers.
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|headless|"
    r"lighthouse|pingdom|monitor|uptime|curl|wget|python|httpclient|okhttp|java/|go-http|"
    r"scrapy|phantomjs|selenium|playwright",
    re.IGNORECASE,
)


def is_bot(user_agent: str) -> bool:
    """Whether a ``User-Agent`` belongs to a robot (an empty one does too)."""
    return not user_agent.strip() or bool(BOT_PATTERN.search(user_agent))


def is_countable(request: HttpRequest, method: str = "GET") -> bool:
    """A real reader's view: a ``method`` request (GET of a page, POST of a headless
    frontend's beacon) by a browser, not a prefetch, preview or robot."""
    if not govnews_settings.VIEW_COUNTING or request.method != method:
        return False
    if getattr(request, "is_preview", False):
        return False
    purpose = request.headers.get("Sec-Purpose", "") + request.headers.get("Purpose", "")
    if "prefetch" in purpose.lower():
        return False
    return not is_bot(request.headers.get("User-Agent", ""))


def counter_key(page_id: int, day: date) -> str:
    """The cache key counting views of one article on one day."""
    return f"govnews:views:{day.isoformat()}:{page_id}"


def _cache() -> BaseCache:
    return caches[govnews_settings.VIEW_COUNT_CACHE_ALIAS]


def count_view(request: HttpRequest, page_id: int, method: str = "GET") -> bool:
    """Count one view of article ``page_id`` if ``request`` is a reader's; True if counted."""
    if not is_countable(request, method):
        return False
    cache, key = _cache(), counter_key(page_id, timezone.localdate())
    try:
        cache.incr(key)
    except ValueError:  # the day's first view of this article
        cache.add(key, 0, COUNTER_TIMEOUT)
        try:
            cache.incr(key)
        except ValueError:  # evicted meanwhile: count the next view instead
            return False
    return True


def take_counts(page_ids: Iterable[int], days: int = FLUSH_DAYS) -> dict[tuple[int, date], int]:
    """Remove and return the counted views of ``page_ids`` for the last ``days`` days.

    Each counter is decremented by what was read (atomic in Redis and locmem), so views
    counted meanwhile are kept for the next flush.
    """
    cache, today = _cache(), timezone.localdate()
    keys = {
        counter_key(page_id, today - timedelta(days=back)): (page_id, today - timedelta(days=back))
        for page_id in page_ids
        for back in range(days)
    }
    taken: dict[tuple[int, date], int] = {}
    key_list = list(keys)
    for start in range(0, len(key_list), 500):
        for key, value in cache.get_many(key_list[start : start + 500]).items():
            if isinstance(value, int) and value > 0:
                try:
                    cache.decr(key, value)
                except ValueError:  # expired meanwhile
                    continue
                taken[keys[key]] = value
    return taken
