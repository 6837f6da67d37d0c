"""``manage.py flush_news_views``: store the article views counted in the cache."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wagtail_govnews.models.popularity import flush_view_counts


class Command(BaseCommand):
    help = (
        "Move article view counts from the cache into the database (daily totals used by "
        "“most read”). Run it every few minutes, e.g. from cron."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        added = flush_view_counts()
        self.stdout.write(f"Stored {added} article views.")
