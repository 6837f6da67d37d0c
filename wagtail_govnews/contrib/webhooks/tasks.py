"""Deliver queued events in the background, in order per endpoint, with retries.

:data:`deliver_webhooks` runs on the ``TASKS`` backend of ``django_tasks``. One run sends an
endpoint's due deliveries oldest first and stops at the first failure, so a later event never
overtakes an earlier one. A failed delivery is retried after a doubling delay: the run
re-enqueues itself with ``run_after`` when the backend can defer tasks, and otherwise the
next run (the next event, or ``manage.py govnews_webhooks`` from cron) picks it up.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from wagtail_govnews.conf import govnews_settings

from .delivery import attempt
from .models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)


def lease_length() -> timedelta:
    """How long a run may hold an endpoint before another run may take it over."""
    return timedelta(seconds=govnews_settings.WEBHOOKS_TIMEOUT * 2 + 30)


def _take_lease(endpoint_id: int) -> bool:
    now = timezone.now()
    free = Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    taken = WebhookEndpoint.objects.filter(Q(pk=endpoint_id, is_active=True) & free)
    return bool(taken.update(lease_until=now + lease_length()))


def _renew_lease(endpoint_id: int) -> None:
    until = timezone.now() + lease_length()
    WebhookEndpoint.objects.filter(pk=endpoint_id).update(lease_until=until)


def _release_lease(endpoint_id: int) -> None:
    WebhookEndpoint.objects.filter(pk=endpoint_id).update(lease_until=None)


def _pending(endpoint_id: int) -> WebhookDelivery | None:
    pending = WebhookDelivery.objects.filter(endpoint_id=endpoint_id, status=DeliveryStatus.PENDING)
    return pending.select_related("endpoint").order_by("pk").first()


def _send_due(endpoint_id: int) -> datetime | None:
    """Send due deliveries in order; the time the next one is due, or ``None`` if none."""
    while (delivery := _pending(endpoint_id)) is not None:
        due = delivery.next_attempt_at
        if due is not None and due > timezone.now():
            return due
        attempt(delivery)
        _renew_lease(endpoint_id)
        if delivery.status == DeliveryStatus.PENDING:
            return delivery.next_attempt_at
    return None


def enqueue_delivery(endpoint_id: int, run_after: datetime | None = None) -> None:
    """Enqueue :data:`deliver_webhooks` for an endpoint, deferred when the backend can."""
    if run_after is None:
        deliver_webhooks.enqueue(endpoint_id)
    elif deliver_webhooks.get_backend().supports_defer:
        deliver_webhooks.using(run_after=run_after).enqueue(endpoint_id)
    # Else a later run delivers it: the next event or `manage.py govnews_webhooks`.


@task()
def deliver_webhooks(endpoint_id: int) -> dict[str, str | None]:
    """Send the due deliveries of an endpoint in order; schedule the retry of a failure."""
    if not WebhookEndpoint.objects.filter(pk=endpoint_id, is_active=True).exists():
        return {"retry_at": None}  # removed or paused: its deliveries wait
    if not _take_lease(endpoint_id):
        # Another run holds it and looks for new deliveries before it lets go; if it died,
        # the lease expires and this retry takes over.
        enqueue_delivery(endpoint_id, timezone.now() + lease_length())
        return {"retry_at": None}
    try:
        next_due = _send_due(endpoint_id)
    finally:
        _release_lease(endpoint_id)
    # A delivery queued while we held the lease gave up on it: look once more.
    if next_due is None and _pending(endpoint_id) is not None and _take_lease(endpoint_id):
        try:
            next_due = _send_due(endpoint_id)
        finally:
            _release_lease(endpoint_id)
    if next_due is not None:
        enqueue_delivery(endpoint_id, next_due)
    prune_log()
    return {"retry_at": next_due.isoformat() if next_due else None}


def prune_log() -> int:
    """Delete finished deliveries (and their attempts) older than WEBHOOKS_LOG_DAYS."""
    cutoff = timezone.now() - timedelta(days=govnews_settings.WEBHOOKS_LOG_DAYS)
    old = WebhookDelivery.objects.exclude(status=DeliveryStatus.PENDING)
    deleted, _ = old.filter(finished_at__lt=cutoff).delete()
    return deleted


def deliver_all_due() -> int:
    """Run :data:`deliver_webhooks` now for every active endpoint with pending deliveries."""
    endpoint_ids = (
        WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING, endpoint__is_active=True)
        .values_list("endpoint_id", flat=True)
        .distinct()
    )
    ids = sorted(set(endpoint_ids))
    for endpoint_id in ids:
        deliver_webhooks.call(endpoint_id)
    return len(ids)
