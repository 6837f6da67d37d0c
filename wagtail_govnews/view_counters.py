"""Per-article, per-day view counters in the Django cache (services: no models, no HTTP).

Serving a page increments one counter (:func:`add_view`); ``manage.py flush_news_views``
takes the counts (:func:`take_counts`) and stores them in the database
(:func:`wagtail_govnews.models.popularity.flush_view_counts`).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import date, timedelta

from django.core.cache import BaseCache, caches
from django.utils import timezone

from .conf import govnews_settings

#: Counters live this long; flush more often than this (e.g. every 5 minutes).
COUNTER_TIMEOUT = 60 * 60 * 24 * 3
#: Days (today and before) whose counters a flush reads.
FLUSH_DAYS = 3


def counter_key(page_id: int, day: date) -> str:
    """The cache key counting views of one article on one day."""
    return f"govnews:views:{day.isoformat()}:{page_id}"


def _cache() -> BaseCache:
    return caches[govnews_settings.VIEW_COUNT_CACHE_ALIAS]


def add_view(page_id: int) -> bool:
    """Add one view of article ``page_id`` to today's counter; False if it could not be kept."""
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


def first_view(page_id: int, client: str) -> bool:
    """Whether ``client`` has not had a view of ``page_id`` counted within the window
    (``VIEW_DEDUPE_WINDOW`` seconds); notes this one. Atomic (``cache.add``)."""
    key = f"govnews:views:seen:{page_id}:{client}"
    return _cache().add(key, 1, govnews_settings.VIEW_DEDUPE_WINDOW)


def within_rate_limit(client: str) -> bool:
    """Note one countable request of ``client``; False once it made more than
    ``VIEW_RATE_LIMIT`` of them in the current minute."""
    cache, key = _cache(), f"govnews:views:rate:{client}:{int(time.time() // 60)}"
    limit = govnews_settings.VIEW_RATE_LIMIT
    try:
        return cache.incr(key) <= limit
    except ValueError:  # the client's first this minute (or a parallel request's)
        return cache.add(key, 1, 120) or _incr_or_zero(cache, key) <= limit


def _incr_or_zero(cache: BaseCache, key: str) -> int:
    try:
        return cache.incr(key)
    except ValueError:
        return 0


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
