"""RSS 2.0 and Atom feeds of published news: the whole site, a news section or a category.

One feed per content language; the URLs are in ``wagtail_govnews.urls``. Each item carries
the headline, link, a stable GUID, the dateline, the lead, the byline, categories and tags,
and the hero image as an enclosure.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.coreutils import get_content_languages
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from .conf import govnews_settings
from .models import (
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsPageQuerySet,
    localize_categories,
    tag_links_with_names,
    visible_to_public,
)
from .syndication import content_locale, localized_root, portal_name, request_site, syndicated_news


@dataclass
class FeedSource:
    """What one feed request lists, and how the feed describes itself."""

    request: HttpRequest
    portal: str
    hostname: str
    title: str
    description: str
    link: str
    news: NewsPageQuerySet


@dataclass
class FeedEntry:
    """One article as a feed item, with every value resolved."""

    title: str
    link: str
    guid: str
    date: datetime
    lead: str
    author: str | None
    categories: list[str] = field(default_factory=list)
    enclosure: Enclosure | None = None


def tag_uri(page: NewsPage, hostname: str) -> str:
    """A GUID that survives slug changes and moves: ``tag:host,YYYY-MM-DD:news/<id>``."""
    first = page.first_published_at or page.display_date
    return f"tag:{hostname},{first:%Y-%m-%d}:news/{page.pk}"


def section_in(root: Page, locale: Locale, section_id: int) -> NewsIndexPage:
    """The live news section ``section_id`` (or its translation) in ``locale`` under ``root``."""
    key = NewsIndexPage.objects.filter(pk=section_id).values("translation_key")
    sections = NewsIndexPage.objects.descendant_of(root).filter(
        locale=locale, translation_key__in=key
    )
    section = visible_to_public(sections).first()
    if section is None:
        raise Http404("No such news section in this language.")
    return section


def image_enclosure(request: HttpRequest, image: Any, filter_spec: str) -> Enclosure | None:
    """A rendition of ``image`` as an enclosure: absolute URL, size in bytes, MIME type."""
    if image is None:
        return None
    rendition = image.get_rendition(filter_spec)
    try:
        length = rendition.file.size
    except OSError:  # the file is missing from storage: still announce the image
        length = 0
    mime_type = mimetypes.guess_type(rendition.file.name)[0] or "application/octet-stream"
    return Enclosure(request.build_absolute_uri(rendition.url), str(length), mime_type)


class NewsFeed(Feed):
    """RSS 2.0 feed of the newest published articles of a site, section or category."""

    feed_type = Rss201rev2Feed
    #: Wagtail filter of the hero image rendition announced as each item's enclosure.
    image_filter = "width-1200"

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Only known codes: Django keeps every activated language's catalogue in memory.
        language = kwargs.get("lang")
        with translation.override(language if language in get_content_languages() else None):
            return super().__call__(request, *args, **kwargs)

    def get_object(
        self,
        request: HttpRequest,
        lang: str,
        section_id: int | None = None,
        category: str | None = None,
    ) -> FeedSource:
        site = request_site(request)
        locale = content_locale(lang)
        root = localized_root(site, locale)
        portal = portal_name(site)
        news = syndicated_news().descendant_of(root).filter(locale=locale)
        common = {"request": request, "portal": portal, "hostname": site.hostname}
        if section_id is not None:
            section = section_in(root, locale, section_id)
            return FeedSource(
                **common,
                title=f"{section.title} · {portal}",
                description=_("Latest news in %(section)s from %(portal)s")
                % {"section": section.title, "portal": portal},
                link=section.get_full_url(request) or "",
                news=news.child_of(section),
            )
        if category is not None:
            found = NewsCategory.objects.filter(slug=category, locale=locale).first()
            if found is None:
                raise Http404("No such category in this language.")
            return FeedSource(
                **common,
                title=f"{found.name} · {portal}",
                description=_("Latest news about %(category)s from %(portal)s")
                % {"category": found.name, "portal": portal},
                link=root.get_full_url(request) or "",
                news=news.filter(categories__translation_key=found.translation_key).distinct(),
            )
        return FeedSource(
            **common,
            title=portal,
            description=_("Latest news from %(portal)s") % {"portal": portal},
            link=root.get_full_url(request) or "",
            news=news,
        )

    def title(self, source: FeedSource) -> str:
        return source.title

    def description(self, source: FeedSource) -> str:
        return source.description

    def link(self, source: FeedSource) -> str:
        return source.link

    def feed_guid(self, source: FeedSource) -> str:
        return source.request.build_absolute_uri(source.request.path)

    def author_name(self, source: FeedSource) -> str:
        return source.portal

    def items(self, source: FeedSource) -> list[FeedEntry]:
        renditions = (
            get_image_model().get_rendition_model().objects.filter(filter_spec=self.image_filter)
        )
        pages = list(
            source.news.select_related("hero_image", "locale").prefetch_related(
                "categories",
                Prefetch("tagged_items", queryset=tag_links_with_names()),
                Prefetch("hero_image__renditions", queryset=renditions),
            )[: govnews_settings.FEED_ITEMS]
        )
        localize_categories(pages)
        return [self.entry(source.request, page, source.hostname) for page in pages]

    def entry(self, request: HttpRequest, page: NewsPage, hostname: str) -> FeedEntry:
        """Resolve one article into a feed item."""
        return FeedEntry(
            title=page.title,
            link=page.get_full_url(request) or "",
            guid=tag_uri(page, hostname),
            date=page.display_date,
            lead=page.lead,
            author=page.author or None,
            categories=[category.name for category in page.localized_categories()]
            + [tag.name for tag in page.localized_tags()],
            enclosure=image_enclosure(request, page.hero_image, self.image_filter),
        )

    def item_title(self, entry: FeedEntry) -> str:
        return entry.title

    def item_link(self, entry: FeedEntry) -> str:
        return entry.link

    def item_guid(self, entry: FeedEntry) -> str:
        return entry.guid

    def item_guid_is_permalink(self, entry: FeedEntry) -> bool:
        return False

    def item_description(self, entry: FeedEntry) -> str:
        return escape(entry.lead)  # the lead is plain text; descriptions are read as HTML

    def item_pubdate(self, entry: FeedEntry) -> datetime:
        return entry.date

    def item_updateddate(self, entry: FeedEntry) -> datetime:
        return entry.date

    def item_author_name(self, entry: FeedEntry) -> str | None:
        return entry.author

    def item_categories(self, entry: FeedEntry) -> list[str]:
        return entry.categories

    def item_enclosures(self, entry: FeedEntry) -> list[Enclosure]:
        return [entry.enclosure] if entry.enclosure else []


class NewsAtomFeed(NewsFeed):
    """The same feed as Atom 1.0 (the hero image as ``<link rel="enclosure">``)."""

    feed_type = Atom1Feed

    def subtitle(self, source: FeedSource) -> str:
        return source.description
