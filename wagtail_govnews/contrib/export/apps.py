"""Django app configuration of the static export sub-app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovNewsExportConfig(AppConfig):
    """Static export of published news (``manage.py govnews_export``, ``EXPORT_ON_PUBLISH``)."""

    name = "wagtail_govnews.contrib.export"
    label = "wagtail_govnews_export"
    verbose_name = _("Government news: static export")

    def ready(self) -> None:
        from . import tasks

        # Update the static export on publish/unpublish (when EXPORT_ON_PUBLISH is set).
        tasks.connect()
