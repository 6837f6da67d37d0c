"""HTTP caching of public API responses: ETag, Last-Modified, 304 and Cache-Control.

Validators come from Wagtail's audit log: every publish, unpublish, move, delete or admin edit
of a page, snippet or setting writes a log entry, so the newest entry identifies the state of
the published content. Computing them costs one small query and no rendering, so a
revalidation answers 304 cheaply.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date
from wagtail.models import ModelLogEntry, PageLogEntry

from ..conf import govnews_settings


def content_state() -> tuple[str, datetime | None]:
    """A token that changes whenever published content may have changed, and its time."""
    pages, models = PageLogEntry._meta.db_table, ModelLogEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(id) FROM {pages}), (SELECT MAX(timestamp) FROM {pages}), "
            f"(SELECT MAX(id) FROM {models}), (SELECT MAX(timestamp) FROM {models})"
        )
        page_id, page_time, model_id, model_time = cursor.fetchone()
    times = [_as_datetime(time) for time in (page_time, model_time) if time is not None]
    return f"{page_id}.{model_id}", max(times) if times else None


def _as_datetime(value: datetime | str) -> datetime:
    """SQLite returns aggregated timestamps as text; other databases as datetimes."""
    if isinstance(value, str):
        value = parse_datetime(value)
    return value if timezone.is_aware(value) else timezone.make_aware(value, UTC)


def _etag(request: HttpRequest, state: str) -> str:
    key = "|".join((state, request.get_host(), request.get_full_path()))
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def http_cached(cache_control: Callable[[], str] | None = None) -> Callable:
    """Decorate a view: conditional GET (304) and validators on its 200 responses."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            state, modified = content_state()
            etag = _etag(request, state)
            last_modified = int(modified.timestamp()) if modified else None
            not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
            if not_modified is not None:
                not_modified["Cache-Control"] = _cache_control(cache_control)
                return not_modified
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
