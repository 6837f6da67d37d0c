"""Models of wagtail-govnews: pages, snippets and site settings."""

from .news_index import NewsIndexPage
from .news_page import NewsPage
from .popularity import NewsPageDailyViews, most_read, views_state
from .queryset import NewsPageQuerySet
from .related import NewsPageRelatedNews
from .site_settings import (
    GovNewsSettings,
    PortalIdentity,
    SocialAccount,
    SocialNetwork,
)
from .snippets import NewsCategory, localize_categories
from .tags import LocalizedTag, NewsPageTag, NewsTag, NewsTagTranslation, tag_links_with_names
from .visibility import public_versions, visible_to_public

__all__ = [
    "GovNewsSettings",
    "LocalizedTag",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageDailyViews",
    "NewsPageQuerySet",
    "NewsPageRelatedNews",
    "NewsPageTag",
    "NewsTag",
    "NewsTagTranslation",
    "PortalIdentity",
    "SocialAccount",
    "SocialNetwork",
    "localize_categories",
    "most_read",
    "public_versions",
    "tag_links_with_names",
    "views_state",
    "visible_to_public",
]
