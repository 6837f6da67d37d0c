"""Serving pages to readers: Wagtail serve hooks (registered in ``wagtail_hooks.py``) that
keep HTTP concerns out of the models.

- :func:`refuse_hidden_page`: a page that expired (or is scheduled for later) is a 404 even
  while Wagtail still has it live, as on every other surface (``visible_to_public``).
- :func:`serve_from_cache` (an ``on_serve_page`` wrapper, inside Wagtail's view restriction
  check): counts a reader's view of an article, and answers anonymous readers from the
  response cache (:mod:`wagtail_govnews.response_cache`) when warm, for article pages,
  section pages and any page type that sets ``govnews_response_cache = True`` (a site's
  home page, say).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from wagtail.models import Page

from . import cache_tags, response_cache
from .models import NewsIndexPage, NewsPage
from .viewcount import count_view

#: Order of :func:`serve_from_cache` among ``on_serve_page`` hooks: inside Wagtail's view
#: restriction check (order 0), so a private page is never answered from the cache.
SERVE_FROM_CACHE_ORDER = 100

Serve = Callable[[Page, HttpRequest, tuple, dict], HttpResponse]


def refuse_hidden_page(page: Page, request: HttpRequest, *args: Any) -> None:
    """404 for a page whose expiry has passed or whose publication is still to come."""
    now = timezone.now()
    if (page.expire_at and page.expire_at <= now) or (page.go_live_at and page.go_live_at > now):
        raise Http404("This page is not published.")


def serve_from_cache(serve: Serve) -> Serve:
    """Wrap Wagtail's serving: count an article's view, answer from the response cache when
    warm."""

    def serve_with_cache(
        page: Page, request: HttpRequest, serve_args: tuple, serve_kwargs: dict
    ) -> HttpResponse:
        if isinstance(page, NewsPage) and _is_article_route(request) and page.live:
            count_view(request, page.pk)  # a cache increment, no database write
        if not _cached_for_readers(page, request) or not response_cache.cacheable_request(request):
            return serve(page, request, serve_args, serve_kwargs)
        # CachedPageMiddleware may have read the state of this request already.
        state = response_cache.notes_for(request).state or response_cache.response_state()[0]
        key = response_cache.response_key(request, response_cache.PAGE, state)

        def render() -> HttpResponse:
            return _render_for_cache(serve(page, request, serve_args, serve_kwargs), page, request)

        counts_views = isinstance(page, NewsPage)
        return response_cache.cached_response(request, key, render, page.pk, counts_views)

    return serve_with_cache


def _cached_for_readers(page: Page, request: HttpRequest) -> bool:
    """Whether ``page``'s response goes through the response cache: an article (not its
    print view or PDF), a section, or a page type that asks for it."""
    if isinstance(page, NewsPage):
        return _is_article_route(request)
    return isinstance(page, NewsIndexPage) or getattr(page, "govnews_response_cache", False)


def _is_article_route(request: HttpRequest) -> bool:
    """Whether the routed view is the article itself (not its print view or PDF)."""
    match = getattr(request, "routable_resolver_match", None)
    return match is not None and match.url_name == "article"


def _render_for_cache(response: HttpResponse, page: Page, request: HttpRequest) -> HttpResponse:
    """Render for the cache, which keeps it until what the page shows changes or expires.

    Wagtail checked view restrictions before this: a reader without a session who got here
    may see the page, so anyone may (``cacheable_request`` requires no session). The
    articles the page lists note their own tags and expiry as they are queried
    (:class:`~wagtail_govnews.models.NewsPageQuerySet`).
    """
    if hasattr(response, "render"):
        response.render()
    if isinstance(page, NewsPage):
        cache_tags.note(cache_tags.article_tag(page.translation_key))
    response_cache.note_expiry(request, page.expire_at)
    return response
