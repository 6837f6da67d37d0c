"""A news section such as "Tin tức" or "Khoa giáo" (``NewsIndexPage``)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .. import cache_tags
from ..conf import govnews_settings
from .mixins import AsciiSlugMixin, ComposedTextMixin
from .news_page import NewsPage
from .queryset import NewsPageQuerySet
from .snippets import NewsCategory


class NewsIndexPage(ComposedTextMixin, AsciiSlugMixin, Page):
    """A news section such as "Tin tức" or "Khoa giáo", listing its articles newest first."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    # What wagtail-localize translates and copies: docs/concepts/translation.md.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("intro"),
        SynchronizedField("show_in_menus", overridable=False),
    ]
    subpage_types = ["wagtail_govnews.NewsPage"]
    template = "wagtail_govnews/news_index_page.html"

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")

    def published_news(self) -> NewsPageQuerySet:
        """Published articles of this section, newest first (for the response cache, they
        change only with the section's own articles)."""
        news = NewsPage.objects.child_of(self).published().newest_first()
        return news.shown_as(cache_tags.section_tag(self.path))

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        news = self.published_news()
        category = self._selected_category(request)
        tag = request.GET.get("tag", "").strip()
        if category is not None:
            news = news.filter(categories__translation_key=category.translation_key)
        elif request.GET.get("category"):
            news = news.none()
        if tag:
            # No slug holds NUL, and PostgreSQL refuses to compare text with it.
            news = news.none() if "\x00" in tag else news.filter(tags__slug=tag)
        query = request.GET.get("q", "").strip()[:200]
        if query:
            news = news.matching(query)
        paginator = Paginator(news.for_listing(), govnews_settings.NEWS_PER_PAGE)
        news_page: PaginatorPage = paginator.get_page(request.GET.get("page"))
        context.update(
            news_page=news_page,
            selected_category=category,
            selected_category_slug=request.GET.get("category", ""),
            selected_tag=tag,
            search_query=query,
            categories=NewsCategory.objects.filter(locale_id=self.locale_id),
        )
        return context

    def _selected_category(self, request: HttpRequest) -> NewsCategory | None:
        slug = request.GET.get("category", "").strip()
        if not slug or "\x00" in slug:  # PostgreSQL refuses to compare text with NUL
            return None
        return NewsCategory.objects.filter(slug=slug, locale_id=self.locale_id).first()
