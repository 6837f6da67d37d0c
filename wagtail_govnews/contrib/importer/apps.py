"""Django app configuration of the news importer sub-app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovNewsImporterConfig(AppConfig):
    """Bring a portal's existing articles in (``manage.py govnews_import``)."""

    name = "wagtail_govnews.contrib.importer"
    label = "wagtail_govnews_importer"
    verbose_name = _("Government news: importer")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system check)
