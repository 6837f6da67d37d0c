"""Free-form tags of news articles (their own tag model, so they can be translated apart)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase

from ..slugs import ascii_slug


class NewsTag(TagBase):
    """A free-form news tag with an ASCII slug ("tiêm chủng" → "tiem-chung")."""

    free_tagging = True

    class Meta:
        verbose_name = _("news tag")
        verbose_name_plural = _("news tags")

    def slugify(self, tag: str, i: int | None = None) -> str:
        slug = ascii_slug(tag, max_length=90) or "tag"
        return f"{slug}-{i}" if i is not None else slug


class NewsPageTag(ItemBase):
    """Links a news article to one of its tags."""

    tag = models.ForeignKey(NewsTag, on_delete=models.CASCADE, related_name="tagged_items")
    content_object = ParentalKey(
        "wagtail_govnews.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )
