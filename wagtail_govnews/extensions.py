"""Extension points for optional sub-apps, through Wagtail hooks: the core names them, a
sub-app registers them, and neither imports the other.

- ``register_govnews_news_filters``: ``fn() -> dict[str, Filter]``, filters added to the
  News listing (e.g. "imported" from ``contrib.importer``).
- ``govnews_article_origin``: ``fn(page) -> list[tuple[str, str]]``, lines (label, text or
  address) shown read-only in the article's "Source & byline" tab.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import Panel

#: Hook name: ``fn() -> dict[str, Filter]``, django-filter filters added to the News listing.
FILTERS_HOOK = "register_govnews_news_filters"
#: Hook name: ``fn(page) -> list[tuple[str, str]]``, (label, text or address) lines shown in
#: an article's "Source & byline" tab.
ORIGIN_HOOK = "govnews_article_origin"


class HookedFilters:
    """A FilterSet mixin: adds the filters sub-apps register with :data:`FILTERS_HOOK`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for make_filters in hooks.get_hooks(FILTERS_HOOK):
            for name, extra in make_filters().items():
                extra.parent, extra.model = self, self._meta.model
                self.filters[name] = extra


class OriginPanel(Panel):
    """Where the article came from, as sub-apps tell it (:data:`ORIGIN_HOOK`); read-only,
    hidden when no sub-app has anything to say."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("heading", _("Origin"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_govnews/admin/origin_panel.html"

        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            page = self.instance
            self.lines = (
                [line for tell in hooks.get_hooks(ORIGIN_HOOK) for line in (tell(page) or [])]
                if page is not None and page.pk
                else []
            )

        def is_shown(self) -> bool:
            return bool(self.lines)

        def get_context_data(self, parent_context: dict | None = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            context["lines"] = self.lines
            return context
