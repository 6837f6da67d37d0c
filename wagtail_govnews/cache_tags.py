"""What a cached response shows, as tags, and the versions that make it stale.

While a response is built for the cache, the content it reads is noted as *tags*:

- ``article:<translation key>`` for each article shown (its page, a box listing it);
- ``section:<path>`` for a list of one section's articles (a section page);
- ``newest:<path>`` for the newest articles of one section (the "other news" box), bumped
  only by a change of an article dated among them;
- ``news`` for any other query of articles (lists, feeds, search, counts);
- ``site`` for everything else; every entry depends on it.

Each tag has a *version* in the cache. A change bumps the versions of the tags it touches
(:func:`bump`) with a number drawn from one shared counter, so an entry is fresh while none
of its tags was bumped after its build started (:func:`still_fresh`). A missing version
(never bumped, or evicted) is set to the counter's value when an entry notes it, so an
evicted tag makes older entries stale, never fresh.

Queries of :class:`~wagtail_govnews.models.NewsPageQuerySet` note their tags by themselves
(see :func:`note_query`), so a site template that lists articles makes its page depend on
them without further work.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.core.cache import caches

from .conf import govnews_settings

SITE = "site"
NEWS = "news"
COUNTER_KEY = "govnews:tag-counter"
_VERSION_PREFIX = "govnews:tag:"


class Collected(set):
    """The tags one build noted, and the earliest moment an article it read expires."""

    earliest_expiry: datetime | None = None


#: The tags noted by the builds in progress in this context, innermost last.
_collecting: ContextVar[tuple[Collected, ...]] = ContextVar("govnews_cache_tags", default=())


def article_tag(translation_key: object) -> str:
    """The tag of one article and its translations."""
    return f"article:{translation_key}"


def section_tag(parent_path: str) -> str:
    """The tag of the articles directly under the page at ``parent_path``."""
    return f"section:{parent_path}"


def newest_tag(parent_path: str) -> str:
    """The tag of the newest articles under the page at ``parent_path`` (the "other news"
    boxes of its articles), bumped only by changes of articles dated among them."""
    return f"newest:{parent_path}"


def of_article(page: object) -> set[str]:
    """The tags a change of the article ``page`` bumps: its own, its section's, ``news``."""
    return {
        article_tag(page.translation_key),
        section_tag(page.path[: -page.steplen]),
        NEWS,
    }


def collecting_now() -> bool:
    """Whether a cached build is noting tags in this context."""
    return bool(_collecting.get())


def note(*tags: str) -> None:
    """Note that the build in progress (and the builds around it) show ``tags``."""
    for collected in _collecting.get():
        collected.update(tags)


def note_expiry(expire_at: datetime | None) -> None:
    """Note that the builds in progress show something that expires at ``expire_at``
    (Wagtail keeps an expired article live until ``publish_scheduled`` runs)."""
    if expire_at is None:
        return
    for collected in _collecting.get():
        if collected.earliest_expiry is None or expire_at < collected.earliest_expiry:
            collected.earliest_expiry = expire_at


@contextmanager
def collecting() -> Iterator[Collected]:
    """Collect the tags noted inside the block (also noted for the enclosing builds)."""
    collected = Collected({SITE})
    token = _collecting.set((*_collecting.get(), collected))
    try:
        yield collected
    finally:
        _collecting.reset(token)


def note_query(scope: frozenset[str] | None, translation_keys: Iterable[object] = ()) -> None:
    """Note an article query: its ``scope`` tags and the articles it found, or ``news`` for
    a query without a scope (any list of articles may change with any publish)."""
    if scope is None:
        note(NEWS)
    else:
        note(*scope, *(article_tag(key) for key in translation_keys))


def _cache():
    return caches[govnews_settings.RESPONSE_CACHE_ALIAS]


def counter() -> int:
    """The shared counter's current value (started from the clock, should it be evicted)."""
    cache = _cache()
    value = cache.get(COUNTER_KEY)
    if value is None:
        cache.add(COUNTER_KEY, time.time_ns() // 1000, None)
        value = cache.get(COUNTER_KEY)
    return int(value or 0)


def _next_count() -> int:
    cache = _cache()
    try:
        return cache.incr(COUNTER_KEY)
    except ValueError:  # never set, or evicted
        counter()
        return cache.incr(COUNTER_KEY)


def bump(tags: Iterable[str]) -> None:
    """Make every entry showing one of ``tags`` stale."""
    tags = set(tags)
    if tags:
        version = _next_count()
        _cache().set_many({_VERSION_PREFIX + tag: version for tag in tags}, None)


def settle(tags: Iterable[str]) -> None:
    """Give the ``tags`` a freshly built entry noted a version, if they have none."""
    cache, keys = _cache(), [_VERSION_PREFIX + tag for tag in tags]
    missing = set(keys) - set(cache.get_many(keys))
    if missing:
        now = counter()
        for key in missing:
            cache.add(key, now, None)


def still_fresh(tags: Iterable[str], built_at: int) -> bool:
    """Whether no tag of an entry built from counter value ``built_at`` was bumped since."""
    keys = [_VERSION_PREFIX + tag for tag in tags]
    versions = _cache().get_many(keys)
    return len(versions) == len(keys) and all(int(v) <= built_at for v in versions.values())
