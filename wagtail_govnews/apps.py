"""Django app configuration for wagtail-govnews."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailGovNewsConfig(AppConfig):
    """News pages, categories, portal settings, QR codes and share links."""

    name = "wagtail_govnews"
    label = "wagtail_govnews"
    verbose_name = _("Government news")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import cache_invalidation, checks  # noqa: F401 - checks register themselves

        # Forget cached responses whenever published content may have changed.
        cache_invalidation.connect()
