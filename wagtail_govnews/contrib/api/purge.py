"""Purge the API's responses from frontend caches (CDN, Varnish) when an article changes.

Public API responses may be stored by shared caches for ``s-maxage`` seconds (see
``API_CACHE_CONTROL``). When an article is published, unpublished, moved, renamed or deleted,
the handlers here ask Wagtail's frontend cache app to purge the API URLs that changed with it,
so readers see the change at once instead of after the cache expires.

This needs ``"wagtail.contrib.frontend_cache"`` in ``INSTALLED_APPS`` and a backend in
``WAGTAILFRONTENDCACHE``; without a backend, purging does nothing. Purges are sent after the
database transaction commits, so a cache cannot refill with the old content in between.

What is purged is :func:`api_urls_for` of each changed article: the first page of the news
lists it appears in (all, by locale, by section), not later pages or lists filtered by
category, tag, date or search, and not the "other news" boxes of other articles; those expire
after ``s-maxage``.
"""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page, Site

from wagtail_govnews.models import NewsPage

NAMESPACE = "govnews_api"


def api_urls_for(page: NewsPage, request: Any = None) -> list[str]:
    """The absolute API URLs whose responses change when ``page`` changes.

    Its detail, QR images and find-by-path URL, the unfiltered news list and the lists
    filtered by its locale and by its section, and the detail and find URLs of its live
    translations (they list it). ``[]`` when the page is not in a site or the API is not
    mounted. ``request`` is only a cache for site lookups (any object will do).
    """
    root_url = _root_url(page, request)
    if root_url is None:
        return []
    try:
        news_list = reverse(f"{NAMESPACE}:news_list")
        paths = [
            *_article_paths(page, request),
            news_list,
            news_list + "?" + urlencode({"locale": page.locale.language_code}),
        ]
        parent = page.get_parent()
        if parent is not None:
            paths.append(news_list + "?" + urlencode({"index": parent.pk}))
        for translation in page.get_translations().live():
            paths.extend(_article_paths(translation, request, with_qr=False))
    except NoReverseMatch:  # the API is not mounted in this project
        return []
    return _unique(root_url + path for path in paths)


def find_url_for(page: Page, request: Any = None) -> str | None:
    """The absolute ``/news/find/?path=…`` URL of ``page`` at its current ``url_path``."""
    root_url = _root_url(page, request)
    path = _find_path(page, request)
    return root_url + path if root_url is not None and path is not None else None


def _root_url(page: Page, request: Any) -> str | None:
    parts = page.get_url_parts(request)
    if parts is None:
        return None
    site_id, root_url, _page_path = parts
    if root_url is None:  # pages are not served by Django here (headless only)
        site = Site.objects.filter(pk=site_id).first()
        return site.root_url if site else None
    return root_url


def _find_path(page: Page, request: Any) -> str | None:
    """``/api/govnews/news/find/?path=…`` with the page's public path, URL-encoded as a
    frontend's ``encodeURIComponent`` does."""
    parts = page.get_url_parts(request)
    if parts is None or parts[2] is None:
        return None
    try:
        return reverse(f"{NAMESPACE}:news_find") + "?" + urlencode({"path": parts[2]})
    except NoReverseMatch:
        return None


def _article_paths(page: Page, request: Any, with_qr: bool = True) -> list[str]:
    page_id = {"page_id": page.pk}
    paths = [reverse(f"{NAMESPACE}:news_detail", kwargs=page_id)]
    if with_qr:
        paths.append(reverse(f"{NAMESPACE}:news_qr_svg", kwargs=page_id))
        paths.append(reverse(f"{NAMESPACE}:news_qr_png", kwargs=page_id))
    find = _find_path(page, request)
    if find is not None:
        paths.append(find)
    return paths


def _unique(urls: Any) -> list[str]:
    return list(dict.fromkeys(urls))


def purge(urls: list[str]) -> None:
    """Purge ``urls`` from the frontend caches once the current transaction commits."""
    if not urls or not apps.is_installed("wagtail.contrib.frontend_cache"):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch(urls)
    transaction.on_commit(batch.purge, robust=True)


def _moved_articles(page: Page, path_before: str, path_after: str) -> list[str]:
    """API URLs of the articles at or under ``page``, whose url_path went from
    ``path_before`` to ``path_after``: their current URLs and their old find URLs."""
    cache_object = _CacheObject()
    urls: list[str] = []
    for article in NewsPage.objects.descendant_of(page, inclusive=True).select_related("locale"):
        urls.extend(api_urls_for(article, cache_object))
        if article.url_path.startswith(path_after):
            before = copy.copy(article)
            before.url_path = path_before + article.url_path[len(path_after) :]
            old_find = find_url_for(before, cache_object)
            if old_find:
                urls.append(old_find)
    return urls


class _CacheObject:
    """Holds Wagtail's site root paths across the URL lookups of one purge."""


# Signal handlers, connected in WagtailGovNewsConfig.ready().


def on_publish_or_unpublish(sender: Any, instance: Page, **kwargs: Any) -> None:
    """``page_published`` / ``page_unpublished``: purge the article's URLs."""
    if isinstance(instance, NewsPage):
        purge(api_urls_for(instance))


def on_move(
    sender: Any,
    instance: Page,
    parent_page_before: Page,
    parent_page_after: Page,
    url_path_before: str,
    url_path_after: str,
    **kwargs: Any,
) -> None:
    """``post_page_move``: purge the old and new URLs of the moved article(s).

    A moved section moves its articles too, so every article at or under the moved page is
    purged. The old section's list is purged when an article leaves it.
    """
    if url_path_before == url_path_after and parent_page_before.pk == parent_page_after.pk:
        return  # reordered among its siblings: nothing the API shows has changed
    urls = _moved_articles(instance, url_path_before, url_path_after)
    if urls and issubclass(instance.specific_class or Page, NewsPage):
        try:
            old_section = (
                reverse(f"{NAMESPACE}:news_list")
                + "?"
                + urlencode({"index": parent_page_before.pk})
            )
        except NoReverseMatch:
            old_section = None
        root_url = _root_url(parent_page_before, None)
        if old_section and root_url is not None:
            urls.append(root_url + old_section)
    purge(_unique(urls))


def on_slug_change(sender: Any, instance: Page, instance_before: Page, **kwargs: Any) -> None:
    """``page_slug_changed``: the article(s) at or under the page have new paths."""
    purge(_unique(_moved_articles(instance, instance_before.url_path, instance.url_path)))


def on_delete(sender: Any, instance: NewsPage, **kwargs: Any) -> None:
    """``pre_delete`` of a NewsPage: collect its URLs while it still exists."""
    purge(api_urls_for(instance))


def connect() -> None:
    """Connect the handlers (called once from ``WagtailGovNewsConfig.ready()``)."""
    from django.db.models.signals import pre_delete
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    uid = "wagtail_govnews.contrib.api.purge"
    page_published.connect(on_publish_or_unpublish, dispatch_uid=uid + ".published")
    page_unpublished.connect(on_publish_or_unpublish, dispatch_uid=uid + ".unpublished")
    post_page_move.connect(on_move, dispatch_uid=uid + ".moved")
    page_slug_changed.connect(on_slug_change, dispatch_uid=uid + ".slug")
    pre_delete.connect(on_delete, sender=NewsPage, dispatch_uid=uid + ".deleted")
