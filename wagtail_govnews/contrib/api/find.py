"""Find the published article at a public path, by Wagtail's own routing."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import Http404, HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from wagtail.models import Locale, Page, Site

from wagtail_govnews.contrib.api.serializers import news_queryset
from wagtail_govnews.models import NewsPage


def page_at(request: HttpRequest, path: str) -> NewsPage:
    """The published article a path such as ``/vi/tin-tuc/slug/`` (or a full URL) serves."""
    not_found = HttpError(404, _("No published article at %(path)s.") % {"path": path})
    try:
        url_path = urlsplit(path).path
    except ValueError as error:  # e.g. an unclosed IPv6 host: "http://["
        raise not_found from error
    if "\x00" in url_path:
        raise not_found
    components = [part for part in url_path.split("/") if part]
    language = translation.get_language_from_path("/" + "/".join(components) + "/")
    if language:
        if components[0] != language:  # a variant ("vi-vn") is not a language prefix
            raise not_found
        components = components[1:]
    root = _root(request, language)
    if root is None:
        raise not_found
    try:
        page, args, _kwargs = root.specific.route(request, components)
    except Http404 as error:
        raise not_found from error
    # A routable article also serves its print/ and pdf/ views: only the article itself counts.
    if args and args[0] != getattr(page, "article", None):
        raise not_found
    article = news_queryset().filter(pk=page.pk).first()
    if article is None:
        raise not_found
    return article


def _root(request: HttpRequest, language: str | None) -> Page | None:
    """The site's root page, in ``language`` when the path has a language prefix."""
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        raise HttpError(404, _("No site is configured."))
    if not language:
        return site.root_page
    locale = Locale.objects.filter(language_code=language).first()
    return site.root_page.get_translation_or_none(locale) if locale else None
