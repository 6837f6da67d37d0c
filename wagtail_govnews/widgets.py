"""Admin widgets: a slug field that turns Vietnamese titles into ASCII slugs as editors type."""

from __future__ import annotations

from typing import Any

from wagtail.admin.widgets import SlugInput

from .conf import govnews_settings
from .slugs import slug_formatters


class AsciiSlugInput(SlugInput):
    """Wagtail's slug input, folding "Đại hội" to "dai-hoi" when ``ASCII_SLUGS`` is on."""

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        attrs = dict(attrs or {})
        if govnews_settings.ASCII_SLUGS:
            attrs["data-w-slug-formatters-value"] = SlugInput(formatters=slug_formatters()).attrs[
                "data-w-slug-formatters-value"
            ]
            attrs["data-w-slug-allow-unicode-value"] = "false"
        return super().get_context(name, value, attrs)
