"""The test URLs (tests/urls.py) plus Wagtail's dynamic image-serve view (for the export tests)."""

from django.urls import re_path
from wagtail.images.views.serve import ServeView

from tests.urls import urlpatterns as test_urlpatterns

urlpatterns = [
    re_path(
        r"^images/([^/]*)/(\d*)/([^/]*)/[^/]*$", ServeView.as_view(), name="wagtailimages_serve"
    ),
    *test_urlpatterns,
]
