"""Build the API's JSON for news articles from pages, with a constant number of queries."""

from __future__ import annotations

from typing import Any, NamedTuple
from urllib.parse import urlsplit

from django.db.models import OuterRef, Prefetch, Subquery
from django.db.models.functions import Left, Length
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language
from wagtail.images import get_image_model
from wagtail.models import Page

from wagtail_govnews.cache_tags import article_tag
from wagtail_govnews.conf import govnews_settings
from wagtail_govnews.contrib.api.blocks import serialize_body
from wagtail_govnews.contrib.api.images import absolute, rendition_specs, serialize_image
from wagtail_govnews.dates import format_dateline, iso_datetime
from wagtail_govnews.models import (
    NewsPage,
    NewsPageQuerySet,
    localize_categories,
    tag_links_with_names,
)
from wagtail_govnews.response_cache import note_expiry
from wagtail_govnews.response_parts import article_part, shared_for_readers
from wagtail_govnews.share import ShareURLError, share_links
from wagtail_govnews.view_tokens import make_view_token


def _with_images(news: NewsPageQuerySet) -> NewsPageQuerySet:
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec__in=rendition_specs())
    )
    return news.select_related("hero_image", "locale").prefetch_related(
        Prefetch("hero_image__renditions", queryset=renditions)
    )


def news_queryset() -> NewsPageQuerySet:
    """Published news with everything a summary shows loaded up front (constant queries)."""
    parent = Page.objects.filter(
        path=Left(OuterRef("path"), Length(OuterRef("path")) - Page.steplen)
    )
    return (
        _with_images(NewsPage.objects.published())
        .annotate(
            section_pk=Subquery(parent.values("pk")[:1]),
            section_title=Subquery(parent.values("title")[:1]),
        )
        .prefetch_related(
            "categories",
            Prefetch("tagged_items", queryset=tag_links_with_names()),
        )
    )


def teaser(request: HttpRequest, page: NewsPage) -> dict[str, Any]:
    """An article as a link: title, URL, dateline, lead and hero image."""
    url = page.get_full_url(request) or ""
    note_expiry(request, page.expire_at)
    language = page.locale.language_code
    date = page.display_date
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "url": url,
        "path": urlsplit(url).path,
        "locale": language,
        "date": iso_datetime(date),
        "dateline": format_dateline(date, language),
        "lead": page.lead,
        "hero_image": serialize_image(request, page.hero_image),
    }


class Section(NamedTuple):
    """The news section an article is in (what the API says of it)."""

    id: int
    title: str


def section_of(page: NewsPage) -> Section:
    """The section of an article loaded by :func:`news_queryset` (its annotations)."""
    return Section(page.section_pk, page.section_title)


def summary(
    request: HttpRequest,
    page: NewsPage,
    translations: dict[str, list[NewsPage]] | None = None,
    section: Section | None = None,
) -> dict[str, Any]:
    """The list representation of an article (from :func:`news_queryset`)."""
    section = section or section_of(page)
    if translations is None:
        translations = published_translations([page])
    return teaser(request, page) | {
        "author": page.author,
        "categories": [
            {"id": category.pk, "name": category.name, "slug": category.slug}
            for category in page.localized_categories()
        ],
        "tags": [{"name": tag.name, "slug": tag.slug} for tag in page.localized_tags()],
        "section_id": section.id,
        "translations": [
            {
                "id": other.pk,
                "locale": other.locale.language_code,
                "title": other.title,
                "url": other.get_full_url(request) or "",
            }
            for other in translations.get(str(page.translation_key), [])
            if other.pk != page.pk
        ],
        "is_archived": page.is_archived,
    }


def summaries(request: HttpRequest, pages: list[NewsPage]) -> list[dict[str, Any]]:
    """Summaries of several articles, with categories and translations batched."""
    localize_categories(pages)
    translations = published_translations(pages)
    # An article listed beside its translation is linked from it as listed, not as read again
    # by another query, which may already see a newer revision: one response, one state.
    listed = {page.pk: page for page in pages}
    for versions in translations.values():
        versions[:] = [listed.get(version.pk, version) for version in versions]
    return [summary(request, page, translations) for page in pages]


def published_translations(pages: list[NewsPage]) -> dict[str, list[NewsPage]]:
    """Published versions of ``pages`` in every language, by translation key (one query)."""
    keys = {page.translation_key for page in pages}
    versions = (
        NewsPage.objects.published()
        .shown_as(*(article_tag(key) for key in keys))
        .filter(translation_key__in=keys)
        .without_text()
        .select_related("locale")
        .order_by("locale__language_code")
    )
    grouped: dict[str, list[NewsPage]] = {}
    for version in versions:
        grouped.setdefault(str(version.translation_key), []).append(version)
    return grouped


def detail(request: HttpRequest, page: NewsPage, section: Section | None = None) -> dict[str, Any]:
    """Everything a frontend needs to render one article (``section``: else its annotations)."""
    section = section or section_of(page)
    data = summary(request, page, section=section)
    try:
        share = share_links(data["url"], page.title)
    except ShareURLError:
        share = []
    qr_args = {"page_id": page.pk}
    return data | {
        "seo_title": page.seo_title,
        "search_description": page.search_description,
        "first_published_at": _iso_or_none(page.first_published_at),
        "last_published_at": _iso_or_none(page.last_published_at),
        "source": (
            {"name": page.source_name, "url": page.source_url}
            if page.source_name or page.source_url
            else None
        ),
        "original_url": page.original_url,
        "document_number": page.document_number,
        "notice": _notice(page),
        "section": {
            "id": section.id,
            "title": section.title,
            # A child's URL is its parent's URL plus its slug.
            "url": data["url"][: -len(page.slug) - 1] if data["url"] else "",
        },
        # Kept apart: a detail rebuilt for its "other news" does not serialize the body again.
        "body": article_part(request, page, "api-body", lambda: serialize_body(request, page.body)),
        "qr": {
            "value": data["url"],
            "svg": absolute(request, reverse("govnews_api:news_qr_svg", kwargs=qr_args)),
            "png": absolute(request, reverse("govnews_api:news_qr_png", kwargs=qr_args)),
        },
        "share": [
            {
                "network": link.network,
                "label": str(link.label),
                "url": link.url,
                "is_copy": link.is_copy,
            }
            for link in share
        ],
        "other_news": _other_news(request, page) if page.pk else [],
        "view_token": make_view_token(page.pk) if page.live and page.pk else None,
    }


def _other_news(request: HttpRequest, page: NewsPage) -> list[dict[str, Any]]:
    """The teasers of ``page``'s "other news": its picks, else its section's newest, whose
    teasers are shared by the details of every article of the section for anonymous readers
    until one of them changes or a newer one is published."""
    limit, queryset = (
        govnews_settings.OTHER_NEWS_COUNT,
        _with_images(NewsPage.objects.without_text()),
    )
    if curated := page.curated_other_news(limit, queryset):
        return [teaser(request, item) for item in curated]

    def newest_teasers() -> list[tuple[int, dict[str, Any]]]:
        newest = page.newest_of_section(limit + 1, queryset)
        return [(item.pk, teaser(request, item)) for item in newest]

    parts = (page.path[: -page.steplen], limit, request.scheme, request.get_host(), get_language())
    key = "|".join(str(part) for part in parts)
    newest = shared_for_readers(request, "api-other-news", key, newest_teasers)
    return [data for pk, data in newest if pk != page.pk][:limit]


def _notice(page: NewsPage) -> dict[str, str] | None:
    if not (page.notice and page.notice_date):
        return None
    return {
        "kind": page.notice_kind,
        "date": iso_datetime(page.notice_date),
        "dateline": format_dateline(page.notice_date, page.locale.language_code),
        "text": page.notice,
    }


def _iso_or_none(value: Any) -> str | None:
    return iso_datetime(value) if value else None
