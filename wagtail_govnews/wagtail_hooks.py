"""Admin wiring: the "News" listing and the news category and tag snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import NewsCategory, NewsTag
from .newsroom import news_listing_viewset
from .serving import SERVE_ARTICLE_ORDER, refuse_hidden_page, serve_article


class NewsCategoryViewSet(SnippetViewSet):
    """Categories editors file news under (translatable)."""

    model = NewsCategory
    icon = "tag"
    menu_label = _("News categories")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


class NewsTagViewSet(SnippetViewSet):
    """Free-form tags, with their names in other languages."""

    model = NewsTag
    icon = "tag"
    menu_label = _("News tags")
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(NewsCategoryViewSet)
register_snippet(NewsTagViewSet)


@hooks.register("register_admin_viewset")
def register_news_listing():
    """The "News" admin area (every article, with filters and bulk actions)."""
    return news_listing_viewset


hooks.register("before_serve_page", refuse_hidden_page)
hooks.register("on_serve_page", serve_article, order=SERVE_ARTICLE_ORDER)
