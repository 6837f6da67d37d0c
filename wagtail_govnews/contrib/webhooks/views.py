"""Admin views of webhook endpoints: the edit view's "Send a test event" and its page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import EditView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button

from .events import send_test_event
from .models import WebhookEndpoint

VIEWSET_NAME = "webhook_endpoints"  # URL namespace of the endpoints' admin views
CHANGE_PERMISSION = "wagtail_govnews_webhooks.change_webhookendpoint"


class EndpointEditView(EditView):
    """The edit view, with "Send a test event" among its header buttons."""

    @cached_property
    def header_more_buttons(self) -> list[Button]:
        """Wagtail's buttons and the test event."""
        url = reverse(f"{VIEWSET_NAME}:ping", args=[self.object.pk])
        test = Button(_("Send a test event"), url=url, icon_name="link-external", priority=30)
        return [*super().header_more_buttons, test]


class PingView(WagtailAdminTemplateMixin, TemplateView):
    """Confirms, then sends an ``endpoint.ping`` event and tells how the endpoint answered."""

    template_name = "wagtail_govnews/webhooks/ping.html"
    page_title = _("Send a test event")
    header_icon = "link-external"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm(CHANGE_PERMISSION):
            raise PermissionDenied
        self.endpoint = get_object_or_404(WebhookEndpoint, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return str(self.endpoint)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["endpoint"] = self.endpoint
        context["edit_url"] = reverse(f"{VIEWSET_NAME}:edit", args=[self.endpoint.pk])
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Send the test event now (after any earlier pending events) and report."""
        if not self.endpoint.is_active:
            messages.error(request, _("Activate the endpoint before sending it a test event."))
            return redirect(f"{VIEWSET_NAME}:edit", self.endpoint.pk)
        attempt = send_test_event(self.endpoint)  # the admin waits, up to WEBHOOKS_TIMEOUT
        if attempt is not None and attempt.succeeded:
            messages.success(
                request,
                _("The endpoint answered %(status)s in %(ms)s ms.")
                % {"status": attempt.status_code, "ms": attempt.duration_ms},
            )
        elif attempt is not None:
            messages.error(
                request, _("The endpoint did not accept it: %(error)s") % {"error": attempt.error}
            )
        else:
            messages.warning(
                request,
                _("The test event waits behind earlier events being retried: see the log."),
            )
        return redirect(f"{VIEWSET_NAME}:edit", self.endpoint.pk)
