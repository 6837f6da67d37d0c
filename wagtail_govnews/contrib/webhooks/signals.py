"""Signal handlers turning article changes into webhook events (connected in ``ready()``).

Drafts and scheduled publishing send nothing: saving a draft sends no signal, and an article
scheduled for later is announced when ``publish_scheduled`` makes it live (Wagtail also sends
``page_published`` when a first publication is only scheduled; the page is not live then).
"""

from __future__ import annotations

from typing import Any

from wagtail.models import Page, PageViewRestriction

from wagtail_govnews.models import NewsPage

from . import events
from .models import EventType


def on_published(sender: Any, instance: Page, **kwargs: Any) -> None:
    """``page_published``: an article went live (or a new version of it did)."""
    if isinstance(instance, NewsPage) and instance.live:
        events.queue(EventType.PUBLISHED, lambda: [events.published_event(instance)])


def on_unpublished(sender: Any, instance: Page, **kwargs: Any) -> None:
    """``page_unpublished``: an article left the site (not sent for a deletion)."""
    if isinstance(instance, NewsPage):
        events.queue(EventType.UNPUBLISHED, lambda: _unpublished(instance))


def _unpublished(page: Page) -> list[dict[str, Any]]:
    # Wagtail unpublishes a live page about to be deleted without saving it: the row is
    # still live then, and the deletion sends its own event.
    if Page.objects.filter(pk=page.pk, live=True).exists():
        return []
    return [events.withdrawn_event(EventType.UNPUBLISHED, page)]


def on_deleted(sender: Any, instance: NewsPage, **kwargs: Any) -> None:
    """``pre_delete`` of a NewsPage: collect what it showed while it still exists."""
    if instance.live:
        events.queue(
            EventType.DELETED, lambda: [events.withdrawn_event(EventType.DELETED, instance)]
        )


def on_moved(
    sender: Any,
    instance: Page,
    parent_page_before: Page,
    url_path_before: str,
    url_path_after: str,
    **kwargs: Any,
) -> None:
    """``post_page_move``: every live article at or under the moved page has a new path."""
    if url_path_before == url_path_after:
        return  # reordered among its siblings: no path changed
    events.queue(
        EventType.MOVED,
        lambda: _moved(instance, parent_page_before, url_path_before, url_path_after),
    )


def on_slug_change(sender: Any, instance: Page, instance_before: Page, **kwargs: Any) -> None:
    """``page_slug_changed`` (sent after the commit): a renamed page moved its articles."""
    parent = instance.get_parent()
    if parent is not None:
        events.queue(
            EventType.MOVED,
            lambda: _moved(instance, parent, instance_before.url_path, instance.url_path),
        )


def _moved(page: Page, old_parent: Page, url_path_before: str, url_path_after: str) -> list:
    """``article.moved`` events of the live articles at or under ``page``."""
    restricted_above = old_parent.get_view_restrictions().exists()
    articles = NewsPage.objects.descendant_of(page, inclusive=True).live()
    return [
        events.moved_event(
            article,
            url_path_before + article.url_path[len(url_path_after) :],
            was_public=not (restricted_above or _restricted_within(article, page)),
        )
        for article in articles.select_related("locale").order_by("path")
    ]


def _restricted_within(article: Page, moved: Page) -> bool:
    """Whether a view restriction lies on ``article`` or its ancestors up to ``moved``
    (restrictions there moved with it: they applied at the old place too)."""
    chain = Page.objects.ancestor_of(article, inclusive=True).descendant_of(moved, inclusive=True)
    return PageViewRestriction.objects.filter(page__in=chain).exists()


def connect() -> None:
    """Connect the handlers (called once from the sub-app's ``ready()``)."""
    from django.db.models.signals import pre_delete
    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
    )

    uid = "wagtail_govnews.contrib.webhooks"
    page_published.connect(on_published, dispatch_uid=uid + ".published")
    page_unpublished.connect(on_unpublished, dispatch_uid=uid + ".unpublished")
    pre_delete.connect(on_deleted, sender=NewsPage, dispatch_uid=uid + ".deleted")
    post_page_move.connect(on_moved, dispatch_uid=uid + ".moved")
    page_slug_changed.connect(on_slug_change, dispatch_uid=uid + ".slug")
