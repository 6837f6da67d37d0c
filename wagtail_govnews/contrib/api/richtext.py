"""Rich text for the API: internal page links resolved in one query for a whole article."""

from __future__ import annotations

from functools import cache

from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text import features
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter


def _page_links(attrs_list: list[dict]) -> list[str]:
    """Opening ``<a>`` tags for page links; one query for all of them."""
    ids = {str(attrs.get("id")) for attrs in attrs_list}
    pages = Page.objects.filter(id__in=[pk for pk in ids if pk.isdigit()]).select_related("locale")
    urls = {str(page.pk): page.get_url() for page in pages}
    return [
        f'<a href="{escape(urls[str(attrs.get("id"))])}">'
        if urls.get(str(attrs.get("id")))
        else "<a>"
        for attrs in attrs_list
    ]


@cache
def _rewriter() -> MultiRuleRewriter:
    link_rules = {
        name: handler.expand_db_attributes_many
        for name, handler in features.get_link_types().items()
    }
    embed_rules = {
        name: handler.expand_db_attributes_many
        for name, handler in features.get_embed_types().items()
    }
    return MultiRuleRewriter(
        [
            LinkRewriter(bulk_rules=link_rules | {"page": _page_links}),
            EmbedRewriter(bulk_rules=embed_rules),
        ]
    )


def expand_rich_text(html: str) -> str:
    """Database rich text → front-end HTML, like Wagtail's ``expand_db_html``."""
    return _rewriter()(html)
