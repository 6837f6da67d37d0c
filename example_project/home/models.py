"""The example portal's home page: a featured story, the news of each section, most read."""

from typing import Any

from django.db import models
from django.http import HttpRequest
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from wagtail_govnews.models import NewsIndexPage, NewsPage
from wagtail_govnews.site_blocks import FeaturedNewsBlock, MostReadBlock, SectionNewsBlock


class HomePage(Page):
    """Portal home: an introduction, the news sections and the latest articles."""

    intro = RichTextField(blank=True)
    body = StreamField(
        [
            ("featured", FeaturedNewsBlock()),
            ("most_read", MostReadBlock()),
            ("section", SectionNewsBlock()),
        ],
        blank=True,
        help_text="The home page's boxes. Empty: the latest news.",
    )
    latest_count = models.PositiveSmallIntegerField(default=9)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("latest_count"),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("intro"),
        TranslatableField("body"),
        SynchronizedField("latest_count", overridable=False),
        SynchronizedField("show_in_menus", overridable=False),
    ]
    subpage_types = ["wagtail_govnews.NewsIndexPage"]
    max_count_per_parent = 1
    # Served from wagtail-govnews' response cache to anonymous readers, refreshed when
    # anything it lists changes (docs/reference/performance.md, "Response cache").
    govnews_response_cache = True

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = NewsIndexPage.objects.child_of(self).live().public()
        news = NewsPage.objects.descendant_of(self).published()
        query = request.GET.get("q", "").strip()[:200]
        if query:
            news = news.matching(query)
        context["search_query"] = query
        context["show_blocks"] = bool(self.body) and not query
        if not context["show_blocks"]:
            context["latest_news"] = news.newest_first().for_listing()[: self.latest_count]
        return context
