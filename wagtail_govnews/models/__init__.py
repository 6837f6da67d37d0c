"""Models of wagtail-govnews: pages, snippets and site settings."""

from .pages import (
    NewsIndexPage,
    NewsPage,
    NewsPageQuerySet,
    NewsPageRelatedNews,
    NewsPageTag,
    NewsTag,
)
from .popularity import NewsPageDailyViews, most_read, views_state
from .site_settings import GovNewsSettings, SocialAccount, SocialNetwork
from .snippets import NewsCategory
from .visibility import public_versions, visible_to_public

__all__ = [
    "GovNewsSettings",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageDailyViews",
    "NewsPageQuerySet",
    "NewsPageRelatedNews",
    "NewsPageTag",
    "NewsTag",
    "SocialAccount",
    "SocialNetwork",
    "most_read",
    "public_versions",
    "views_state",
    "visible_to_public",
]
