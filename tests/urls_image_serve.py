"""The example project's URLs plus Wagtail's dynamic image-serve view (for the export tests)."""

from django.urls import re_path
from wagtail.images.views.serve import ServeView

from example_project.urls import urlpatterns as example_urlpatterns

urlpatterns = [
    re_path(
        r"^images/([^/]*)/(\d*)/([^/]*)/[^/]*$", ServeView.as_view(), name="wagtailimages_serve"
    ),
    *example_urlpatterns,
]
