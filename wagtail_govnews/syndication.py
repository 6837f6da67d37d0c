"""What feeds and sitemaps may list: the site's published news in one content language."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale, Page, Site

from .models import GovNewsSettings, NewsPage, NewsPageQuerySet, visible_to_public


def syndicated_news() -> NewsPageQuerySet:
    """Articles readers may see (the one visibility rule), newest first."""
    return NewsPage.objects.published().newest_first()


def request_site(request: HttpRequest) -> Site:
    """The Wagtail site serving ``request``, else the default site (404 without any)."""
    site = Site.find_for_request(request)
    if site is None:
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    if site is None:
        raise Http404("No site.")
    return site


def content_locale(language: str) -> Locale:
    """The locale of a content language code such as ``vi`` (404 for any other code)."""
    if language not in get_content_languages():
        raise Http404("Unknown language.")
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        raise Http404("Unknown language.")
    return locale


def localized_root(site: Site, locale: Locale) -> Page:
    """The site's home page in ``locale``: the root page or its live translation (else 404)."""
    root = site.root_page
    if root.locale_id != locale.pk:
        pages = Page.objects.filter(translation_key=root.translation_key, locale=locale)
        root = visible_to_public(pages)
        root = root.first()
    if root is None:
        raise Http404("The site has no home page in this language.")
    return root


def portal_name(site: Site) -> str:
    """The portal name from the site settings, else the site's own name or host."""
    return GovNewsSettings.for_site(site).portal_name or site.site_name or site.hostname
