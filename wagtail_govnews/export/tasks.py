"""Keep the static export up to date: a background task run when articles are (un)published.

With ``WAGTAIL_GOVNEWS["EXPORT_ON_PUBLISH"] = True`` and a target (``EXPORT_STORAGE`` or
``EXPORT_DIR``), publishing or unpublishing an article enqueues :data:`update_export` with
the articles whose files show it, after the transaction commits. The task runs on the
``TASKS`` backend of ``django_tasks`` (Wagtail's dependency); with the default immediate
backend it runs in the request, with a worker backend it runs in the worker.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import transaction
from django_tasks import task
from wagtail.models import Page

from ..conf import govnews_settings
from ..models import NewsPage
from .build import export_site
from .changes import affected_articles

logger = logging.getLogger(__name__)


def export_storage() -> Storage:
    """The storage the background task exports to, from the settings."""
    if govnews_settings.EXPORT_STORAGE:
        return storages[govnews_settings.EXPORT_STORAGE]
    if govnews_settings.EXPORT_DIR:
        return FileSystemStorage(location=str(govnews_settings.EXPORT_DIR), base_url="/")
    raise ImproperlyConfigured(
        "EXPORT_ON_PUBLISH needs WAGTAIL_GOVNEWS['EXPORT_STORAGE'] or ['EXPORT_DIR']."
    )


@task()
def update_export(page_ids: list[int]) -> dict[str, int]:
    """Export these articles again (removing the unpublished ones), with the lists and feeds."""
    result = export_site(export_storage(), page_ids=page_ids)
    logger.info(
        "Static export updated: %d written, %d removed", len(result.written), len(result.removed)
    )
    return {"written": len(result.written), "removed": len(result.removed)}


def on_publish_or_unpublish(sender: Any, instance: Page, **kwargs: Any) -> None:
    """``page_published`` / ``page_unpublished``: enqueue an update after the commit."""
    if not govnews_settings.EXPORT_ON_PUBLISH or not isinstance(instance, NewsPage):
        return
    page_ids = sorted(affected_articles([instance]))
    transaction.on_commit(lambda: update_export.enqueue(page_ids), robust=True)


def connect() -> None:
    """Connect the handlers (called once from ``WagtailGovNewsConfig.ready()``)."""
    from wagtail.signals import page_published, page_unpublished

    uid = "wagtail_govnews.export"
    page_published.connect(on_publish_or_unpublish, dispatch_uid=uid + ".published")
    page_unpublished.connect(on_publish_or_unpublish, dispatch_uid=uid + ".unpublished")
