"""Django app configuration of the PDF sub-app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovNewsPDFConfig(AppConfig):
    """The "Save as PDF" download of an article (``<article>/pdf/``, wired in wagtail_hooks)."""

    name = "wagtail_govnews.contrib.pdf"
    label = "wagtail_govnews_pdf"
    verbose_name = _("Government news: PDF download")

    def ready(self) -> None:
        from . import checks  # noqa: F401 - the check registers itself
