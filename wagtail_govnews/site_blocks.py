"""Blocks for a site's own StreamFields that show news (home page, sidebars).

Unlike the article body blocks (:mod:`wagtail_govnews.blocks`), these read the models, so
they sit in the delivery layer.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .models import most_read


class MostReadBlock(blocks.StructBlock):
    """A "Most read" box for a site's own StreamFields (home page, sidebars).

    Lists the published articles most read over the last ``days`` days, in the language of
    the page it is on, with the template of ``{% most_read_box %}``.
    """

    count = blocks.IntegerBlock(label=_("Articles"), default=5, min_value=1, max_value=20)
    days = blocks.IntegerBlock(label=_("Days"), default=7, min_value=1, max_value=90)

    class Meta:
        icon = "pick"
        label = _("Most read news")
        template = "wagtail_govnews/includes/most_read.html"

    def get_context(self, value: Any, parent_context: dict | None = None) -> dict:
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        context["news_list"] = most_read(
            locale=getattr(page, "locale", None),
            days=value["days"],
            limit=value["count"],
            exclude=getattr(page, "pk", None),  # never the page the reader is on
        )
        return context
