"""Articles an editor picks for the "other news" box of another article."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import PageChooserPanel
from wagtail.models import Orderable


class NewsPageRelatedNews(Orderable):
    """An article an editor picked for the "other news" box of another article."""

    page = ParentalKey(
        "wagtail_govnews.NewsPage", on_delete=models.CASCADE, related_name="related_news"
    )
    news = models.ForeignKey(
        "wagtail_govnews.NewsPage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("news", page_type="wagtail_govnews.NewsPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("other news item")
        verbose_name_plural = _("other news")
