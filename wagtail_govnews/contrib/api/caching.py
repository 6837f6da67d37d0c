"""HTTP caching of public API responses: ETag, Last-Modified, 304 and Cache-Control.

The ``ETag`` is a digest of the body; ``Last-Modified`` is the time of the newest entry of
Wagtail's audit log. Responses come from the server-side response cache
(``wagtail_govnews.response_cache``) while what they show is unchanged, so a warm response or
a revalidation answered 304 costs one small query (the content state) and no rendering.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from wagtail_govnews.conf import govnews_settings
from wagtail_govnews.response_cache import cached_response, enabled, response_key, response_state

__all__ = ["http_cached", "private_no_store"]


def _etag(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


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
            state, modified = response_state()
            if extra_state is not None:
                state = f"{state}.{extra_state()}"
            if enabled() and request.method == "GET":
                key = response_key(request, "api", state)
                response = cached_response(request, key, lambda: view(request, *args, **kwargs))
            else:
                response = view(request, *args, **kwargs)
            if response.status_code != 200:
                return response
            etag = _etag(response.content)
            last_modified = int(modified.timestamp()) if modified else None
            not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
            if not_modified is not None:
                response = not_modified
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
