"""Render many URLs on every core: forked worker processes, results in the order asked.

The parent keeps the manifest and writes the files; the workers only render (each has its
own database connection and renderer). Forking is used only where it is safe and pays off:
on Linux, with every database connection outside a transaction (a worker
would not see uncommitted rows) and on a server or a file (an in-memory SQLite database is
not shared), and for enough URLs to outweigh starting the workers.

Two workers asking for the same new image rendition would both make one, and Wagtail would
keep one of the two files in the database while the other worker's page links the second
one: the export would then differ from one rendered in one process. Workers therefore make
renditions one at a time (a lock shared by the workers; an existing rendition is reused).
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.db import connections
from wagtail.images import get_image_model
from wagtail.models import Site

from wagtail_govnews.conf import govnews_settings
from wagtail_govnews.contrib.export.render import Rendered, Renderer, RenderError
from wagtail_govnews.contrib.export.targets import Target

#: Fewer URLs than this are rendered in the calling process.
MIN_PARALLEL_URLS = 200
#: URLs a worker renders per message (about ten articles).
CHUNK = 64

Outcome = Rendered | RenderError

_renderer: Renderer | None = None


def worker_count(urls: int, wanted: int | None = None) -> int:
    """How many processes render ``urls`` URLs: ``wanted`` (default ``EXPORT_WORKERS``;
    ``0``: one per core), or 1 where forking is unsafe or not worth it."""
    if wanted is None:
        wanted = int(govnews_settings.EXPORT_WORKERS)
    wanted = wanted or os.cpu_count() or 1
    if wanted <= 1 or urls < MIN_PARALLEL_URLS or not _can_fork():
        return 1
    return wanted


def _can_fork() -> bool:
    # Forking is the default and safe on Linux; macOS libraries may crash in a forked child.
    if not sys.platform.startswith("linux"):
        return False
    for connection in connections.all(initialized_only=True):
        if connection.in_atomic_block:
            return False
    for alias in connections:
        connection = connections[alias]
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            return False
    return True


def render_all(
    renderer: Renderer, site: Site, targets: Sequence[Target], workers: int | None = None
) -> Iterator[tuple[Target, Outcome]]:
    """Each target with its rendering (or the :class:`RenderError` it raised), in order, on
    ``workers`` processes (see :func:`worker_count`)."""
    workers = worker_count(len(targets), workers)
    if workers == 1:
        for target in targets:
            yield target, _outcome(renderer, target)
        return
    # Workers must not share the parent's database sockets: they open their own.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    chunks = [targets[start : start + CHUNK] for start in range(0, len(targets), CHUNK)]
    lock = context.RLock()
    with context.Pool(workers, initializer=_start_worker, initargs=(site, lock)) as pool:
        for chunk, outcomes in zip(chunks, pool.imap(_render_chunk, chunks), strict=True):
            yield from zip(chunk, outcomes, strict=True)


def _outcome(renderer: Renderer, target: Target) -> Outcome:
    try:
        return renderer.render_target(target)
    except RenderError as error:
        return error


def _start_worker(site: Site, lock: Any) -> None:
    global _renderer
    # A worker forked from a task worker or a web server must stop when the pool ends it,
    # not run the parent's graceful-shutdown handler.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _renderer = Renderer(site)
    image_model = get_image_model()
    for name in ("create_rendition", "create_renditions"):
        setattr(image_model, name, _holding(lock, getattr(image_model, name)))


def _holding(lock: Any, method: Callable) -> Callable:
    """``method`` called with ``lock`` held (re-entrant: one may call the other)."""

    @functools.wraps(method)
    def locked(*args: Any, **kwargs: Any) -> Any:
        with lock:
            return method(*args, **kwargs)

    return locked


def _render_chunk(chunk: Sequence[Target]) -> list[Outcome]:
    assert _renderer is not None
    return [_outcome(_renderer, target) for target in chunk]
