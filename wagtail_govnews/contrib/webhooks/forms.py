"""The admin form of a webhook endpoint: subscribed events as checkboxes, a write-only secret."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import EventType, WebhookEndpoint, all_event_types

MIN_SECRET_LENGTH = 24


class WebhookEndpointForm(WagtailAdminModelForm):
    """Creates and edits endpoints; the stored secret is never sent back to the browser."""

    url = forms.URLField(
        label=_("URL"),
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=[(value, EventType(value).label) for value in all_event_types()],
        widget=forms.CheckboxSelectMultiple,
    )
    secret = forms.CharField(
        label=_("Signing secret"),
        required=False,
        min_length=MIN_SECRET_LENGTH,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_(
            "At least 24 characters, shared with the receiver, e.g. from "
            '`python -c "import secrets; print(secrets.token_urlsafe(32))"`.'
        ),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["description", "url", "is_active", "events", "secret"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.secret:
            self.fields["secret"].help_text = _(
                "Current secret: %(masked)s. Leave empty to keep it; type a new one to replace it."
            ) % {"masked": self.instance.masked_secret}

    def clean_secret(self) -> str:
        """A new secret, or the stored one when left empty on an existing endpoint."""
        secret = self.cleaned_data.get("secret", "")
        if secret:
            return secret
        if self.instance.pk and self.instance.secret:
            return self.instance.secret
        raise forms.ValidationError(_("Enter a signing secret."))
