"""Blocks for a site's own StreamFields that show news (home page, sidebars).

Unlike the article body blocks (:mod:`wagtail_govnews.blocks`), these read the models, so
they sit in the delivery layer.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.models import Locale, Page

from . import cache_tags
from .conf import govnews_settings
from .models import NewsPage, NewsPageQuerySet, most_read


def _page_locale(parent_context: dict | None) -> Locale:
    page = (parent_context or {}).get("page")
    return page.locale if isinstance(page, Page) else Locale.get_active()


def _news_in(locale: Locale) -> NewsPageQuerySet:
    """Published articles in ``locale``, newest first, loaded as lists show them."""
    return NewsPage.objects.published().filter(locale=locale).without_text().for_listing()


class FeaturedNewsBlock(blocks.StructBlock):
    """The lead story of a home page: the article editors pick, else the newest one.

    The pick is shown in the language of the page the block is on (its translation), and only
    while readers may see it; otherwise the newest published article takes its place.
    """

    article = blocks.PageChooserBlock(
        label=_("Article"),
        page_type="wagtail_govnews.NewsPage",
        required=False,
        help_text=_("Empty: the newest article."),
    )

    class Meta:
        icon = "pick"
        label = _("Featured story")
        template = "wagtail_govnews/blocks/featured_news.html"
        cached_for_readers = True  # {% cached_block %}: kept until what it shows changes

    def get_context(self, value: Any, parent_context: dict | None = None) -> dict:
        context = super().get_context(value, parent_context=parent_context)
        news = _news_in(_page_locale(parent_context)).newest_first()
        picked = value["article"]
        featured = None
        if picked is not None:
            featured = news.filter(translation_key=picked.translation_key).first()
        context["news"] = featured or news.first()
        return context


class SectionNewsBlock(blocks.StructBlock):
    """The newest articles of one section, under its name linking to the section."""

    section = blocks.PageChooserBlock(label=_("Section"), page_type="wagtail_govnews.NewsIndexPage")
    count = blocks.IntegerBlock(label=_("Articles"), default=4, min_value=1, max_value=12)

    class Meta:
        icon = "list-ul"
        label = _("Section news")
        template = "wagtail_govnews/blocks/section_news.html"
        cached_for_readers = True

    def get_context(self, value: Any, parent_context: dict | None = None) -> dict:
        context = super().get_context(value, parent_context=parent_context)
        chosen, locale = value["section"], _page_locale(parent_context)
        section = None
        if chosen is not None:
            section = (
                Page.objects.live()
                .public()
                .filter(translation_key=chosen.translation_key, locale=locale)
                .first()
            )
        context["section"] = section
        context["news_list"] = []
        if section is not None:
            # For the response cache, only a change among the section's newest counts.
            scope = (
                cache_tags.newest_tag(section.path)
                if value["count"] <= govnews_settings.OTHER_NEWS_COUNT + 1
                else cache_tags.section_tag(section.path)
            )
            news = _news_in(locale).child_of(section).shown_as(scope)
            context["news_list"] = news.newest_first()[: value["count"]]
        return context


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
