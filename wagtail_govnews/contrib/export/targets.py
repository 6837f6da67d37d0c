"""What a static export holds: the URLs to render and the file each one becomes.

Directory-style URLs (ending in ``/``) become ``index.html`` (pages) or ``index.json`` (API)
files in that directory. The paged news lists of the API become ``index.json``,
``page-2.json`` … files, because a static host ignores query strings; the ``next`` and
``previous`` links inside them are rewritten to those files (see :class:`ListPage`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import unquote, urlencode

from django.conf import settings
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Locale, Page, Site

from wagtail_govnews.conf import govnews_settings
from wagtail_govnews.models import (
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsPageQuerySet,
    visible_to_public,
)

API = "govnews_api"
PACKAGE = "wagtail_govnews"


@dataclass(frozen=True)
class QRFile:
    """An article's QR code file, made without a request: the bytes its QR views answer
    (:func:`wagtail_govnews.qr.article_qr_file`) for its absolute ``url`` and ``title``."""

    url: str
    title: str
    fmt: str


@dataclass(frozen=True)
class Target:
    """One URL of the live site and the export file it is written to.

    ``page_id`` names the article the file belongs to (``None`` for shared files such as
    lists and feeds), so an unpublished article's files can be found and removed. ``qr``:
    the file is an article's QR code, made directly rather than requested.
    """

    url: str
    path: str
    page_id: int | None = None
    qr: QRFile | None = None


@dataclass(frozen=True)
class ListPage:
    """One page of an API news list: its live URL (with query) and its export file."""

    url: str
    path: str
    aliases: tuple[str, ...] = ()


def file_path(url: str, index: str = "index.html") -> str:
    """The export file of a URL path: ``/vi/a/`` → ``vi/a/index.html``, decoded."""
    path = unquote(url.split("?", 1)[0]).lstrip("/")
    return path + index if path.endswith("/") or not path else path


def page_path(page: Page) -> str | None:
    """The path of a page on its site (``/vi/tin-tuc/slug/``), even with several sites."""
    return _page_urls(page)[0]


def _page_urls(page: Page) -> tuple[str, str] | tuple[None, None]:
    """The path of a page on its site and its absolute URL (``None`` if it has none)."""
    parts = page.get_url_parts()
    return (parts[2], parts[1] + parts[2]) if parts else (None, None)


def published_articles(site: Site) -> NewsPageQuerySet:
    """Every published article of ``site``, in every locale."""
    return NewsPage.objects.published().filter(_under_site(site))


def _under_site(site: Site) -> Q:
    """Pages under the site's root page or under one of its translations."""
    roots = site.root_page.get_translations(inclusive=True).values_list("path", flat=True)
    condition = Q(pk__in=[])
    for path in roots:
        condition |= Q(path__startswith=path)
    return condition


def article_targets(page: NewsPage, showing_only: bool = False) -> list[Target]:
    """The HTML page, print view, API detail and QR images of one article; with
    ``showing_only``, the files that show other articles only (the page and API detail)."""
    url, full_url = _page_urls(page)
    if not url:
        return []
    pk = page.pk
    own = {"page_id": pk}
    targets = [Target(url, file_path(url), pk)]
    if not showing_only:
        targets.append(Target(url + "print/", file_path(url + "print/"), pk))
    detail = _reverse(f"{API}:news_detail", own)
    if detail:
        targets.append(Target(detail, file_path(detail, "index.json"), pk))
    if showing_only:
        return targets
    for fmt in ("svg", "png"):
        qr_file = QRFile(full_url, page.title, fmt)
        for name, kwargs in (
            (f"{API}:news_qr_{fmt}", own),
            (f"{PACKAGE}:news_qr_code", own | {"fmt": fmt}),
        ):
            qr = _reverse(name, kwargs)
            if qr:
                targets.append(Target(qr, file_path(qr), pk, qr_file))
    return targets


def list_pages(news: NewsPageQuerySet, language: str | None) -> list[ListPage]:
    """The pages of the API news list (of one language, or of all when ``None``)."""
    base = _reverse(f"{API}:news_list", {})
    if base is None:
        return []
    if language:
        news = news.filter(locale__language_code=language)
    limit = govnews_settings.API_DEFAULT_LIMIT
    folder = base + (f"locale/{language}/" if language else "")
    pages = max(1, math.ceil(news.count() / limit))
    result = []
    for number in range(1, pages + 1):
        query = {"limit": str(limit), "offset": str((number - 1) * limit)}
        if language:
            query["locale"] = language
        name = "index.json" if number == 1 else f"page-{number}.json"
        url = base + "?" + urlencode(sorted(query.items()))
        # The first page is also what the list answers without paging parameters.
        aliases = (base + (f"?locale={language}" if language else ""),) if number == 1 else ()
        result.append(ListPage(url, file_path(folder + name), aliases))
    return result


def shared_targets(site: Site) -> list[Target]:
    """The home page and the first page of each news section, and the feeds and news
    sitemaps (whole site, per section, per category) in every language."""
    targets: list[Target] = []
    homes = visible_to_public(site.root_page.get_translations(inclusive=True))
    sections = visible_to_public(NewsIndexPage.objects.filter(_under_site(site)))
    for page in [*homes.order_by("path"), *sections.order_by("path")]:
        url = page_path(page)
        if url:
            targets.append(Target(url, file_path(url)))
    for language, _name in settings.LANGUAGES:
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None:
            continue
        names = [("feed_rss", {}), ("feed_atom", {})]
        for section in sections.filter(locale=locale):
            for kind in ("rss", "atom"):
                names.append((f"section_feed_{kind}", {"section_id": section.pk}))
        for category in NewsCategory.objects.filter(locale=locale):
            for kind in ("rss", "atom"):
                names.append((f"category_feed_{kind}", {"category": category.slug}))
        for name, kwargs in names:
            url = _reverse(f"{PACKAGE}:{name}", kwargs | {"lang": language})
            if url:
                targets.append(Target(url, file_path(url)))
        sitemap = _reverse(f"{PACKAGE}:news_sitemap", {"lang": language})
        if sitemap:
            targets.append(Target(sitemap, file_path(sitemap)))
    return targets


def _reverse(name: str, kwargs: dict) -> str | None:
    """A URL of the package or its API, without a language prefix; ``None`` if not mounted."""
    try:
        with translation.override(None):
            return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None
