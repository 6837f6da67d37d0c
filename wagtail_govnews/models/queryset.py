"""Queries for news articles, on top of the one visibility rule."""

from __future__ import annotations

from django.db import connections
from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.models import PageManager, PageQuerySet

from .. import cache_tags
from ..search_text import query_words, search_vector
from .visibility import visible_to_public


class NewsPageQuerySet(PageQuerySet):
    """Queries for news articles.

    Run while a response is built for the cache, a query notes what it read
    (:mod:`wagtail_govnews.cache_tags`): the articles found and the tags of its scope when
    :meth:`shown_as` scoped it, else ``news`` (it may change with any publish), and the
    earliest ``expire_at`` of the articles found (the response must not outlive it).
    """

    _cache_scope: frozenset[str] | None = None

    def shown_as(self, *tags: str) -> NewsPageQuerySet:
        """This query, depending for the response cache only on ``tags`` and the articles it
        finds: for queries whose result no other publish can change (one article, a box
        of one section's articles with the section's tag)."""
        clone = self._chain()
        clone._cache_scope = frozenset(tags)
        return clone

    def _clone(self) -> NewsPageQuerySet:
        clone = super()._clone()
        clone._cache_scope = self._cache_scope
        return clone

    def _fetch_all(self) -> None:
        fetching = self._result_cache is None
        super()._fetch_all()
        if fetching and cache_tags.collecting_now():
            keys = [getattr(row, "translation_key", None) for row in self._result_cache]
            scope = None if None in keys else self._cache_scope
            cache_tags.note_query(scope, keys)
            for row in self._result_cache:
                cache_tags.note_expiry(getattr(row, "expire_at", None))

    def count(self) -> int:
        cache_tags.note_query(self._cache_scope or None)  # no scope: any publish may change it
        return super().count()

    def exists(self) -> bool:
        cache_tags.note_query(self._cache_scope or None)
        return super().exists()

    def aggregate(self, *args, **kwargs) -> dict:
        cache_tags.note_query(None)
        return super().aggregate(*args, **kwargs)

    def iterator(self, *args, **kwargs):
        cache_tags.note_query(None)
        return super().iterator(*args, **kwargs)

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

    def without_text(self) -> NewsPageQuerySet:
        """Leave out the body and its folded search text, the largest columns, which no list,
        box or teaser shows (read on access, one query per article)."""
        return self.defer("body", "search_folded")

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
