"""URLs of the example portal: admin, package routes, headless APIs and locale-prefixed pages."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from wagtail_govnews.contrib.api import api as govnews_api
from wagtail_govnews.robots import favicon_ico, robots_txt
from wagtail_govnews.sitemaps import PortalSitemap, sitemap_index

from .media import serve_media
from .stock_apis import wagtail_api_v2_urls, wagtail_api_v3_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("govnews/", include("wagtail_govnews.urls")),
    # robots.txt names the sitemap index, which lists the pages' sitemap (every language,
    # hreflang alternates) and the Google News sitemaps (/govnews/sitemaps/).
    path("robots.txt", robots_txt),
    path("favicon.ico", favicon_ico),
    path("sitemap.xml", sitemap_index),
    path("sitemap-pages.xml", sitemap, {"sitemaps": {"pages": PortalSitemap}}),
    # Package headless API (wagtail_govnews.contrib.api) is mounted here.
    path("api/govnews/", govnews_api.urls),
    # Wagtail's own APIs, pages only (NewsPage exposes its api_fields): stock_apis.py.
    path("api/v2/", wagtail_api_v2_urls()),
]

if settings.WAGTAIL_API_V3:  # Wagtail 8's API v3; Wagtail 7.4 has only v2
    urlpatterns.append(path("api/v3/", wagtail_api_v3_urls()))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif getattr(settings, "SERVE_MEDIA", False):  # one process, no nginx: uploaded images only
    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media))

urlpatterns += i18n_patterns(
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
