"""Keep the static export up to date: a background task run when articles are (un)published.

With ``WAGTAIL_GOVNEWS["EXPORT_ON_PUBLISH"] = True`` and a target (``EXPORT_STORAGE`` or
``EXPORT_DIR``), publishing, unpublishing, moving or deleting an article enqueues
:data:`update_export` with the articles whose files show it, after the transaction commits.
The task runs on the ``TASKS`` backend of ``django_tasks`` (Wagtail's dependency): with the
default immediate backend in the request, with a worker backend in the worker. A failed run is
logged with its traceback and, on a backend that can defer tasks, tried again later (after
30 s, 1, 2 and 4 minutes) before it is given up. Follow-up runs of successive publishes are
coalesced: an article (or the list pages) due again in a later publish's runs is rendered
there only (:mod:`~wagtail_govnews.contrib.export.follow_ups`).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.models import Page

from wagtail_govnews.conf import govnews_settings
from wagtail_govnews.contrib.export import follow_ups
from wagtail_govnews.contrib.export.build import export_site
from wagtail_govnews.contrib.export.changes import affected_articles
from wagtail_govnews.models import NewsPage

logger = logging.getLogger(__name__)

LOCK_WAIT = 600  # seconds the task waits for a running export into the same target
ATTEMPTS = 5  # runs of one update, the first included, before it is given up
QUICK_LIST_PAGES = 1  # pages of each API list a quick update renders
FOLLOW_UP_PRIORITY = -10  # below the default (0): the quick updates of later publishes go first
FOLLOW_UP_CHUNK = 10  # articles per follow-up run: a later publish waits for one at most


def export_storage() -> Storage:
    """The storage the background task exports to, from the settings."""
    if govnews_settings.EXPORT_STORAGE:
        return storages[govnews_settings.EXPORT_STORAGE]
    if govnews_settings.EXPORT_DIR:
        return FileSystemStorage(location=str(govnews_settings.EXPORT_DIR), base_url="/")
    raise ImproperlyConfigured(
        "EXPORT_ON_PUBLISH needs WAGTAIL_GOVNEWS['EXPORT_STORAGE'] or ['EXPORT_DIR']."
    )


def retry_delay(attempt: int) -> timedelta:
    """How long to wait after failed run number ``attempt``: 30 s, doubling each time."""
    return timedelta(seconds=30 * 2 ** (attempt - 1))


@task()
def update_export(
    page_ids: list[int],
    attempt: int = 1,
    list_pages: int | None = None,
    generation: int | None = None,
    showing_only: bool = False,
) -> dict[str, int]:
    """Export these articles again (removing the unpublished ones), with the feeds, section
    pages and the API lists: every page of them, or the first ``list_pages`` (0: none).
    With ``showing_only`` (they show a changed article), only their pages and API details.

    A follow-up run carries the ``generation`` of its publish: it leaves out the articles and
    the list pages that a later publish's follow-up runs will render again anyway."""
    skipped = 0
    if generation is not None:
        due = set(follow_ups.due([*page_ids, follow_ups.LISTS], generation))
        if follow_ups.LISTS not in due:
            list_pages = 0
        kept = [pk for pk in page_ids if pk in due]
        skipped, page_ids = len(page_ids) - len(kept), kept
        if not page_ids and list_pages == 0:
            logger.info("Static export follow-up: all %d articles due later", skipped)
            return {"written": 0, "removed": 0, "skipped": skipped}
    try:
        result = export_site(
            export_storage(),
            page_ids=[] if showing_only else page_ids,
            showing_ids=page_ids if showing_only else None,
            wait=LOCK_WAIT,
            list_pages_first=list_pages,
        )
    except Exception:
        retry = attempt < ATTEMPTS and update_export.get_backend().supports_defer
        logger.exception(
            "Static export update of pages %s failed (attempt %d of %d)%s",
            page_ids,
            attempt,
            ATTEMPTS,
            f"; trying again in {retry_delay(attempt)}" if retry else "; given up",
        )
        if retry:
            later = update_export.using(run_after=timezone.now() + retry_delay(attempt))
            later.enqueue(page_ids, attempt + 1, list_pages, generation, showing_only)
        raise
    logger.info(
        "Static export updated: %d written, %d removed", len(result.written), len(result.removed)
    )
    return {"written": len(result.written), "removed": len(result.removed), "skipped": skipped}


def enqueue_after_commit(pages: list[Page]) -> None:
    """Once the current transaction commits, enqueue :data:`update_export` runs: a quick one
    for ``pages`` and their translations (with the first page of each list, the feeds and the
    section pages), so readers see the change within seconds, then, at a lower priority, the
    articles that show them ("other news" of their sections, related news) in runs of
    :data:`FOLLOW_UP_CHUNK`, the last of which renders every list page. A later publish's
    quick run waits for one follow-up run at most (the worker takes the highest priority
    first). Ids are collected now, while deleted pages still exist."""
    if not govnews_settings.EXPORT_ON_PUBLISH or not pages:
        return
    own = {page.pk for page in pages}
    for page in pages:
        own.update(page.get_translations().values_list("pk", flat=True))
    others = sorted(affected_articles(pages) - own)
    chunks = [
        others[start : start + FOLLOW_UP_CHUNK] for start in range(0, len(others), FOLLOW_UP_CHUNK)
    ]

    def enqueue() -> None:
        update_export.enqueue(sorted(own), list_pages=QUICK_LIST_PAGES)
        follow_up = update_export
        if update_export.get_backend().supports_priority:
            follow_up = update_export.using(priority=FOLLOW_UP_PRIORITY)
        generation = follow_ups.claim([*others, follow_ups.LISTS])
        for chunk in chunks[:-1]:
            follow_up.enqueue(chunk, list_pages=0, generation=generation, showing_only=True)
        # The last run renders every list page.
        last = chunks[-1] if chunks else []
        follow_up.enqueue(last, generation=generation, showing_only=True)

    transaction.on_commit(enqueue, robust=True)


def on_publish_or_unpublish(sender: Any, instance: Page, **kwargs: Any) -> None:
    """``page_published`` / ``page_unpublished`` / ``pre_delete``: the article changed."""
    if isinstance(instance, NewsPage):
        enqueue_after_commit([instance])


def on_move(sender: Any, instance: Page, **kwargs: Any) -> None:
    """``post_page_move``: the articles at or under the moved page have new URLs."""
    if govnews_settings.EXPORT_ON_PUBLISH:
        enqueue_after_commit(list(NewsPage.objects.descendant_of(instance, inclusive=True)))


def connect() -> None:
    """Connect the handlers (called once from ``WagtailGovNewsConfig.ready()``)."""
    from django.db.models.signals import pre_delete
    from wagtail.signals import page_published, page_unpublished, post_page_move

    uid = "wagtail_govnews.contrib.export"
    page_published.connect(on_publish_or_unpublish, dispatch_uid=uid + ".published")
    page_unpublished.connect(on_publish_or_unpublish, dispatch_uid=uid + ".unpublished")
    pre_delete.connect(on_publish_or_unpublish, sender=NewsPage, dispatch_uid=uid + ".deleted")
    post_page_move.connect(on_move, dispatch_uid=uid + ".moved")
