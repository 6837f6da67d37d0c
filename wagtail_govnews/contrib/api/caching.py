"""HTTP caching of public API responses: ETag, Last-Modified, 304 and Cache-Control.

Validators come from Wagtail's audit log: every publish, unpublish, move, delete or admin edit
of a page, snippet or setting writes a log entry, so the newest entry identifies the state of
the published content. Computing them costs one small query and no rendering, so a
revalidation answers 304 cheaply. The same state keys the server-side response cache
(``wagtail_govnews.response_cache``), so a warm response costs that one query too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from wagtail_govnews.cache_keys import canonical_path
from wagtail_govnews.conf import govnews_settings
from wagtail_govnews.response_cache import cached_response, content_state, enabled, response_key

__all__ = ["content_state", "http_cached", "private_no_store"]


def _etag(request: HttpRequest, state: str) -> str:
    key = "|".join((state, request.get_host(), canonical_path(request)))
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def http_cached(
    cache_control: Callable[[], str] | None = None,
    extra_state: Callable[[], str] | None = None,
) -> Callable:
    """Decorate a view: conditional GET (304) and validators on its 200 responses.

    ``extra_state``: for a view that also shows data outside the audit log (view counts),
    a token of that data, added to the validators and the response-cache key.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            state, modified = content_state()
            if extra_state is not None:
                state = f"{state}.{extra_state()}"
            etag = _etag(request, state)
            last_modified = int(modified.timestamp()) if modified else None
            not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
            if not_modified is not None:
                not_modified["Cache-Control"] = _cache_control(cache_control)
                return not_modified
            if enabled() and request.method == "GET":
                key = response_key(request, "api", state)
                response = cached_response(request, key, lambda: view(request, *args, **kwargs))
            else:
                response = view(request, *args, **kwargs)
            if response.status_code == 200:
                response["ETag"] = etag
                if last_modified is not None:
                    response["Last-Modified"] = http_date(last_modified)
                response["Cache-Control"] = _cache_control(cache_control)
            return response

        return wrapper

    return decorator


def _cache_control(cache_control: Callable[[], str] | None) -> str:
    return cache_control() if cache_control else govnews_settings.API_CACHE_CONTROL


def private_no_store(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorate a view whose responses must never be stored by a shared cache."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    return wrapper
