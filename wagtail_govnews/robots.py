"""``/robots.txt``: the crawling rules of ``ROBOTS_RULES`` and where the sitemaps are.

Mount it at the site's root (``path("robots.txt", robots_txt)``); it lists the sitemap index
(``SITEMAP_PATH``) and the Google News sitemap of every language.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from .conf import govnews_settings
from .sitemaps import news_sitemap_urls


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """The rules, then a ``Sitemap:`` line per sitemap (absolute URLs, as the format asks)."""
    lines = list(govnews_settings.ROBOTS_RULES)
    sitemaps = news_sitemap_urls(request)
    if govnews_settings.SITEMAP_PATH:
        sitemaps.insert(0, request.build_absolute_uri(govnews_settings.SITEMAP_PATH))
    lines += ["", *(f"Sitemap: {url}" for url in sitemaps)]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
