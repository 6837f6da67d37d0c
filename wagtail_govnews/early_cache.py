"""Cached pages answered before Wagtail's routing: one database query per page.

Without it, a cached page (an article, a section, a page type with
``govnews_response_cache = True``) still costs Wagtail's routing and view-restriction
queries (about 9) before the response cache is asked. Add the middleware last in
``MIDDLEWARE`` (after authentication and the locale middleware)::

    "wagtail_govnews.early_cache.CachedPageMiddleware",

For an anonymous ``GET`` without query string, session or messages (the same requests the
response cache serves), it looks up which page was last cached at the path (a cache read,
no query), then that page's entry under the current content state (one query), fresh while
nothing it shows changed (as for the response cache). On a hit it counts an article's view
and answers; otherwise routing goes on as usual.
Only responses that passed Wagtail's own checks were stored, and entries never outlive what
they show. Wagtail's ``before_serve_page`` hooks do not run for such hits: a site whose
hooks must see every page view leaves this middleware out.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse

from . import response_cache
from .viewcount import count_view


class CachedPageMiddleware:
    """Answer anonymous requests for cached pages before Wagtail routes them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if response_cache.cacheable_request(request):
            page_id = response_cache.stored_page_id(request)
            if page_id is not None:
                try:
                    state, _modified = response_cache.response_state()
                except DatabaseError:  # let the view fail, where DatabaseUnavailable… answers
                    return self.get_response(request)
                key = response_cache.response_key(request, response_cache.PAGE, state)
                entry = response_cache.fresh_entry(key)
                if entry is not None:
                    stored_id, counts_views = response_cache.stored_page(entry)
                    if stored_id == page_id:
                        if counts_views:
                            count_view(request, page_id)
                        return response_cache.stored_response(entry)
        return self.get_response(request)
