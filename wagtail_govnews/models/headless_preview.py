"""Preview an article on the site's headless frontend (the "Headless frontend" preview mode).

The mode is offered when the headless API sub-app is installed and the site has a
``frontend_preview_url``; the editor is sent there with a signed, expiring token
(:mod:`wagtail_govnews.preview_tokens`) that the API's preview endpoint reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from ..preview_tokens import frontend_url, make_token
from .site_settings import GovNewsSettings

#: The sub-app that answers the frontend's preview requests.
HEADLESS_API_APP = "wagtail_govnews.contrib.api"
#: Where :func:`prime_headless_preview_urls` notes an article's frontend preview address.
PRIMED_URL = "_govnews_headless_preview_url"


class HeadlessPreviewMixin:
    """Adds the "Headless frontend" preview mode to a page type."""

    @property
    def preview_modes(self) -> list[tuple[str, str]]:
        """The default preview, plus "Headless frontend" when the site has a frontend URL."""
        modes = list(super().preview_modes)
        if apps.is_installed(HEADLESS_API_APP) and self.headless_preview_url():
            modes.append(("headless", _("Headless frontend")))
        return modes

    def headless_preview_url(self) -> str:
        """The ``frontend_preview_url`` setting of this article's site ("" when not set)."""
        primed = getattr(self, PRIMED_URL, None)
        if primed is not None:
            return primed
        site = self.get_site() or Site.objects.filter(is_default_site=True).first()
        if site is None:
            return ""
        return GovNewsSettings.for_site(site).frontend_preview_url

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        """Render the preview, or send the editor to the headless frontend with a token.

        Without a frontend address (e.g. removed while an editor had the mode selected), the
        headless mode falls back to the default preview, as Wagtail does for unknown modes.
        """
        url_template = self.headless_preview_url() if mode_name == "headless" else ""
        if not url_template:
            return super().serve_preview(request, mode_name)
        if self.pk is None:
            # The API describes an article by its id, QR and translations: a page that was
            # never saved has none of them yet.
            return HttpResponse(
                format_html(
                    "<!DOCTYPE html><title>{}</title><p>{}</p>",
                    _("Headless frontend"),
                    _("Save a draft first to preview this article on the headless frontend."),
                )
            )
        return HttpResponseRedirect(frontend_url(url_template, make_token(self)))


def prime_headless_preview_urls(pages: Iterable[Any], request: HttpRequest | None = None) -> None:
    """Note on each page its site's ``frontend_preview_url``, read once per site.

    A page listing asks every row whether it has the "Headless frontend" preview mode, which
    costs a query for the page's site and one for its settings; primed, the rows ask none.
    """
    pages = [page for page in pages if isinstance(page, HeadlessPreviewMixin)]
    if not pages:
        return
    site_ids = {}
    for page in pages:
        parts = page.get_url_parts(request)  # from the cached site root paths, no query
        site_ids[page.pk] = parts[0] if parts else None
    sites = Site.objects.in_bulk({pk for pk in site_ids.values() if pk is not None})
    urls: dict[int | None, str] = {}
    for page in pages:
        site_id = site_ids[page.pk] if site_ids[page.pk] in sites else None
        if site_id not in urls:
            site = sites.get(site_id) or Site.objects.filter(is_default_site=True).first()
            urls[site_id] = GovNewsSettings.for_site(site).frontend_preview_url if site else ""
        setattr(page, PRIMED_URL, urls[site_id])
