"""Coalesce the export follow-up runs of successive publishes.

Each publish's follow-up runs get a new *generation* (a time stamp), and every article they will
render (and :data:`LISTS`, the API list pages) is marked as due in that generation, in the
default cache. A run then renders only what is still due in its own generation: what a later
publish marked again is rendered by that publish's runs, which come after it and see the
later content. Publishing every few seconds in a large section thus renders each of its
articles about once per worker pass, not once per publish.

The marks are a shortcut, not a source of truth: a mark that the cache lost, or a cache
that the worker does not share (``LocMemCache``), means the article is rendered.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from django.core.cache import cache

#: The mark of the API list pages (every page of them, rendered by a publish's last run).
LISTS = "lists"
#: Seconds a mark is kept: far longer than a queue of follow-up runs takes.
MARK_TIMEOUT = 24 * 60 * 60


def _key(item: int | str) -> str:
    return f"govnews-export-follow-up:{item}"


def claim(items: Iterable[int | str]) -> int:
    """A new generation (the time in nanoseconds), marked as the one that renders ``items``
    (article ids, :data:`LISTS`). Called once the publish has committed: whichever run finds
    a later mark knows that the later runs come after this publish too, so they show it."""
    generation = time.time_ns()
    cache.set_many({_key(item): generation for item in items}, timeout=MARK_TIMEOUT)
    return generation


def due(items: Iterable[int | str], generation: int) -> list[int | str]:
    """Those of ``items`` that the run of ``generation`` should render: no later publish
    marked them again (or the mark is gone)."""
    items = list(items)
    marks = cache.get_many([_key(item) for item in items])
    return [item for item in items if marks.get(_key(item), generation) <= generation]
