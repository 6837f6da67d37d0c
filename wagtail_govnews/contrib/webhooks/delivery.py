"""Send one delivery over HTTP (standard library only) and log the attempt."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.utils import timezone

from wagtail_govnews import __version__
from wagtail_govnews.conf import govnews_settings

from .models import DeliveryStatus, WebhookAttempt, WebhookDelivery
from .signing import SIGNATURE_HEADER, signature_header


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not an instruction: the endpoint URL must be the final one."""

    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def encode(payload: dict) -> bytes:
    """The exact bytes sent (and signed) for ``payload``."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def retry_delay(attempts: int) -> timedelta:
    """Wait before the next try after ``attempts`` failures: doubling from WEBHOOKS_RETRY_DELAY."""
    return timedelta(seconds=govnews_settings.WEBHOOKS_RETRY_DELAY * 2 ** max(attempts - 1, 0))


def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int | None, str]:
    """POST ``body``; ``(status code, error)`` where error is ``""`` for a 2xx answer."""
    if not url.lower().startswith(("http://", "https://")):
        return None, "ValueError: only http and https URLs are supported"
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with _opener.open(request, timeout=govnews_settings.WEBHOOKS_TIMEOUT) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code} {error.reason}"[:500]
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return None, f"{type(error).__name__}: {reason}"[:500]


def attempt(delivery: WebhookDelivery) -> bool:
    """Send ``delivery`` once, log the attempt, and schedule a retry or give up on failure."""
    endpoint = delivery.endpoint
    body = encode(delivery.payload)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": f"wagtail-govnews/{__version__}",
        "X-GovNews-Event": delivery.event_type,
        "X-GovNews-Event-Id": str(delivery.event_id),
        "X-GovNews-Delivery": str(delivery.pk),
        SIGNATURE_HEADER: signature_header([endpoint.secret], body),
    }
    started = time.monotonic()
    status_code, error = post(endpoint.url, body, headers)
    duration_ms = round((time.monotonic() - started) * 1000)
    succeeded = not error
    delivery.attempts += 1
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=delivery.attempts,
        succeeded=succeeded,
        status_code=status_code,
        duration_ms=duration_ms,
        error=error,
    )
    now = timezone.now()
    if succeeded:
        delivery.status = DeliveryStatus.DELIVERED
        delivery.finished_at, delivery.next_attempt_at = now, None
    elif delivery.attempts >= govnews_settings.WEBHOOKS_MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.FAILED
        delivery.finished_at, delivery.next_attempt_at = now, None
    else:
        delivery.next_attempt_at = now + retry_delay(delivery.attempts)
    delivery.save(update_fields=["attempts", "status", "finished_at", "next_attempt_at"])
    return succeeded
