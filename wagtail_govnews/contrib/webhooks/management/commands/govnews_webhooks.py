"""``manage.py govnews_webhooks``: send due webhook retries now and prune the delivery log."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wagtail_govnews.contrib.webhooks.tasks import deliver_all_due, prune_log


class Command(BaseCommand):
    help = (
        "Deliver pending webhook events that are due (retries) and delete delivery log "
        "entries older than WEBHOOKS_LOG_DAYS. Run it from cron when the tasks backend "
        "cannot defer tasks (e.g. the immediate backend)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        endpoints = deliver_all_due()
        pruned = prune_log()
        self.stdout.write(f"Endpoints served: {endpoints}; log rows pruned: {pruned}.")
