"""``manage.py govnews_webhooks``: send due webhook retries now, prune the delivery log, or
send a test event to an endpoint."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wagtail_govnews.contrib.webhooks.events import send_test_event
from wagtail_govnews.contrib.webhooks.models import WebhookEndpoint
from wagtail_govnews.contrib.webhooks.tasks import deliver_all_due, prune_log


class Command(BaseCommand):
    help = (
        "Deliver pending webhook events that are due (retries) and delete delivery log "
        "entries older than WEBHOOKS_LOG_DAYS. Run it from cron when the tasks backend "
        "cannot defer tasks (e.g. the immediate backend). --ping ID sends a test event."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--ping",
            type=int,
            metavar="ENDPOINT_ID",
            help="send an endpoint.ping test event to this endpoint now and show the answer",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["ping"] is not None:
            self.ping(options["ping"])
            return
        endpoints = deliver_all_due()
        pruned = prune_log()
        self.stdout.write(f"Endpoints served: {endpoints}; log rows pruned: {pruned}.")

    def ping(self, endpoint_id: int) -> None:
        endpoint = WebhookEndpoint.objects.filter(pk=endpoint_id, is_active=True).first()
        if endpoint is None:
            raise CommandError(f"No active webhook endpoint with id {endpoint_id}.")
        attempt = send_test_event(endpoint)
        if attempt is None:
            raise CommandError("The test event waits behind earlier pending events.")
        outcome = attempt.status_code or attempt.error
        if not attempt.succeeded:
            raise CommandError(f"{endpoint.url} failed: {outcome} ({attempt.duration_ms} ms).")
        self.stdout.write(f"{endpoint.url} answered {outcome} in {attempt.duration_ms} ms.")
