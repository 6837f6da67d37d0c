"""Newsroom examples in the demo: a document number, a dated correction, an archived
article and a week of reader views, so every newsroom feature shows on first run."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from wagtail_govnews.models import NewsIndexPage, NewsPage
from wagtail_govnews.models.popularity import NewsPageDailyViews, store_views

from . import content
from .report import Tally

DOCUMENT_NUMBER = "125/TB-UBND"
CORRECTION = "Thời gian bắt đầu là 7 giờ 30, không phải 7 giờ như bản đăng trước đó."
#: Views per day of the most read demo articles, most read first.
DAILY_VIEWS = (420, 310, 260, 180, 120)


def ensure_newsroom_examples(
    sections: dict[str, NewsIndexPage],
    featured: NewsPage,
    tally: Tally,
    now: datetime | None = None,
) -> None:
    """Fill the newsroom fields of a few demo articles, once (re-runs leave them alone).

    The featured article is the most read; the newest of two sections follow.
    """
    newest = {
        slug: list(NewsPage.objects.child_of(section).order_by("-date")[:6])
        for slug, section in sections.items()
    }
    _ensure(newest[content.NOTICES][0], "document number", tally, document_number=DOCUMENT_NUMBER)
    corrected = newest[content.NEWS][1]
    _ensure(
        corrected,
        "correction notice",
        tally,
        notice_kind="correction",
        notice_date=corrected.date + timedelta(hours=3),
        notice=CORRECTION,
    )
    oldest = NewsPage.objects.child_of(sections[content.SCIENCE_EDUCATION]).order_by("date")
    _ensure(oldest.first(), "archived article", tally, is_archived=True)
    read = [featured, *newest[content.NEWS][:2], *newest[content.SCIENCE_EDUCATION][:2]]
    _ensure_views(read, tally, timezone.localdate(now or timezone.now()))


def _ensure(page: NewsPage, kind: str, tally: Tally, **fields: object) -> None:
    done = all(getattr(page, name) == value for name, value in fields.items())
    tally.add(kind, not done)
    if not done:
        for name, value in fields.items():
            setattr(page, name, value)
        page.save_revision().publish()


def _ensure_views(pages: list[NewsPage], tally: Tally, today: date) -> None:
    present = NewsPageDailyViews.objects.filter(page__in=pages).exists()
    tally.add("days of reader views", not present, 7)
    if present:
        return
    store_views(
        {
            (page.pk, today - timedelta(days=day)): views - 15 * day
            for page, views in zip(pages, DAILY_VIEWS, strict=True)
            for day in range(7)
        }
    )
