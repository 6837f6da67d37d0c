"""Admin: webhook endpoints (Settings menu) and the read-only delivery log beside them."""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from .forms import WebhookEndpointForm
from .models import WebhookAttempt, WebhookEndpoint
from .permissions import ReadOnlyPermissionPolicy
from .views import VIEWSET_NAME, EndpointEditView, PingView

try:  # Wagtail 8: a model's policy is registered once, for every view of it
    from wagtail.permissions import register_permission_policy
except ImportError:  # Wagtail 7.4: the viewset carries it (WebhookAttemptViewSet below)
    register_permission_policy = None

READ_ONLY = ReadOnlyPermissionPolicy(WebhookAttempt)
if register_permission_policy is not None:
    register_permission_policy(WebhookAttempt, READ_ONLY)


class WebhookEndpointViewSet(ModelViewSet):
    """Where administrators add, edit, pause and remove endpoints."""

    model = WebhookEndpoint
    icon = "link-external"
    menu_label = _("Webhook endpoints")
    add_to_settings_menu = True
    copy_view_enabled = False
    list_display = ["description", "url", "is_active", Column("masked_secret", label=_("Secret"))]
    search_fields = ["description", "url"]

    edit_view_class = EndpointEditView

    def get_form_class(self, for_update: bool = False) -> type[WebhookEndpointForm]:
        """The form with a write-only secret."""
        return WebhookEndpointForm

    def get_urlpatterns(self) -> list[Any]:
        """Wagtail's views and the test event's."""
        ping = PingView.as_view(header_icon=self.icon)
        return [*super().get_urlpatterns(), path("ping/<int:pk>/", ping, name="ping")]


class WebhookAttemptViewSet(ModelViewSet):
    """Every delivery attempt, newest first: status code, response time, error."""

    model = WebhookAttempt
    if register_permission_policy is None:
        permission_policy = READ_ONLY
    icon = "history"
    menu_label = _("Webhook delivery log")
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "attempted_at",
        "delivery__endpoint",
        "delivery__event_type",
        "delivery__page_id",
        "number",
        "succeeded",
        "status_code",
        "duration_ms",
        "error",
    ]
    list_filter = ["succeeded", "delivery__endpoint", "delivery__event_type"]
    inspect_view_fields = [
        "attempted_at",
        "number",
        "succeeded",
        "status_code",
        "duration_ms",
        "error",
        "delivery",
        "payload",
    ]
    exclude_form_fields = []  # never shown: every action but "view" is refused

    def get_queryset(self, request: Any) -> Any:
        """Attempts with their delivery and endpoint (one query per listing page)."""
        return WebhookAttempt.objects.select_related("delivery__endpoint")


@hooks.register("register_admin_viewset")
def register_viewsets() -> list[ModelViewSet]:
    """Both viewsets, in the Settings menu."""
    return [WebhookEndpointViewSet(VIEWSET_NAME), WebhookAttemptViewSet("webhook_log")]
