"""What makes cached responses stale: the signals of every change that can alter one.

Connected in ``WagtailGovNewsConfig.ready()``. A change of an article (saved, published,
unpublished, deleted; its tags, categories or picks) bumps the article's tags
(:func:`wagtail_govnews.cache_tags.of_article`); any other change that can alter a public
response (another page, a move, a view restriction, an image, a category, a tag, a site, a
locale, a portal setting or social account, a Django setting) bumps ``site``.
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.core.cache import InvalidCacheBackendError
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from wagtail.models import PageViewRestriction

from . import cache_tags
from .response_cache import invalidate


def invalidate_tags(tags: set[str]) -> None:
    """Make the cached responses showing one of ``tags`` stale, now and again when the
    transaction commits, since a reader may fill the cache from the old rows in between."""
    cache_tags.bump(tags)
    transaction.on_commit(lambda: cache_tags.bump(tags), robust=True)


def _on_change(*args: Any, **kwargs: Any) -> None:
    """Signal receiver: every cached response is stale."""
    invalidate_tags({cache_tags.SITE})


def connect() -> None:
    """Bump the tags of every change that can alter a public response."""
    from django.core.signals import setting_changed
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .models import (
        GovNewsSettings,
        NewsCategory,
        NewsPage,
        NewsPageRelatedNews,
        NewsPageTag,
        NewsTag,
        SocialAccount,
    )

    uid = "wagtail_govnews.response_cache"
    image = get_image_model()
    senders = [
        PageViewRestriction,
        image,
        NewsCategory,
        NewsTag,
        Site,
        Locale,
        GovNewsSettings,
        SocialAccount,
    ]
    for sender in senders:
        post_save.connect(_on_change, sender=sender, dispatch_uid=f"{uid}.save.{sender.__name__}")
        post_delete.connect(_on_change, sender=sender, dispatch_uid=f"{uid}.del.{sender.__name__}")
    post_delete.connect(
        _on_change, sender=image.get_rendition_model(), dispatch_uid=f"{uid}.rendition"
    )
    for sender in (NewsPageTag, NewsPageRelatedNews):
        for signal, name in ((post_save, "save"), (post_delete, "del")):
            signal.connect(
                _on_article_part_change, sender=sender, dispatch_uid=f"{uid}.{name}.{sender}"
            )
    post_save.connect(_on_page_change, dispatch_uid=f"{uid}.page.save")
    post_delete.connect(_on_page_change, dispatch_uid=f"{uid}.page.delete")
    m2m_changed.connect(
        _on_page_change, sender=NewsPage.categories.through, dispatch_uid=f"{uid}.categories"
    )
    page_published.connect(_on_page_change, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(_on_page_change, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(_on_change, dispatch_uid=f"{uid}.moved")
    setting_changed.connect(_on_setting_changed, dispatch_uid=f"{uid}.setting")


def _on_page_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    """An article changed: its tags; any other page (or a category's articles): ``site``."""
    from wagtail.models import Page

    from .models import NewsPage

    if isinstance(instance, NewsPage) and instance.path:
        invalidate_article(instance)
    elif isinstance(instance, Page) or "action" in kwargs:  # m2m_changed from a category
        invalidate_tags({cache_tags.SITE})


def _on_article_part_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A tag or a pick of an article was added or removed: that article's tags."""
    page = getattr(instance, "content_object", None) or getattr(instance, "page", None)
    if page is not None and page.path:
        invalidate_article(page)
    else:
        invalidate_tags({cache_tags.SITE})


def invalidate_article(page: Any) -> None:
    """Make stale what shows the article ``page``: its tags, its section's, ``news`` and the
    "other news" boxes of the section if it is dated among the newest, now and again once
    the transaction commits (the boxes looked up once each time, however many signals a
    publish sends)."""
    tags = cache_tags.of_article(page)
    if _scheduled(page.pk):
        cache_tags.bump(tags)
        return
    cache_tags.bump(tags | _newest_tags(page))

    def on_commit() -> None:
        cache_tags.bump(tags | _newest_tags(page))

    on_commit.govnews_article = page.pk
    transaction.on_commit(on_commit, robust=True)


def _scheduled(page_id: int) -> bool:
    """Whether the current transaction will already invalidate the article ``page_id`` on
    commit (Django forgets the callbacks of a rolled back block)."""
    pending = getattr(transaction.get_connection(), "run_on_commit", ())
    return any(getattr(entry[1], "govnews_article", None) == page_id for entry in pending)


def _newest_tags(page: Any) -> set[str]:
    """The tag of the section's "other news" boxes, when ``page`` is dated among them."""
    if page.specific_deferred.is_among_newest_of_section():
        return {cache_tags.newest_tag(page.path[: -page.steplen])}
    return set()


def _on_setting_changed(*args: Any, **kwargs: Any) -> None:
    # Broken new settings: whoever reads them next gets the error, not the signal's sender.
    with contextlib.suppress(ImproperlyConfigured, InvalidCacheBackendError):
        invalidate()
