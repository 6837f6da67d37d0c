"""Query parameters of the news list: a ninja ``FilterSchema`` whose filters narrow by a ``Q``."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import FilterSchema
from ninja.errors import HttpError
from pydantic import Field
from wagtail.models import Page

from wagtail_govnews.contrib.api.params import (
    MAX_INT,
    IsoDate,
    LanguageCode,
    PageSize,
    Text,
    locale_of,
)
from wagtail_govnews.models import NewsCategory, NewsPageQuerySet

#: A list cursor: the dateline in microseconds since 1970 (UTC) and the id, "1700000000000000_42".
CURSOR_PATTERN = r"^-?[0-9]{1,19}_[0-9]{1,10}$"

#: The paging parameters, read by :class:`.pagination.NewsPagination`, not filters.
PAGING = ("limit", "offset", "before")


def _not_a_filter(self: FilterSchema, value: object) -> Q:
    return Q()


class NewsFilters(FilterSchema):
    """Filters and paging of ``GET /news/``."""

    locale: LanguageCode | None = Field(None, description='Language code, e.g. "vi" or "en".')
    category: Text | None = Field(None, description="Category slug.")
    tag: Text | None = Field(None, description="Tag slug.")
    date_from: IsoDate | None = Field(None, description="First day included (YYYY-MM-DD).")
    date_to: IsoDate | None = Field(
        None, description="Last day included (YYYY-MM-DD); before `date_from`: an empty list."
    )
    search: Annotated[Text, Field(max_length=200)] | None = Field(
        None, description="Words to search for."
    )
    index: int | None = Field(
        None,
        ge=1,
        le=MAX_INT,
        description="Id of the news section (parent page); 404 when there is no such page.",
    )

    limit: PageSize | None = Field(
        None, description="Items per page (default 20); above the maximum (`API_MAX_LIMIT`), 400."
    )
    offset: int = Field(0, ge=0, le=MAX_INT, description="Items to skip.")
    before: str | None = Field(
        None,
        pattern=CURSOR_PATTERN,
        description=(
            "Cursor: only items older than it, newest first (keyset paging, as fast on page "
            "1,000 as on page 1). Use the `next_cursor` of the previous page."
        ),
    )

    # ninja calls filter_<field>(value) for every field, None included. Search ranks, so
    # filter() applies it last; paging is the paginator's.
    filter_search = filter_limit = filter_offset = filter_before = _not_a_filter

    def filter_locale(self, value: str | None) -> Q:
        if not value:
            return Q()
        locale = locale_of(value)
        return Q(locale=locale) if locale else Q(pk__in=[])  # a language without pages yet

    def filter_category(self, value: str | None) -> Q:
        if not value:
            return Q()
        same_category = NewsCategory.objects.filter(slug=value)
        return Q(categories__translation_key__in=same_category.values("translation_key"))

    def filter_tag(self, value: str | None) -> Q:
        return Q(tagged_items__tag__slug=value) if value else Q()

    def filter_date_from(self, value: date | None) -> Q:
        # The first and last representable days bound nothing (and would overflow in UTC).
        return Q(date__gte=_start_of(value)) if value and value > date.min else Q()

    def filter_date_to(self, value: date | None) -> Q:
        if not value or value == date.max:
            return Q()
        return Q(date__lt=_start_of(value) + timedelta(days=1))

    def filter_index(self, value: int | None) -> Q:
        if value is None:
            return Q()
        parent = Page.objects.filter(pk=value).first()
        if parent is None:
            raise HttpError(404, _("No news section with id %(id)d.") % {"id": value})
        return Page.objects.child_of_q(parent)

    def filter(self, queryset: NewsPageQuerySet) -> NewsPageQuerySet:
        """Narrow news by the filters (404 for an unknown section; reversed dates: nothing)."""
        news = super().filter(queryset)
        if self.category or self.tag:
            news = news.distinct()
        return news.matching(self.search) if self.search else news


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
