"""Server-side cache of public responses (API JSON, article HTML), kept until what they
show changes.

Each entry notes the tags of the content it shows (:mod:`wagtail_govnews.cache_tags`): the
articles on it, the section whose latest articles it lists, ``news`` for any other list,
``site`` for everything else. A change bumps the tags it touches
(:mod:`wagtail_govnews.cache_invalidation`): publishing, editing, unpublishing or deleting
an article bumps its own tag, its section's and ``news``, so only the pages showing it, the
lists and the pages whose boxes list it are rebuilt; a change of anything else (another page type, a
move, a view restriction, an image, a category, a tag, a site, a setting) bumps ``site``.

An entry's key also holds a *content state* from the database (:func:`response_state`): the
view restrictions, and the audit log of snippets, images, documents and settings, so a change
made without our signals (a script, another model) still reaches every process. With a
cache local to each process (``LocMemCache``), which another process's bumps cannot reach,
the state holds the pages' audit log too: every publish then makes every entry unreachable
(``RESPONSE_CACHE_SHARED`` overrides the detection).

Entries also expire before the earliest ``expire_at`` of the articles they show (noted with
:func:`note_expiry`), since Wagtail keeps an expired article live until ``publish_scheduled``
runs. ``RESPONSE_CACHE_TIMEOUT = 0`` turns the cache off.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from weakref import WeakKeyDictionary

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from wagtail.models import ModelLogEntry, PageLogEntry, PageViewRestriction

from . import cache_tags
from .cache_keys import canonical_path
from .conf import govnews_settings

MESSAGES_COOKIE = "messages"  # django.contrib.messages' cookie storage
PAGE = "page"  # the kind of :func:`response_key` of pages served by Wagtail


@dataclass
class RequestNotes:
    """What building one request's response learnt about caching it."""

    #: The content state its key was made with (reused by :func:`cached_value`).
    state: str | None = None
    #: The earliest time something the response shows expires (it is cached until then).
    earliest_expiry: datetime | None = None
    #: Whether its query-string variant may be stored (decided once, on first store).
    within_variant_budget: bool | None = None


#: Notes of the requests being answered; an entry goes with its request.
_notes: WeakKeyDictionary[HttpRequest, RequestNotes] = WeakKeyDictionary()


def notes_for(request: HttpRequest) -> RequestNotes:
    """The caching notes of ``request`` (made on first use)."""
    notes = _notes.get(request)
    if notes is None:
        notes = _notes[request] = RequestNotes()
    return notes


def content_state() -> tuple[str, datetime | None]:
    """A token that changes whenever published content may have changed, and its time.

    Besides the audit log, it counts view restrictions: one added by a script (no log entry)
    changes the token in every process, so no cache keeps serving a page that became private.
    """
    pages, models, restrictions, modified = _state_parts()
    return f"{pages}.{models}.{restrictions}", modified


def response_state() -> tuple[str, datetime | None]:
    """The part of :func:`content_state` that keys cached responses, and the content's time.

    With a shared cache, page changes reach every process through the tags they bump, so the
    pages' audit log is left out: one publish does not make every entry unreachable.
    """
    pages, models, restrictions, modified = _state_parts()
    if shared():
        return f"-.{models}.{restrictions}", modified
    return f"{pages}.{models}.{restrictions}", modified


def _state_parts() -> tuple[str, str, str, datetime | None]:
    """The newest page and model log entries, the view restrictions, and the latest time."""
    pages, models = PageLogEntry._meta.db_table, ModelLogEntry._meta.db_table
    restrictions = PageViewRestriction._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(id) FROM {pages}), (SELECT MAX(timestamp) FROM {pages}), "
            f"(SELECT MAX(id) FROM {models}), (SELECT MAX(timestamp) FROM {models}), "
            f"(SELECT COUNT(*) FROM {restrictions}), (SELECT MAX(id) FROM {restrictions})"
        )
        page_id, page_time, model_id, model_time, count, last = cursor.fetchone()
    times = [_as_datetime(time) for time in (page_time, model_time) if time is not None]
    return str(page_id), str(model_id), f"{count}.{last}", max(times) if times else None


def _as_datetime(value: datetime | str) -> datetime:
    """SQLite returns aggregated timestamps as text; other databases as datetimes."""
    if isinstance(value, str):
        value = parse_datetime(value)
    return value if timezone.is_aware(value) else timezone.make_aware(value, UTC)


def _cache():
    return caches[govnews_settings.RESPONSE_CACHE_ALIAS]


def enabled() -> bool:
    """Whether responses are cached at all (``RESPONSE_CACHE_TIMEOUT`` above 0)."""
    return govnews_settings.RESPONSE_CACHE_TIMEOUT > 0


def shared() -> bool:
    """Whether every process reads the same response cache (``RESPONSE_CACHE_SHARED``, by
    default true for any backend but ``LocMemCache``)."""
    configured = govnews_settings.RESPONSE_CACHE_SHARED
    if configured is None:
        return not isinstance(_cache(), LocMemCache)
    return bool(configured)


def invalidate(*args: Any, **kwargs: Any) -> None:
    """Make every cached response stale."""
    cache_tags.bump([cache_tags.SITE])


def response_key(request: HttpRequest, kind: str, state: str) -> str:
    """The cache key of ``request``'s response for the given content ``state``."""
    notes_for(request).state = state
    parts = (
        kind,
        state,
        request.scheme,
        request.get_host(),
        canonical_path(request),
        translation.get_language() or "",
    )
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()
    return f"govnews:response:{digest}"


def cached_value(request: HttpRequest, kind: str, key: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, kept until content changes (or the cache is off)."""
    if not enabled():
        return compute()
    state = notes_for(request).state or response_state()[0]
    digest = hashlib.sha256(f"{kind}|{state}|{key}".encode()).hexdigest()
    cache_key = f"govnews:{kind}:{digest}"
    stored = fresh_entry(cache_key)
    if stored is not None:
        value, tags = stored[0], stored[-2]
        cache_tags.note(*tags)
        if len(stored) == 4:  # (value, earliest expiry, tags, built at)
            cache_tags.note_expiry(stored[1])
        return value
    built_at = cache_tags.counter()
    with cache_tags.collecting() as tags:
        value = compute()
    cache_tags.note_expiry(tags.earliest_expiry)  # for the response around it
    timeout = _timeout_until(tags.earliest_expiry)
    if timeout > 0 and _within_variant_budget(request):
        cache_tags.settle(tags)
        entry = (value, tags.earliest_expiry, tuple(tags), built_at)
        _cache().set(cache_key, entry, timeout)
    return value


def note_expiry(request: HttpRequest | None, expire_at: datetime | None) -> None:
    """Remember that the response being built shows something that expires at ``expire_at``."""
    if request is None or expire_at is None:
        return
    notes = notes_for(request)
    if notes.earliest_expiry is None or expire_at < notes.earliest_expiry:
        notes.earliest_expiry = expire_at


def do_not_cache(request: HttpRequest) -> None:
    """Keep the response being built out of the cache."""
    notes_for(request).earliest_expiry = timezone.now()


def cacheable_request(request: HttpRequest) -> bool:
    """Whether ``request`` may be answered from the cache: a GET without query string, user,
    session or flash messages (a session may hold a page password that passed Wagtail's
    restriction check, or messages to show)."""
    user = getattr(request, "user", None)
    return (
        enabled()
        and request.method == "GET"
        and not request.GET
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
        and not getattr(request, "is_preview", False)
        and not (user is not None and user.is_authenticated)
    )


def _timeout_until(*expiries: datetime | None) -> int:
    """Seconds an entry may be kept: the configured timeout, or less when something it
    shows expires sooner."""
    timeout = govnews_settings.RESPONSE_CACHE_TIMEOUT
    for expiry in expiries:
        if expiry is not None:
            timeout = min(timeout, int((expiry - timezone.now()).total_seconds()))
    return timeout


def cached_response(
    request: HttpRequest,
    key: str,
    build: Callable[[], HttpResponse],
    page_id: int | None = None,
    counts_views: bool = False,
) -> HttpResponse:
    """The response stored under ``key``, or ``build()``'s, stored when it is a plain 200.

    ``page_id``: the response is that page's; its path is noted too, so
    :class:`wagtail_govnews.early_cache.CachedPageMiddleware` can answer it before routing
    (and count a reader's view there when ``counts_views``: an article's page).
    """
    stored = fresh_entry(key)
    if stored is not None:
        return stored_response(stored)
    built_at = cache_tags.counter()
    with cache_tags.collecting() as tags:
        response = build()
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
    timeout = _timeout_until(notes_for(request).earliest_expiry, tags.earliest_expiry)
    cacheable = (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not _personal(request, response)
        and not _holds_csp_nonce(request)
        and timeout > 0
    )
    if cacheable and _within_variant_budget(request):
        cache, entry_tags = _cache(), tuple(tags)
        cache_tags.settle(entry_tags)
        content_type = response["Content-Type"]
        entry = (response.content, content_type, page_id, counts_views, entry_tags, built_at)
        cache.set(key, entry, timeout)
        if page_id is not None:
            cache.set(route_key(request), page_id, timeout)
    return response


def stored_response(stored: tuple) -> HttpResponse:
    """A response from a stored entry ``(content, content type, page id, counts views, tags,
    built at)``."""
    return HttpResponse(stored[0], content_type=stored[1])


def stored_page(stored: tuple) -> tuple[int | None, bool]:
    """The page id of a stored entry, and whether serving it counts a view of that page."""
    return stored[2], len(stored) == 6 and stored[3] is True


def route_key(request: HttpRequest) -> str:
    """The key noting which page a request's path showed (no content state in it:
    finding it needs no query; the article's entry itself is checked against the state)."""
    parts = (request.scheme, request.get_host(), request.path, translation.get_language() or "")
    return "govnews:route:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def stored_page_id(request: HttpRequest) -> int | None:
    """The id of the page last cached at ``request``'s path, if any."""
    page_id = _cache().get(route_key(request))
    return page_id if isinstance(page_id, int) else None


def fresh_entry(key: str) -> tuple | None:
    """The entry stored under ``key``, if none of what it shows changed since it was built.

    Entries are tuples ending with the tags they show and the tag counter at their build.
    """
    stored = _cache().get(key)
    if not isinstance(stored, tuple) or len(stored) < 3:
        return None
    tags, built_at = stored[-2:]
    return stored if cache_tags.still_fresh(tags, built_at) else None


def _within_variant_budget(request: HttpRequest) -> bool:
    """Whether one more query-string variant of ``request.path`` may be stored for the
    current content: at most ``RESPONSE_CACHE_MAX_VARIANTS`` of them (a crawler or a script
    trying every ``date_from`` cannot fill the cache). A path without a query always may."""
    if not request.GET:
        return True
    notes = notes_for(request)
    if notes.within_variant_budget is None:
        digest = hashlib.sha256(f"{notes.state}|{request.path}".encode())
        counter, cache = f"govnews:variants:{digest.hexdigest()}", _cache()
        cache.add(counter, 0, govnews_settings.RESPONSE_CACHE_TIMEOUT)
        try:
            count = cache.incr(counter)
        except ValueError:  # evicted meanwhile
            count = 0
        notes.within_variant_budget = count <= govnews_settings.RESPONSE_CACHE_MAX_VARIANTS
    return notes.within_variant_budget


def _personal(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether the response may hold something of this visitor's: a CSRF token (its cookie
    is set only later, by the middleware) or data written to the session while rendering."""
    session = getattr(request, "session", None)
    return bool(
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or (session is not None and session.modified)
        or "cookie" in response.get("Vary", "").lower()
    )


def _holds_csp_nonce(request: HttpRequest) -> bool:
    """Whether the response carries this request's Content-Security-Policy nonce (a site's
    template used it): served again, the nonce would not match the next response's header.

    django-csp keeps the nonce in ``request._csp_nonce`` once a template reads it; Django 6's
    own middleware keeps a lazy nonce there, true once generated.
    """
    return bool(getattr(request, "_csp_nonce", None))
