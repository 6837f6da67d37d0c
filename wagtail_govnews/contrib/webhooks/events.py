"""Build the JSON events of article changes and queue them for the endpoints subscribed.

An event names the article and where it is (or was) shown, never its content: a frontend
refetches what it needs from the API with its own access rules. Paths and find-by-path URLs
are included only while the article is (or was) visible to anonymous readers at that path,
so a private or not yet public article leaks neither its title nor its slug.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from wagtail_govnews.models import NewsPage

from .models import EventType, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from .tasks import deliver_webhooks, enqueue_delivery

API_APP = "wagtail_govnews.contrib.api"


def public_path(page: Page) -> str | None:
    """The page's path on its site (e.g. ``/vi/tin-tuc/slug/``), or ``None`` outside a site."""
    parts = page.get_url_parts()
    return parts[2] if parts else None


def is_public_now(page: Page) -> bool:
    """Whether anonymous readers may see the article now (the package's visibility rule)."""
    return NewsPage.objects.filter(pk=page.pk).published().exists()


def api_urls(page: Page, public: bool, old_page: Page | None = None) -> list[str]:
    """The headless API URLs to refetch: those the CDN purge uses for ``page``
    (:func:`wagtail_govnews.contrib.api.purge.api_urls_for`) plus the old find-by-path URL
    of ``old_page``; no find-by-path URL (it holds the slug) of ``page`` unless ``public``,
    nor of a translation that is not public."""
    if not apps.is_installed(API_APP):
        return []
    from wagtail_govnews.contrib.api.purge import api_urls_for, find_url_for

    translations = NewsPage.objects.filter(translation_key=page.translation_key).live()
    hidden_pages = list(
        translations.exclude(pk=page.pk).exclude(pk__in=translations.published().values("pk"))
    )
    if not public:
        hidden_pages.append(page)
    hidden = {find_url_for(hidden_page) for hidden_page in hidden_pages}
    urls = [url for url in api_urls_for(page) if url not in hidden]
    if old_page is not None:
        old_find = find_url_for(old_page)
        if old_find and old_find not in urls:
            urls.append(old_find)
    return urls


def build_event(
    event_type: EventType,
    page: Page,
    *,
    old_path: str | None,
    new_path: str | None,
    public: bool,
    urls: list[str],
) -> dict[str, Any]:
    """The JSON body of one event (see docs/how-to/webhooks.md, "Payload")."""
    return {
        "id": str(uuid.uuid4()),
        "type": str(event_type),
        "occurred_at": timezone.now().isoformat(),
        "article": {
            "id": page.pk,
            "translation_key": str(page.translation_key),
            "locale": page.locale.language_code,
            "public": public,
        },
        "old_path": old_path,
        "new_path": new_path,
        "api_urls": urls,
    }


def published_event(page: Page) -> dict[str, Any]:
    """``article.published``: its path and URLs only when anonymous readers may see it."""
    public = is_public_now(page)
    return build_event(
        EventType.PUBLISHED,
        page,
        old_path=None,
        new_path=public_path(page) if public else None,
        public=public,
        urls=api_urls(page, public),
    )


def withdrawn_event(event_type: EventType, page: Page) -> dict[str, Any]:
    """``article.unpublished`` / ``article.deleted``: the path it had, if it was public."""
    was_public = not page.get_view_restrictions().exists()
    return build_event(
        event_type,
        page,
        old_path=public_path(page) if was_public else None,
        new_path=None,
        public=False,
        urls=api_urls(page, was_public),
    )


def moved_event(page: Page, old_url_path: str, was_public: bool) -> dict[str, Any]:
    """``article.moved``: the old path if it was public there, the new one if it is now."""
    before = copy.copy(page)
    before.url_path = old_url_path
    public = is_public_now(page)
    return build_event(
        EventType.MOVED,
        page,
        old_path=public_path(before) if was_public else None,
        new_path=public_path(page) if public else None,
        public=public,
        urls=api_urls(page, public, old_page=before if was_public else None),
    )


def queue(event_type: EventType, build: Callable[[], list[dict[str, Any]]]) -> int:
    """Store the events ``build()`` returns for every active endpoint subscribed to
    ``event_type`` (in the current transaction, so they exist only if the change commits)
    and start delivery after the commit. ``build`` is not called when no endpoint wants
    the events. Returns how many deliveries were queued."""
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(is_active=True).order_by("pk")
        if endpoint.subscribes_to(event_type)
    ]
    return _store(endpoints, build()) if endpoints else 0


def ping(endpoint: WebhookEndpoint) -> WebhookDelivery:
    """Queue a test event (``endpoint.ping``, no article) for ``endpoint``."""
    event = {
        "id": str(uuid.uuid4()),
        "type": str(EventType.PING),
        "occurred_at": timezone.now().isoformat(),
        "article": None,
        "old_path": None,
        "new_path": None,
        "api_urls": [],
    }
    _store([endpoint], [event])
    return WebhookDelivery.objects.get(event_id=event["id"], endpoint=endpoint)


def send_test_event(endpoint: WebhookEndpoint) -> WebhookAttempt | None:
    """Send a test event to ``endpoint`` now, after any earlier events due; its attempt, or
    ``None`` when it waits behind an earlier event being retried."""
    delivery = ping(endpoint)
    deliver_webhooks.call(endpoint.pk)
    return delivery.attempt_log.order_by("-pk").first()


def _store(endpoints: list[WebhookEndpoint], events: list[dict[str, Any]]) -> int:
    deliveries = [
        WebhookDelivery(
            endpoint=endpoint,
            event_id=event["id"],
            event_type=event["type"],
            page_id=(event["article"] or {}).get("id"),
            payload=event,
        )
        for event in events
        for endpoint in endpoints
    ]
    for delivery in deliveries:  # one by one: pk order is delivery order
        delivery.save()
    for endpoint_id in sorted({delivery.endpoint_id for delivery in deliveries}):
        transaction.on_commit(lambda pk=endpoint_id: enqueue_delivery(pk), robust=True)
    return len(deliveries)
