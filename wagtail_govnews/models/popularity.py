"""Stored article views per day, and the "most read" articles built from them."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import models, transaction
from django.db.models import Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from ..conf import govnews_settings
from ..view_counters import FLUSH_DAYS, take_counts
from .news_page import NewsPage
from .queryset import NewsPageQuerySet


class NewsPageDailyViews(models.Model):
    """How many readers viewed one article on one day."""

    page = models.ForeignKey(
        NewsPage, verbose_name=_("article"), on_delete=models.CASCADE, related_name="daily_views"
    )
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("daily article views")
        verbose_name_plural = _("daily article views")
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="govnews_unique_page_day_views")
        ]
        indexes = [models.Index(fields=["day", "page"], name="govnews_views_day_page")]

    def __str__(self) -> str:
        return f"{self.page_id} {self.day}: {self.views}"


def store_views(counts: dict[tuple[int, date], int]) -> int:
    """Add ``counts`` ((page id, day) → views) to the stored totals; return the views added."""
    if not counts:
        return 0
    existing_pages = set(
        NewsPage.objects.filter(pk__in={page for page, _day in counts}).values_list("pk", flat=True)
    )
    counts = {key: n for key, n in counts.items() if key[0] in existing_pages}
    with transaction.atomic():
        rows = NewsPageDailyViews.objects.select_for_update().filter(
            page_id__in={page for page, _day in counts}, day__in={day for _page, day in counts}
        )
        stored = {(row.page_id, row.day): row for row in rows}
        for key, row in stored.items():
            row.views += counts.get(key, 0)
        NewsPageDailyViews.objects.bulk_update(list(stored.values()), ["views"], batch_size=500)
        NewsPageDailyViews.objects.bulk_create(
            [
                NewsPageDailyViews(page_id=page, day=day, views=n)
                for (page, day), n in counts.items()
                if (page, day) not in stored
            ],
            batch_size=500,
        )
    return sum(counts.values())


def views_state() -> str:
    """A token that changes whenever stored views change, for HTTP validators.

    A flush only writes the last ``FLUSH_DAYS`` days, so one indexed range covers it.
    """
    today = timezone.localdate()
    recent = NewsPageDailyViews.objects.filter(day__gte=today - timedelta(days=FLUSH_DAYS - 1))
    totals = recent.aggregate(last=Max("pk"), views=Sum("views"))
    return f"{today.isoformat()}.{totals['last']}.{totals['views']}"


def flush_view_counts() -> int:
    """Move the view counters of every article from the cache into the database."""
    page_ids = list(NewsPage.objects.values_list("pk", flat=True))
    return store_views(take_counts(page_ids))


def most_read(
    locale: Locale | None = None,
    days: int | None = None,
    limit: int | None = None,
    queryset: NewsPageQuerySet | None = None,
    exclude: int | None = None,
) -> list[NewsPage]:
    """Published articles with the most views over the last ``days`` days, most viewed first.

    ``exclude``: the id of an article to leave out (the one the reader is on). One query
    (plus what ``queryset`` prefetches), whatever the number of articles or days.
    """
    days = days or govnews_settings.MOST_READ_DAYS
    limit = limit or govnews_settings.MOST_READ_COUNT
    since = timezone.localdate() - timedelta(days=days - 1)
    # Scoped to the articles it lists: a new article has no views yet, so publishing one does
    # not change the list, and the views themselves refresh with the cache's timeout.
    news = (
        (NewsPage.objects.without_text() if queryset is None else queryset).published().shown_as()
    )
    if locale is not None:
        news = news.filter(locale=locale)
    if exclude is not None:
        news = news.exclude(pk=exclude)
    ranked = (
        news.annotate(recent_views=Sum("daily_views__views", filter=Q(daily_views__day__gte=since)))
        .filter(recent_views__gt=0)
        .order_by("-recent_views", "-date", "-pk")
    )
    return list(ranked[:limit])
