"""Template tags of wagtail-govnews: QR codes, share links, datelines and social accounts.

Load with ``{% load govnews_tags %}``. Every tag degrades gracefully: bad input renders
nothing (and logs a warning) instead of raising an error in the page.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable
from datetime import date
from typing import Any

from django import template
from django.http import HttpRequest
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from .. import response_cache, response_parts
from ..blocks import prefetch_stream_images
from ..conf import govnews_settings
from ..dates import format_dateline, iso_datetime
from ..models import GovNewsSettings, NewsPage, PortalIdentity, most_read, views_state
from ..qr import QRCodeError, cached_qr_svg
from ..seo import PageMeta, page_meta
from ..share import ShareNetworkError, ShareURLError, share_links, share_url
from ..translations import language_links

register = template.Library()
logger = logging.getLogger(__name__)


def _request(context: template.Context) -> HttpRequest | None:
    return context.get("request")


def _page_url(context: template.Context, page: Page) -> str:
    return page.get_full_url(_request(context)) or ""


@register.simple_tag
def qr_code(
    value: Any,
    size: int | None = None,
    error_correction: str | None = None,
    title: str | None = None,
) -> SafeString:
    """An inline, accessible SVG QR code of ``value``; nothing for empty or too-long values."""
    data = "" if value is None else str(value)
    if not data:
        return mark_safe("")
    if isinstance(title, SafeData):
        # Already HTML, e.g. from {% blocktranslate asvar %}: qr_svg escapes plain text itself.
        title = html.unescape(title)
    try:
        svg = cached_qr_svg(data, size=size, error_correction=error_correction, title=title)
    except QRCodeError as error:
        logger.warning("QR code not rendered: %s", error)
        return mark_safe("")
    return mark_safe(svg)  # built by qr_svg, which escapes the title


@register.simple_tag(takes_context=True)
def page_qr_code(
    context: template.Context,
    page: Page,
    size: int | None = None,
    error_correction: str | None = None,
) -> SafeString:
    """A QR code of the page's absolute public URL, titled "QR CODE: <headline>"."""
    if page is None:
        return mark_safe("")
    title = _("QR CODE: %(title)s") % {"title": page.title}
    return qr_code(_page_url(context, page), size, error_correction, title)


@register.simple_tag(takes_context=True, name="share_url")
def share_url_tag(context: template.Context, network: str, page: Page) -> str:
    """The share URL of ``page`` on one network (e.g. "facebook"); empty when not possible."""
    if page is None:
        return ""
    try:
        return share_url(network, _page_url(context, page), page.title)
    except (ShareNetworkError, ShareURLError) as error:
        logger.warning("Share URL not rendered: %s", error)
        return ""


@register.inclusion_tag(
    "wagtail_govnews/includes/share_links.html", takes_context=True, name="share_links"
)
def share_links_tag(context: template.Context, page: Page) -> dict[str, Any]:
    """Share buttons for every configured network, plain links that work without JavaScript."""
    links = []
    if page is not None:
        try:
            links = share_links(_page_url(context, page), page.title)
        except ShareURLError as error:
            logger.warning("Share links not rendered: %s", error)
    site_settings = _site_settings(context)
    zalo_oa_id = site_settings.zalo_oa_id if site_settings else ""
    return {
        "links": links,
        "page": page,
        "zalo_sdk": bool(govnews_settings.ZALO_SDK and zalo_oa_id),
        "zalo_oa_id": zalo_oa_id,
        "page_url": _page_url(context, page) if page is not None else "",
    }


@register.inclusion_tag("wagtail_govnews/includes/social_accounts.html", takes_context=True)
def social_accounts(context: template.Context) -> dict[str, Any]:
    """The portal's social accounts from the site settings, each with a QR code."""
    site_settings = _site_settings(context)
    language = _locale(context).language_code
    accounts = site_settings.accounts_for(language) if site_settings else []
    return {"accounts": accounts}


@register.filter
def dateline(value: date | None, language: str | None = None) -> str:
    """Format a date as a news dateline, e.g. "Thứ Năm, 29/12/2022 17:05"."""
    if value in (None, ""):
        return ""
    try:
        return format_dateline(value, language)
    except TypeError:
        logger.warning("Dateline not rendered for %r", value)
        return ""


FIGURE_BLOCK_TYPES = frozenset({"image", "gallery"})


@register.simple_tag
def body_blocks(page: Page) -> Any:
    """``{% body_blocks page as blocks %}``: the blocks of ``page.body``, their images (every
    block type) loaded with their renditions in two queries. Called where the body is
    rendered, so a page built around its cached content does not load them."""
    body = getattr(page, "body", None)
    if body is None:
        return []
    prefetch_stream_images(body)
    return body


@register.filter
def first_figure_id(body: Iterable[Any] | None) -> str | None:
    """Id of the body's first photo or gallery: the one image above the fold, loaded eagerly."""
    for block in body or ():
        if block.block_type in FIGURE_BLOCK_TYPES:
            return block.id
    return None


@register.filter
def isodate(value: date | None) -> str:
    """ISO-8601 form of a date, for ``<time datetime="…">``."""
    if value in (None, ""):
        return ""
    try:
        return iso_datetime(value)
    except TypeError:
        return ""


def _site_settings(context: template.Context) -> GovNewsSettings | None:
    request = _request(context)
    # for_request() keeps the settings on the request: one query per request, not per tag.
    return None if request is None else GovNewsSettings.for_request(request)


@register.inclusion_tag("wagtail_govnews/includes/language_switcher.html", takes_context=True)
def language_switcher(context: template.Context) -> dict[str, Any]:
    """Links to the current page in every content language: its translation, else that home."""
    page, request = context.get("page"), _request(context)
    if isinstance(page, NewsPage):  # kept with the article's other parts
        links = response_parts.article_part(
            request, page, "languages", lambda: language_links(page, request)
        )
        return {"languages": links}
    return {"languages": language_links(page, request)}


@register.simple_tag(takes_context=True)
def seo_meta(context: template.Context, page: Page | None) -> PageMeta | None:
    """Head metadata of a page: description, canonical, hreflang, Open Graph and JSON-LD."""
    if page is None:
        return None
    return page_meta(page, _request(context))


def _locale(context: template.Context) -> Locale:
    page = context.get("page")
    return page.locale if isinstance(page, Page) else Locale.get_active()


@register.simple_tag(takes_context=True)
def portal_identity(context: template.Context) -> PortalIdentity | None:
    """The portal's name, agency, contacts and licence in the current page's language."""
    site_settings = _site_settings(context)
    if site_settings is None:
        return None
    return site_settings.identity(_locale(context).language_code)


@register.inclusion_tag("wagtail_govnews/includes/portal_footer.html", takes_context=True)
def portal_footer(context: template.Context) -> dict[str, Any]:
    """The footer a government portal must show: agency in charge, contacts, licence."""
    return {"portal": portal_identity(context)}


@register.inclusion_tag("wagtail_govnews/includes/portal_masthead.html", takes_context=True)
def portal_masthead(context: template.Context) -> dict[str, Any]:
    """The masthead of the print view: the portal's logo, agency in charge and name.

    In the current page's language; the name falls back to the Wagtail site's name. Nothing
    is shown without a name, an agency or a logo.
    """
    portal = portal_identity(context)
    name = portal.portal_name if portal else ""
    request = _request(context)
    if not name and request is not None:
        site = Site.find_for_request(request)
        name = site.site_name if site else ""
    agency = portal.agency_in_charge if portal else ""
    logo = portal.logo if portal else None
    return {
        "portal_name": name,
        "agency": agency,
        "logo": logo,
        # Next to the names the logo is decorative; alone, it names the portal.
        "logo_alt": "" if name or agency or logo is None else logo.default_alt_text,
    }


@register.inclusion_tag("wagtail_govnews/includes/favicon.html", takes_context=True)
def portal_favicon(context: template.Context) -> dict[str, Any]:
    """``<link rel="icon">`` tags for the portal's favicon (the logo if none is set)."""
    portal = portal_identity(context)
    return {"image": portal.favicon if portal else None}


@register.simple_tag(takes_context=True)
def most_read_news(
    context: template.Context, limit: int | None = None, days: int | None = None
) -> list[NewsPage]:
    """The most read published articles in the current page's language (one query), except
    the article the reader is on.

    For anonymous readers the ranking is looked up once for every page of the language until
    stored views change (one query for their state).
    """
    locale, page_id, request = _locale(context), _page_id(context), _request(context)
    if request is None or not response_cache.cacheable_request(request):
        return most_read(locale=locale, days=days, limit=limit, exclude=page_id)
    limit = limit or govnews_settings.MOST_READ_COUNT
    key = f"{locale.pk}|{days}|{limit}|{views_state()}"

    def compute() -> list[NewsPage]:
        return response_parts.shareable_pages(most_read(locale=locale, days=days, limit=limit + 1))

    ranked = response_parts.shared_for_readers(request, "most-read", key, compute)
    return [news for news in ranked if news.pk != page_id][:limit]


@register.simple_tag(takes_context=True)
def other_news_list(context: template.Context, page: NewsPage) -> list[NewsPage]:
    """The "other news" box of ``page``: the editors' picks, else its section's newest.

    For anonymous readers the section's newest are looked up once for every article of the
    section, until one of them changes or a newer one is published.
    """
    request = _request(context)

    def shared_newest(count: int) -> list[NewsPage]:
        if not page.path:  # the preview of an article not saved yet
            return []
        key = f"{page.path[: -page.steplen]}|{count}"

        def compute() -> list[NewsPage]:
            return response_parts.shareable_pages(page.newest_of_section(count))

        return response_parts.shared_for_readers(request, "other-news", key, compute)

    return page.other_news(govnews_settings.OTHER_NEWS_COUNT, newest=shared_newest)


def _page_id(context: template.Context) -> int | None:
    page = context.get("page")
    return page.pk if isinstance(page, Page) else None


@register.inclusion_tag("wagtail_govnews/includes/most_read.html", takes_context=True)
def most_read_box(
    context: template.Context, limit: int | None = None, days: int | None = None
) -> dict[str, Any]:
    """A "Most read" box listing :func:`most_read_news`; nothing when no views are stored."""
    return {"news_list": most_read_news(context, limit, days)}
