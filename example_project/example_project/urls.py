"""URLs of the example portal: admin, package routes, headless APIs and locale-prefixed pages."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
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

# Wagtail's own read API v2 (Django REST framework); NewsPage exposes its api_fields here.
wagtail_api_v2 = WagtailAPIRouter("wagtailapi")
wagtail_api_v2.register_endpoint("pages", PagesAPIViewSet)
wagtail_api_v2.register_endpoint("images", ImagesAPIViewSet)
wagtail_api_v2.register_endpoint("documents", DocumentsAPIViewSet)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("govnews/", include("wagtail_govnews.urls")),
    # Every language of the site, with hreflang alternates; news sitemaps: /govnews/sitemaps/.
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PortalSitemap}}),
    # Package headless API (wagtail_govnews.contrib.api) is mounted here.
    path("api/govnews/", govnews_api.urls),
    path("api/v2/", wagtail_api_v2.urls),
]

if settings.WAGTAIL_API_V3:  # Wagtail 8's read API v3; Wagtail 7.4 has only v2
    from wagtail.api.v3.urls import api as wagtail_api_v3

    urlpatterns.append(path("api/v3/", wagtail_api_v3.urls))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
