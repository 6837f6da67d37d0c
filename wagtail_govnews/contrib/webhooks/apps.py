"""Django app configuration of the publish webhooks sub-app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovNewsWebhooksConfig(AppConfig):
    """Signed events to headless frontends when articles are published, moved or removed."""

    name = "wagtail_govnews.contrib.webhooks"
    label = "wagtail_govnews_webhooks"
    verbose_name = _("Government news: webhooks")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals

        signals.connect()
