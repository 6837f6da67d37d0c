"""Django app configuration of the headless API sub-app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovNewsAPIConfig(AppConfig):
    """The headless news API (``/api/govnews/``): lists, details, QR, social, preview."""

    name = "wagtail_govnews.contrib.api"
    label = "wagtail_govnews_api"
    verbose_name = _("Government news: headless API")

    def ready(self) -> None:
        # Purge the API's URLs from frontend caches when articles change.
        if self.apps.is_installed("wagtail.contrib.frontend_cache"):
            from . import purge

            purge.connect()
