"""What search engines and social networks read in a news page's head.

Builders take a page and the request and return plain values: schema.org JSON-LD dicts
(``NewsArticle``, ``BreadcrumbList``), Open Graph/Twitter card values, the canonical URL and
``hreflang`` alternates. ``wagtail_govnews/includes/article_meta.html`` renders them.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from django.conf import settings as django_settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import normalize_newlines
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images.models import AbstractImage, AbstractRendition, SourceImageIOError
from wagtail.models import Page, Site

from .conf import govnews_settings
from .dates import iso_datetime
from .models import GovNewsSettings, NewsIndexPage, NewsPage, public_versions

__all__ = [
    "ARTICLE_IMAGE_FILTERS",
    "PageMeta",
    "SocialImage",
    "breadcrumb_data",
    "breadcrumb_trail",
    "canonical_url",
    "hreflang_links",
    "json_ld_script",
    "meta_description",
    "news_article_data",
    "og_locale",
    "page_meta",
]

logger = logging.getLogger(__name__)

#: Renditions of the hero image offered to search engines: 16:9, 4:3 and 1:1.
ARTICLE_IMAGE_FILTERS = ("fill-1200x675", "fill-1200x900", "fill-1200x1200")
#: The 16:9 one is also the social card image.
SOCIAL_IMAGE_FILTER = ARTICLE_IMAGE_FILTERS[0]
LOGO_FILTER = "max-600x600"
SCHEMA_CONTEXT = "https://schema.org"

#: Open Graph locales of languages whose country is not just the language code upper-cased.
_OG_LOCALES = {"vi": "vi_VN", "en": "en_US", "zh-hans": "zh_CN", "zh-hant": "zh_TW", "ko": "ko_KR"}
_OG_LOCALES |= {"ja": "ja_JP", "km": "km_KH", "lo": "lo_LA", "cs": "cs_CZ", "da": "da_DK"}

# Characters that could end a <script> element or open an HTML comment inside it.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


@dataclass
class SocialImage:
    """An absolute image URL with its size and alternative text."""

    url: str
    width: int
    height: int
    alt: str = ""


@dataclass
class PageMeta:
    """Everything ``article_meta.html`` renders for one page."""

    title: str
    description: str
    url: str
    canonical: str
    language: str
    og_type: str
    og_locale: str
    site_name: str
    og_locale_alternates: list[str] = field(default_factory=list)
    alternates: list[dict[str, str]] = field(default_factory=list)
    image: SocialImage | None = None
    published_time: str = ""
    modified_time: str = ""
    section: str = ""
    tags: list[str] = field(default_factory=list)
    author: str = ""
    json_ld: list[SafeString] = field(default_factory=list)


def json_ld_script(data: dict[str, Any]) -> SafeString:
    """A ``<script type="application/ld+json">`` whose content cannot close the element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def og_locale(language_code: str) -> str:
    """Open Graph locale of a language code: "vi" → "vi_VN", "pt-br" → "pt_BR"."""
    code = language_code.lower()
    if code in _OG_LOCALES:
        return _OG_LOCALES[code]
    language, _, region = code.replace("_", "-").partition("-")
    return f"{language}_{(region or language).upper()}"


def meta_description(page: Page) -> str:
    """The page's search description, else its lead (articles) or introduction (sections)."""
    text = page.search_description or getattr(page, "lead", "")
    if not text and isinstance(page, NewsIndexPage):
        text = strip_tags(page.intro)
    return " ".join(normalize_newlines(text).split())


def canonical_url(page: Page, request: HttpRequest | None) -> str:
    """The page's own URL, or the original it republishes when ``CANONICAL_TO_ORIGINAL``."""
    original = getattr(page, "original_url", "")
    if original and govnews_settings.CANONICAL_TO_ORIGINAL:
        return original
    return page.get_full_url(request) or ""


def hreflang_links(
    page: Page, request: HttpRequest | None, versions: list[Page] | None = None
) -> list[dict[str, str]]:
    """``hreflang`` alternates: each live version of a translated page, then ``x-default``.

    Empty when the page has no live translation. ``x-default`` is the version in the site's
    default language (``LANGUAGE_CODE``), else the first one.
    """
    versions = public_versions(page) if versions is None else versions
    if len(versions) < 2:
        return []
    links = [
        {"hreflang": version.locale.language_code, "url": version.get_full_url(request) or ""}
        for version in versions
    ]
    default_code = _default_language()
    default = next((link for link in links if link["hreflang"] == default_code), links[0])
    return [*links, {"hreflang": "x-default", "url": default["url"]}]


def breadcrumb_trail(page: Page, request: HttpRequest | None) -> list[Page]:
    """The site's home page (in the page's language), the sections down to it, and the page."""
    site = _site(page, request)
    if site is None or not page.path:
        return []
    # The page itself is not read again: while an editor publishes, a second read could give a
    # newer title than the rest of the response (and previews show the draft's own title).
    return [*page.get_ancestors().filter(depth__gte=site.root_page.depth), page]


def breadcrumb_data(
    page: Page, request: HttpRequest | None, trail: list[Page] | None = None
) -> dict[str, Any] | None:
    """schema.org ``BreadcrumbList`` from the site's home page down to ``page``."""
    trail = breadcrumb_trail(page, request) if trail is None else trail
    if not trail:
        return None
    items = [
        {
            "@type": "ListItem",
            "position": position,
            "name": crumb.title,
            "item": crumb.get_full_url(request) or "",
        }
        for position, crumb in enumerate(trail, 1)
    ]
    return {"@context": SCHEMA_CONTEXT, "@type": "BreadcrumbList", "itemListElement": items}


def publisher_data(page: Page, request: HttpRequest | None) -> dict[str, Any]:
    """schema.org ``Organization``: the portal name from the site settings, and its logo."""
    site = _site(page, request)
    settings = _site_settings(site, request)
    name = settings.portal_name if settings else ""
    data: dict[str, Any] = {
        "@type": "Organization",
        "name": name or (site.site_name if site else "") or (site.hostname if site else ""),
    }
    if site is not None:
        data["url"] = site.root_url + "/"
    logo = settings.logo if settings else None
    rendition = _rendition(logo, LOGO_FILTER) if logo is not None else None
    if rendition is not None:
        data["logo"] = {
            "@type": "ImageObject",
            "url": _absolute(page, request, rendition.url),
            "width": rendition.width,
            "height": rendition.height,
        }
    return data


def news_article_data(
    page: NewsPage, request: HttpRequest | None, images: list[SocialImage] | None = None
) -> dict[str, Any]:
    """schema.org ``NewsArticle`` of an article (pass ``images`` already made to reuse them)."""
    url = page.get_full_url(request) or ""
    images = hero_images(page, request) if images is None else images
    data: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.lead or meta_description(page),
        "datePublished": iso_datetime(page.display_date),
        "dateModified": iso_datetime(page.last_published_at or page.display_date),
        "inLanguage": page.locale.language_code,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "publisher": publisher_data(page, request),
    }
    if images:
        data["image"] = [image.url for image in images]
    if page.author:
        data["author"] = {"@type": "Person", "name": page.author}
    if page.original_url:
        data["isBasedOn"] = page.original_url
    return data


def hero_images(page: NewsPage, request: HttpRequest | None) -> list[SocialImage]:
    """The hero image in each of :data:`ARTICLE_IMAGE_FILTERS`, as absolute URLs."""
    image = page.hero_image
    if image is None:
        return []
    try:
        renditions = image.get_renditions(*ARTICLE_IMAGE_FILTERS)
    except SourceImageIOError as error:  # a missing file must not break the page
        logger.warning("Social images of page %s left out: %s", page.pk, error)
        return []
    return [
        SocialImage(
            url=_absolute(page, request, renditions[spec].url),
            width=renditions[spec].width,
            height=renditions[spec].height,
            alt=image.default_alt_text,
        )
        for spec in ARTICLE_IMAGE_FILTERS
    ]


def page_meta(page: Page, request: HttpRequest | None) -> PageMeta:
    """The head metadata of an article or a news section (other pages get the basics)."""
    versions = public_versions(page)
    trail = breadcrumb_trail(page, request)
    language = page.locale.language_code
    site = _site(page, request)
    settings = _site_settings(site, request)
    meta = PageMeta(
        title=page.seo_title or page.title,
        description=meta_description(page),
        url=page.get_full_url(request) or "",
        canonical=canonical_url(page, request),
        language=language,
        og_type="website",
        og_locale=og_locale(language),
        site_name=(settings.portal_name if settings else "") or (site.site_name if site else ""),
        og_locale_alternates=[
            og_locale(version.locale.language_code)
            for version in versions
            if version.locale.language_code != language
        ],
        alternates=hreflang_links(page, request, versions),
    )
    if isinstance(page, NewsPage):
        images = hero_images(page, request)
        section = trail[-2] if len(trail) > 1 else None
        meta.og_type = "article"
        meta.image = images[0] if images else None
        meta.published_time = iso_datetime(page.display_date)
        meta.modified_time = iso_datetime(page.last_published_at or page.display_date)
        meta.section = section.title if section else ""
        meta.tags = [tag.name for tag in page.localized_tags()]
        meta.author = page.author
        meta.json_ld.append(json_ld_script(news_article_data(page, request, images)))
    breadcrumbs = breadcrumb_data(page, request, trail)
    if breadcrumbs is not None:
        meta.json_ld.append(json_ld_script(breadcrumbs))
    return meta


def _rendition(image: AbstractImage, spec: str) -> AbstractRendition | None:
    try:
        return image.get_rendition(spec)
    except SourceImageIOError as error:
        logger.warning("Image %s left out of the structured data: %s", image.pk, error)
        return None


def _default_language() -> str | None:
    try:
        return get_supported_content_language_variant(django_settings.LANGUAGE_CODE)
    except LookupError:
        return None


def _site(page: Page, request: HttpRequest | None) -> Site | None:
    """The request's site (cached on the request, with its root page), else the page's."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None and page.path:
        site = page.get_site()
    return site


def _site_settings(site: Site | None, request: HttpRequest | None) -> GovNewsSettings | None:
    if request is not None:
        return GovNewsSettings.for_request(request)
    return GovNewsSettings.for_site(site) if site is not None else None


def _absolute(page: Page, request: HttpRequest | None, url: str) -> str:
    """``url`` made absolute against the page's own address (media may live elsewhere)."""
    base = page.get_full_url(request) or (request.build_absolute_uri("/") if request else "")
    return urljoin(base, url)
