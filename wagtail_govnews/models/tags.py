"""Free-form tags of news articles, with a name per content language.

Translations of an article keep the original's tags (they are synchronised); each tag may
carry its name in other languages, which pages in those languages show.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from ..slugs import ascii_slug
from .site_settings import content_language_choices


class NewsTag(ClusterableModel, TagBase):
    """A free-form news tag with an ASCII slug ("tiêm chủng" → "tiem-chung")."""

    free_tagging = True

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        InlinePanel("translations", heading=_("In other languages"), label=_("Name")),
    ]

    class Meta:
        verbose_name = _("news tag")
        verbose_name_plural = _("news tags")

    def slugify(self, tag: str, i: int | None = None) -> str:
        slug = ascii_slug(tag, max_length=90) or "tag"
        return f"{slug}-{i}" if i is not None else slug

    def name_in(self, language_code: str) -> str:
        """The tag's name in ``language_code``, else its own name."""
        names = {row.language_code: row.name for row in self.translations.all()}
        return names.get(language_code) or self.name


class NewsTagTranslation(Orderable):
    """The name of a tag in another content language ("khoa giáo" → "science and education")."""

    tag = ParentalKey(NewsTag, on_delete=models.CASCADE, related_name="translations")
    language_code = models.CharField(
        _("language"), max_length=100, choices=content_language_choices
    )
    name = models.CharField(_("name"), max_length=100)

    panels = [FieldPanel("language_code"), FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("tag name in another language")
        constraints = [
            models.UniqueConstraint(
                fields=["tag", "language_code"], name="govnews_tag_name_one_per_language"
            )
        ]


@dataclass(frozen=True)
class LocalizedTag:
    """A tag as a page in one language shows it: that language's name, the shared slug."""

    name: str
    slug: str


class NewsPageTag(ItemBase):
    """Links a news article to one of its tags."""

    tag = models.ForeignKey(NewsTag, on_delete=models.CASCADE, related_name="tagged_items")
    content_object = ParentalKey(
        "wagtail_govnews.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


def tag_links_with_names() -> QuerySet[NewsPageTag]:
    """An article's tag links with their tags and the tags' names in other languages
    (for ``Prefetch("tagged_items", queryset=...)``: two queries for a whole list)."""
    return NewsPageTag.objects.select_related("tag").prefetch_related(
        Prefetch("tag__translations", queryset=NewsTagTranslation.objects.all())
    )
