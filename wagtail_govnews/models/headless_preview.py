"""Preview an article on the site's headless frontend (the "Headless frontend" preview mode).

The mode is offered when the headless API sub-app is installed and the site has a
``frontend_preview_url``; the editor is sent there with a signed, expiring token
(:mod:`wagtail_govnews.preview_tokens`) that the API's preview endpoint reads.
"""

from __future__ import annotations

from django.apps import apps
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from ..preview_tokens import frontend_url, make_token
from .site_settings import GovNewsSettings

#: The sub-app that answers the frontend's preview requests.
HEADLESS_API_APP = "wagtail_govnews.contrib.api"


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
