"""Sitemaps: every language of the site with hreflang alternates, and Google News sitemaps.

``PortalSitemap`` plugs into ``wagtail.contrib.sitemaps.views.sitemap``; ``news_sitemap`` is
the view behind ``/govnews/sitemaps/news-<lang>.xml`` (``wagtail_govnews.urls``);
``sitemap_index`` lists the site's sitemaps and every news sitemap (mounted at
``/sitemap.xml`` by the project, so search engines find them all).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import timedelta
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.xmlutils import SimplerXMLGenerator
from wagtail.contrib.sitemaps import Sitemap
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale, Page, PageQuerySet

from .dates import iso_datetime
from .models import visible_to_public
from .syndication import content_locale, localized_root, portal_name, request_site, syndicated_news

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
#: Google News sitemaps list articles of the last two days, at most 1,000 of them.
NEWS_MAX_AGE = timedelta(days=2)
NEWS_MAX_URLS = 1000


class PortalSitemap(Sitemap):
    """Wagtail's sitemap over the site's home page in every language, with alternates.

    Wagtail's own sitemap only walks the default language's tree. Expired pages are left
    out even before ``publish_scheduled`` unpublishes them.
    """

    #: Translation keys looked up per query when collecting alternates.
    batch_size = 500

    def site_pages(self) -> PageQuerySet:
        """Pages readers may see under the site's home page, in any language."""
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key)
        trees = reduce(or_, (Q(path__startswith=home.path) for home in roots), Q(pk__in=[]))
        return visible_to_public(Page.objects.filter(trees))

    def items(self) -> PageQuerySet:
        return self.site_pages().order_by("path").defer_streamfields().specific()

    def _urls(self, page: int, protocol: str | None, domain: str | None) -> list[dict[str, Any]]:
        urls = super()._urls(page, protocol, domain)
        keys = self.paginator.page(page).object_list.values_list("translation_key", flat=True)
        alternates = self.alternates(list(keys))
        for url in urls:
            url["alternates"] = alternates.get(url["location"], [])
        return urls

    def alternates(self, keys: list[Any]) -> dict[str, list[dict[str, str]]]:
        """``hreflang`` alternates by page URL, for pages in more than one language."""
        groups: dict[Any, list[dict[str, str]]] = defaultdict(list)
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        for start in range(0, len(keys), self.batch_size):
            versions = (
                self.site_pages()
                .filter(translation_key__in=keys[start : start + self.batch_size])
                .order_by("path")
                .specific(defer=True)
            )
            for version in versions:
                groups[version.translation_key].append(
                    {
                        "lang_code": languages[version.locale_id],
                        "location": version.get_full_url(self.request) or "",
                    }
                )
        return {
            alternate["location"]: group
            for group in groups.values()
            if len(group) > 1
            for alternate in group
        }


def news_language(language_code: str) -> str:
    """Language of a Google News publication: ISO 639 ("vi"), except ``zh-cn``/``zh-tw``."""
    code = language_code.lower().replace("_", "-")
    return code if code in ("zh-cn", "zh-tw") else code.split("-", 1)[0]


def news_sitemap(request: HttpRequest, lang: str) -> HttpResponse:
    """Google News sitemap of the articles in ``lang`` whose dateline is in the last two days."""
    site = request_site(request)
    locale = content_locale(lang)
    root = localized_root(site, locale)
    now = timezone.now()
    pages = (
        syndicated_news()
        .descendant_of(root)
        .filter(locale=locale)
        .annotate(dateline=Coalesce("date", "first_published_at"))
        .filter(dateline__gte=now - NEWS_MAX_AGE, dateline__lte=now)
        .order_by("-dateline", "-pk")[:NEWS_MAX_URLS]
    )
    publication = portal_name(site)
    language = news_language(locale.language_code)
    response = HttpResponse(content_type="application/xml; charset=utf-8")
    xml = SimplerXMLGenerator(response, "utf-8")
    xml.startDocument()
    xml.startElement("urlset", {"xmlns": SITEMAP_NS, "xmlns:news": NEWS_NS})
    for page in pages:
        xml.startElement("url", {})
        xml.addQuickElement("loc", page.get_full_url(request) or "")
        xml.startElement("news:news", {})
        xml.startElement("news:publication", {})
        xml.addQuickElement("news:name", publication)
        xml.addQuickElement("news:language", language)
        xml.endElement("news:publication")
        xml.addQuickElement(
            "news:publication_date", iso_datetime(page.display_date.replace(microsecond=0))
        )
        xml.addQuickElement("news:title", page.title)
        xml.endElement("news:news")
        xml.endElement("url")
    xml.endElement("urlset")
    xml.endDocument()
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


def news_sitemap_urls(request: HttpRequest) -> list[str]:
    """Absolute URLs of the news sitemaps of every language the site has a home page in."""
    site = request_site(request)
    urls = []
    for language in get_content_languages():
        try:
            localized_root(site, content_locale(language))
        except Http404:
            continue
        path = reverse("wagtail_govnews:news_sitemap", kwargs={"lang": language})
        urls.append(request.build_absolute_uri(path))
    return urls


def sitemap_index(
    request: HttpRequest, sitemaps: Sequence[str] = ("/sitemap-pages.xml",)
) -> HttpResponse:
    """A sitemap index of the site's own ``sitemaps`` (paths) and every news sitemap."""
    response = HttpResponse(content_type="application/xml; charset=utf-8")
    xml = SimplerXMLGenerator(response, "utf-8")
    xml.startDocument()
    xml.startElement("sitemapindex", {"xmlns": SITEMAP_NS})
    for url in [request.build_absolute_uri(path) for path in sitemaps] + news_sitemap_urls(request):
        xml.startElement("sitemap", {})
        xml.addQuickElement("loc", url)
        xml.endElement("sitemap")
    xml.endElement("sitemapindex")
    xml.endDocument()
    return response
