"""The "other news" box of an article: the editors' picks, else its section's newest."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.apps import apps
from django.utils.functional import cached_property
from wagtail.models import Page

from .. import cache_tags
from ..conf import govnews_settings

if TYPE_CHECKING:
    from .queryset import NewsPageQuerySet


class OtherNewsMixin:
    """What an article's "other news" box lists, and which changes alter the boxes."""

    def other_news(
        self,
        limit: int | None = None,
        queryset: NewsPageQuerySet | None = None,
        newest: Callable[[int], list[Page]] | None = None,
    ) -> list[Page]:
        """The "other news" box: live curated picks if any, else the latest of this section
        (``queryset``: what is loaded with each article, e.g. prefetches; ``newest``: gives
        :meth:`newest_of_section` for a count, e.g. from a cache shared by the section)."""
        if limit is None and queryset is None and newest is None:
            return self.other_news_box
        limit = limit or govnews_settings.OTHER_NEWS_COUNT
        curated = self.curated_other_news(limit, queryset)
        if curated:
            return curated
        newest = newest or (lambda count: self.newest_of_section(count, queryset))
        return [page for page in newest(limit + 1) if page.pk != self.pk][:limit]

    def curated_other_news(
        self, limit: int, queryset: NewsPageQuerySet | None = None
    ) -> list[Page]:
        """The live articles editors picked as related news, in this article's language."""
        if not self.pk:
            return []
        # Iterate the relation (not values_list) so previews of unsaved picks work too.
        picked_ids = [link.news_id for link in self.related_news.all()][:limit]
        if not picked_ids:
            return []
        # Translations keep the source's picks: show each pick's version in this language.
        key_of = dict(Page.objects.filter(pk__in=picked_ids).values_list("pk", "translation_key"))
        keys = [str(key_of[pk]) for pk in picked_ids if pk in key_of]
        picks = _teasers(queryset).shown_as(*(cache_tags.article_tag(key) for key in keys))
        versions = picks.filter(translation_key__in=keys, locale_id=self.locale_id)
        by_key = {str(page.translation_key): page for page in versions}
        return [by_key[key] for key in keys if key in by_key]

    def newest_of_section(self, count: int, queryset: NewsPageQuerySet | None = None) -> list[Page]:
        """The ``count`` newest live articles of this article's section (itself included if
        among them): the default "other news" box of every article of the section."""
        if not self.path or self.depth is None:
            return []
        parent_path = self.path[: -self.steplen]
        # The default box lists the newest of the section: it changes only when an article
        # dated among them changes (``is_among_newest_of_section``) or a shown one does.
        scope = (
            cache_tags.newest_tag(parent_path)
            if count <= govnews_settings.OTHER_NEWS_COUNT + 1
            else cache_tags.section_tag(parent_path)
        )
        section = _teasers(queryset).shown_as(scope).sibling_of(self, inclusive=True)
        return list(section.newest_first()[:count])

    def is_among_newest_of_section(self) -> bool:
        """Whether this article's dateline places it among the newest of its section, which
        the other articles' default "other news" boxes list (whether or not it is live)."""
        count = govnews_settings.OTHER_NEWS_COUNT + 1
        siblings = _news_page().objects.published().sibling_of(self, inclusive=False)
        newest = list(siblings.newest_first().values_list("date", "pk")[:count])
        if len(newest) < count or self.date is None or newest[-1][0] is None:
            return True  # undated articles sort apart: count them as among the newest
        return (self.date, self.pk) >= newest[-1]

    @cached_property
    def other_news_box(self) -> list[Page]:
        """The default "other news" box, computed once per page (template and response cache)."""
        return self.other_news(govnews_settings.OTHER_NEWS_COUNT, None)


def _news_page() -> type[Page]:
    return apps.get_model("wagtail_govnews", "NewsPage")  # no import of news_page: no cycle


def _teasers(queryset: NewsPageQuerySet | None) -> NewsPageQuerySet:
    """Published articles loaded as teasers (``queryset``: a caller's own loading)."""
    base = _news_page().objects.without_text().for_listing() if queryset is None else queryset
    return base.published()
