"""Snippets: news categories, translatable with wagtail-localize."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from ..slugs import ascii_slug


class NewsCategory(TranslatableMixin, index.Indexed, models.Model):
    """A topic news articles are filed under, e.g. "Giáo dục" or "Y tế"."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        blank=True,
        help_text=_("Used in addresses such as ?category=giao-duc. Filled in from the name."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    # Each language has its own row (same translation_key) with its own name and slug
    # (?category=education on /en/). See docs/concepts/translation.md.
    translatable_fields = [TranslatableField("name"), TranslatableField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="govnews_category_slug_locale")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = ascii_slug(self.name)
        super().save(*args, **kwargs)


def localize_categories(pages: Iterable[Any]) -> dict[int, list[NewsCategory]]:
    """Each page's categories in its own locale, in one query for all ``pages``.

    wagtail-localize copies the categories of a translated article unchanged, so they point at
    the source language's categories; a category's translation shares its ``translation_key``.
    Also fills each page's ``categories_in_own_locale`` (a cached property), so a list of
    articles costs one query, not one per article.
    """
    pages = list(pages)
    categories = {page.pk: list(page.categories.all()) for page in pages}
    wanted = {
        (category.translation_key, page.locale_id)
        for page in pages
        for category in categories[page.pk]
        if category.locale_id != page.locale_id
    }
    translated = {}
    if wanted:
        candidates = NewsCategory.objects.filter(
            translation_key__in={key for key, _ in wanted},
            locale_id__in={locale for _, locale in wanted},
        )
        translated = {(c.translation_key, c.locale_id): c for c in candidates}
    localized = {}
    for page in pages:
        localized[page.pk] = [
            translated.get((category.translation_key, page.locale_id), category)
            for category in categories[page.pk]
        ]
        page.__dict__["categories_in_own_locale"] = localized[page.pk]  # primes the property
    return localized
