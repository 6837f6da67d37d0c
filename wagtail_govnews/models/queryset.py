"""Queries for news articles, on top of the one visibility rule."""

from __future__ import annotations

import re

from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.models import PageManager, PageQuerySet

from ..slugs import fold_diacritics
from .visibility import visible_to_public


class NewsPageQuerySet(PageQuerySet):
    """Queries for news articles."""

    def published(self) -> NewsPageQuerySet:
        """Articles anonymous readers may see (:func:`.visibility.visible_to_public`)."""
        return visible_to_public(self)

    def matching(self, query: str, limit: int = 1000) -> NewsPageQuerySet:
        """Articles matching ``query`` with or without diacritics, at most ``limit`` of them.

        Searches the folded ``search_text`` of live articles (search backends cannot apply
        every ORM filter), then narrows this queryset to the hits. Only the words of ``query``
        are searched: punctuation such as a lone ``"`` is query syntax to SQLite's FTS5 (an
        error there) and NUL cannot be sent to PostgreSQL.
        """
        folded = " ".join(re.findall(r"\w+", fold_diacritics(query)))
        if not folded:
            return self
        hits = self.model.objects.live().search(folded, order_by_relevance=False)[:limit]
        return self.filter(pk__in=[page.pk for page in hits])

    def newest_first(self) -> NewsPageQuerySet:
        """Order by dateline, newest first."""
        return self.order_by("-date", "-pk")

    def for_listing(self) -> NewsPageQuerySet:
        """Load what a news list shows (hero image and its renditions, categories) up front."""
        image_model = get_image_model()
        renditions = image_model.get_rendition_model().objects.all()
        return self.select_related("hero_image", "locale").prefetch_related(
            Prefetch("hero_image__renditions", queryset=renditions),
            "categories",
        )


NewsPageManager = PageManager.from_queryset(NewsPageQuerySet)
