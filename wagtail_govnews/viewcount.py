"""Which requests are a reader's view of an article, and counting them.

Counts go to cache counters (:mod:`wagtail_govnews.view_counters`): no database write while
serving a page. ``manage.py flush_news_views`` moves them into the database.
"""

from __future__ import annotations

import re

from django.http import HttpRequest

from .conf import govnews_settings
from .view_counters import add_view

# Crawlers, link previewers, monitors, scripts and headless browsers are not readers.
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|headless|"
    r"lighthouse|pingdom|monitor|uptime|curl|wget|python|httpclient|okhttp|java/|go-http|"
    r"scrapy|phantomjs|selenium|playwright",
    re.IGNORECASE,
)


def is_bot(user_agent: str) -> bool:
    """Whether a ``User-Agent`` belongs to a robot (an empty one does too)."""
    return not user_agent.strip() or bool(BOT_PATTERN.search(user_agent))


def is_countable(request: HttpRequest, method: str = "GET") -> bool:
    """A real reader's view: a ``method`` request (GET of a page, POST of a headless
    frontend's beacon) by a browser, not a prefetch, preview or robot."""
    if not govnews_settings.VIEW_COUNTING or request.method != method:
        return False
    if getattr(request, "is_preview", False):
        return False
    purpose = request.headers.get("Sec-Purpose", "") + request.headers.get("Purpose", "")
    if "prefetch" in purpose.lower():
        return False
    return not is_bot(request.headers.get("User-Agent", ""))


def count_view(request: HttpRequest, page_id: int, method: str = "GET") -> bool:
    """Count one view of article ``page_id`` if ``request`` is a reader's; True if counted."""
    return is_countable(request, method) and add_view(page_id)
