"""URLs of the test suite: the example portal's layout, written out for the tests.

Admin, documents, the package's routes (``/govnews/``), the sitemap, the three headless APIs
(``/api/govnews/``; Wagtail's ``/api/v2/`` and ``/api/v3/``, pages only and guarded, as the
example's ``stock_apis`` mounts them) and the locale-prefixed pages (``/vi/…``, ``/en/…``).
Media files are not served (``DEBUG`` is off in the tests).
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from example_project.stock_apis import wagtail_api_v2_urls, wagtail_api_v3_urls
from wagtail_govnews.contrib.api import api as govnews_api
from wagtail_govnews.robots import favicon_ico, robots_txt
from wagtail_govnews.sitemaps import PortalSitemap, sitemap_index

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("govnews/", include("wagtail_govnews.urls")),
    path("robots.txt", robots_txt),
    path("favicon.ico", favicon_ico),
    path("sitemap.xml", sitemap_index),
    path("sitemap-pages.xml", sitemap, {"sitemaps": {"pages": PortalSitemap}}),
    path("api/govnews/", govnews_api.urls),
    path("api/v2/", wagtail_api_v2_urls()),
    *i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=True),
]

if settings.WAGTAIL_API_V3:  # Wagtail 8 only
    urlpatterns.insert(-1, path("api/v3/", wagtail_api_v3_urls()))
