"""Parts of a page kept in the response cache on their own, so a page rebuilt because one
part changed does not render the others again.

    {% load govnews_fragments %}
    {% article_fragment page "content" %} … {% endarticle_fragment %}
    {% for block in page.body %}{% cached_block block %}{% endfor %}

``article_fragment``: a part of an article's page; rebuilt because something *around* the
article changed (a new article in its section's "other news" box, a most-read box), the page
does not render the article again.

The part is cached per article (shared by nothing else), language, host and scheme, and is
stale as soon as the article or one of its translations changes (the article's tag), or
whatever else its content read changes (the tags its queries note, ``site`` for any other
change). For a request the response cache does not serve (an editor, a preview, a query
string) the part is rendered as is.

``cached_block``: a block of a StreamField (a home page's boxes) whose block type sets
``cached_for_readers = True`` in its ``Meta`` (the featured story and section news blocks
do), kept until what it shows changes: a publish in one section re-renders that section's
box only. Other blocks are rendered as ``{% include_block %}`` renders them.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django import template
from django.template.base import Node, NodeList, Parser, Token
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .. import response_parts

register = template.Library()


class ArticleFragmentNode(Node):
    """Renders its content through :func:`wagtail_govnews.response_cache.cached_value`."""

    def __init__(self, page: template.base.FilterExpression, name: str, nodelist: NodeList):
        self.page, self.name, self.nodelist = page, name, nodelist

    def render(self, context: Context) -> SafeString:
        request, page = context.get("request"), self.page.resolve(context)
        rendered = response_parts.article_part(
            request, page, self.name, lambda: str(self.nodelist.render(context))
        )
        return mark_safe(rendered)


@register.simple_tag(takes_context=True)
def cached_block(context: Context, block: Any) -> SafeString:
    """``{% cached_block block %}``: ``{% include_block block %}``, kept for anonymous readers
    while nothing the block shows changes, when its type allows it."""
    render = partial(block.render_as_block, context=context.flatten())  # as include_block
    page, request = context.get("page"), context.get("request")
    if not getattr(block.block.meta, "cached_for_readers", False) or page is None:
        return render()
    parts = (page.pk, block.id, get_language() or "")
    if request is not None:
        parts += (request.scheme, request.get_host())
    key = "|".join(str(part) for part in parts)
    return mark_safe(response_parts.shared_for_readers(request, "block", key, render))


@register.tag("article_fragment")
def article_fragment(parser: Parser, token: Token) -> ArticleFragmentNode:
    """``{% article_fragment page "name" %}…{% endarticle_fragment %}``: the enclosed part of
    ``page``'s template, cached until the article or what the part shows changes."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[2][0] not in "\"'" or bits[2][-1] != bits[2][0]:
        raise template.TemplateSyntaxError(
            f'Usage: {{% {bits[0]} page "name" %}}…{{% end{bits[0]} %}}'
        )
    nodelist = parser.parse((f"end{bits[0]}",))
    parser.delete_first_token()
    return ArticleFragmentNode(parser.compile_filter(bits[1]), bits[2][1:-1], nodelist)
