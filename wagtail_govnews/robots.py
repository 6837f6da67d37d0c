"""The files crawlers and browsers ask for at a site's root: robots.txt and favicon.ico.

Mount them at the root (``path("robots.txt", robots_txt)``, ``path("favicon.ico",
favicon_ico)``). robots.txt lists the sitemap index (``SITEMAP_PATH``) and the Google News
sitemap of every language; favicon.ico redirects to the portal's favicon.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from .conf import govnews_settings
from .models import GovNewsSettings
from .sitemaps import news_sitemap_urls


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """The rules, then a ``Sitemap:`` line per sitemap (absolute URLs, as the format asks)."""
    lines = list(govnews_settings.ROBOTS_RULES)
    sitemaps = news_sitemap_urls(request)
    if govnews_settings.SITEMAP_PATH:
        sitemaps.insert(0, request.build_absolute_uri(govnews_settings.SITEMAP_PATH))
    lines += ["", *(f"Sitemap: {url}" for url in sitemaps)]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon_ico(request: HttpRequest) -> HttpResponse:
    """A redirect to the favicon of the site settings (else the logo, else the package's icon)."""
    image = GovNewsSettings.for_request(request).identity().favicon
    if image is None:
        url = static("wagtail_govnews/img/favicon.svg")
    else:
        url = image.get_rendition("fill-32x32|format-png").url
    response = HttpResponseRedirect(url)
    patch_cache_control(response, public=True, max_age=86400)
    return response
