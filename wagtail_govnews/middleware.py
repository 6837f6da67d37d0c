"""Middleware for sites that serve the headless API next to locale-prefixed Wagtail pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, except that JSON 404s stay 404s.

    With Wagtail's catch-all URL inside ``i18n_patterns``, Django redirects every 404 outside
    the patterns (such as ``/api/govnews/news/999/``) to ``/vi/api/…``: an API client would
    get a redirect to an HTML page instead of the JSON error. Use this class in place of
    ``django.middleware.locale.LocaleMiddleware``.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if response.status_code == 404 and "json" in response.get("Content-Type", ""):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
