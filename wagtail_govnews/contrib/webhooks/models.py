"""Webhook endpoints (managed in the admin), the events queued for them, and every attempt."""

from __future__ import annotations

import json
import uuid

from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    """What happened to an article."""

    PUBLISHED = "article.published", _("Article published")
    UNPUBLISHED = "article.unpublished", _("Article unpublished")
    MOVED = "article.moved", _("Article moved")
    DELETED = "article.deleted", _("Article deleted")
    PING = "endpoint.ping", _("Test event")


def all_event_types() -> list[str]:
    """Every article event type (the default subscription of a new endpoint)."""
    return [value for value in EventType.values if value != EventType.PING]


class WebhookEndpoint(models.Model):
    """A URL that receives signed events, e.g. a frontend's revalidation route."""

    description = models.CharField(
        _("description"), max_length=255, help_text=_("What this endpoint is, for editors.")
    )
    url = models.URLField(_("URL"), max_length=500)
    secret = models.CharField(_("signing secret"), max_length=255)
    is_active = models.BooleanField(_("active"), default=True)
    events = models.JSONField(_("events"), default=all_event_types)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Set while a task delivers to this endpoint: one sender at a time keeps events in order.
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["description"]

    def __str__(self) -> str:
        return self.description

    def subscribes_to(self, event_type: str) -> bool:
        """Whether this endpoint wants events of ``event_type``."""
        return event_type in (self.events or [])

    @property
    def masked_secret(self) -> str:
        """The secret as the admin shows it: only its last four characters."""
        return "••••" + self.secret[-4:] if self.secret else ""


class DeliveryStatus(models.TextChoices):
    """Where a delivery stands."""

    PENDING = "pending", _("Pending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


class WebhookDelivery(models.Model):
    """One event for one endpoint; sent in ``pk`` order per endpoint."""

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("endpoint"),
    )
    event_id = models.UUIDField(_("event id"), default=uuid.uuid4)
    event_type = models.CharField(_("event"), max_length=40, choices=EventType.choices)
    page_id = models.PositiveIntegerField(_("article id"), null=True, blank=True)
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-pk"]
        indexes = [
            models.Index(fields=["endpoint", "status", "id"]),
            models.Index(fields=["finished_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} #{self.page_id} → {self.endpoint}"


class WebhookAttempt(models.Model):
    """One HTTP request of a delivery, with its outcome (the admin's delivery log)."""

    delivery = models.ForeignKey(
        WebhookDelivery,
        on_delete=models.CASCADE,
        related_name="attempt_log",
        verbose_name=_("delivery"),
    )
    number = models.PositiveSmallIntegerField(_("attempt"))
    attempted_at = models.DateTimeField(_("time"), auto_now_add=True)
    succeeded = models.BooleanField(_("succeeded"), default=False)
    status_code = models.PositiveSmallIntegerField(_("status code"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("response time (ms)"), default=0)
    error = models.CharField(_("error"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("webhook delivery attempt")
        verbose_name_plural = _("webhook delivery log")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.delivery} ({self.number})"

    def _payload_html(self) -> str:
        body = json.dumps(self.delivery.payload, indent=2, ensure_ascii=False)
        return format_html("<pre>{}</pre>", body)

    _payload_html.short_description = _("payload")  # type: ignore[attr-defined]
    #: The JSON sent, for the admin's inspect view.
    payload = property(_payload_html)
