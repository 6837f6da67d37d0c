"""Queries for news articles, on top of the one visibility rule."""

from __future__ import annotations

from django.db import connections
from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.models import PageManager, PageQuerySet

from ..search_text import query_words, search_vector
from .visibility import visible_to_public


class NewsPageQuerySet(PageQuerySet):
    """Queries for news articles."""

    def published(self) -> NewsPageQuerySet:
        """Articles anonymous readers may see (:func:`.visibility.visible_to_public`)."""
        return visible_to_public(self)

    def matching(self, query: str) -> NewsPageQuerySet:
        """Articles holding every word of ``query``, with or without diacritics.

        A filter like any other: every match is counted, in this queryset's order. Only the
        words of ``query`` are searched (punctuation and NUL are dropped). On PostgreSQL the
        words are found through the full-text index of ``search_folded``
        (:mod:`wagtail_govnews.search_text`), elsewhere by a ``LIKE`` per word.
        """
        words = query_words(query)
        if not words:
            return self
        if connections[self.db].vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery

            return self.alias(search_document=search_vector()).filter(
                search_document=SearchQuery(" ".join(words), config="simple")
            )
        matches = self
        for word in words:
            matches = matches.filter(search_folded__contains=f" {word} ")
        return matches

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
