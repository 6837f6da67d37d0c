"""URLs of the test suite: the example portal's layout, written out for the tests.

Admin, documents, the package's routes (``/govnews/``), the sitemap, the three headless APIs
(``/api/govnews/``, ``/api/v2/``, ``/api/v3/``) and the locale-prefixed pages
(``/vi/…``, ``/en/…``). Media files are not served (``DEBUG`` is off in the tests).
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from wagtail_govnews.contrib.api import api as govnews_api
from wagtail_govnews.sitemaps import PortalSitemap

wagtail_api_v2 = WagtailAPIRouter("wagtailapi")
wagtail_api_v2.register_endpoint("pages", PagesAPIViewSet)
wagtail_api_v2.register_endpoint("images", ImagesAPIViewSet)
wagtail_api_v2.register_endpoint("documents", DocumentsAPIViewSet)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("govnews/", include("wagtail_govnews.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PortalSitemap}}),
    path("api/govnews/", govnews_api.urls),
    path("api/v2/", wagtail_api_v2.urls),
    *i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=True),
]

if settings.WAGTAIL_API_V3:  # Wagtail 8 only
    from wagtail.api.v3.urls import api as wagtail_api_v3

    urlpatterns.insert(-1, path("api/v3/", wagtail_api_v3.urls))
