"""Admin wiring: the "News" listing, the news category and tag snippets, the admin's
translations."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_i18n import script_catalog_tag
from .models import NewsCategory, NewsTag
from .newsroom import news_listing_viewset
from .serving import SERVE_FROM_CACHE_ORDER, refuse_hidden_page, serve_from_cache


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


@hooks.register("insert_global_admin_js")
def admin_script_translations() -> str:
    """The package's translations of Wagtail's script strings, on every admin page."""
    return script_catalog_tag()


hooks.register("before_serve_page", refuse_hidden_page)
hooks.register("on_serve_page", serve_from_cache, order=SERVE_FROM_CACHE_ORDER)
