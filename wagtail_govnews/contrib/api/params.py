"""Query parameters of the news list: strict parsing, clear 400s, and the filtered queryset."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import P, Path, Schema
from ninja.errors import HttpError
from pydantic import Field, field_validator
from wagtail.models import Locale, Page

from wagtail_govnews.conf import govnews_settings
from wagtail_govnews.models import NewsCategory, NewsPage, NewsPageQuerySet

#: Largest page id or offset accepted: Wagtail page ids are 32-bit integers in every database.
MAX_INT = 2**31 - 1

#: A list cursor: the dateline in microseconds since 1970 (UTC) and the id, "1700000000000000_42".
CURSOR_PATTERN = r"^-?[0-9]{1,19}_[0-9]{1,10}$"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)

PageId = Path[int, P(ge=1, le=MAX_INT, description="Id of a published article.")]


def _refuse_nul(value: str | None) -> str | None:
    """Refuse NUL characters, which no database text column can hold."""
    if value and "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


class NewsFilters(Schema):
    """Filters and paging of ``GET /news/``."""

    locale: str | None = Field(None, description='Language code, e.g. "vi" or "en".')
    category: str | None = Field(None, description="Category slug.")
    tag: str | None = Field(None, description="Tag slug.")
    date_from: date | None = Field(None, description="First day included (YYYY-MM-DD).")
    date_to: date | None = Field(None, description="Last day included (YYYY-MM-DD).")
    search: str | None = Field(None, max_length=200, description="Words to search for.")
    index: int | None = Field(
        None, ge=1, le=MAX_INT, description="Id of the news section (parent page)."
    )
    limit: int | None = Field(None, ge=1, description="Items per page (default 20).")
    offset: int = Field(0, ge=0, le=MAX_INT, description="Items to skip.")
    before: str | None = Field(
        None,
        pattern=CURSOR_PATTERN,
        description=(
            "Cursor: only items older than it, newest first (keyset paging, as fast on page "
            "1,000 as on page 1). Use the `next_cursor` of the previous page."
        ),
    )

    _no_nul = field_validator("locale", "category", "tag", "search")(_refuse_nul)


class MostReadParams(Schema):
    """Parameters of ``GET /news/most-read/``."""

    locale: str | None = Field(None, description='Language code, e.g. "vi" or "en".')
    days: int | None = Field(
        None, ge=1, le=366, description="Days counted back from today (default 7)."
    )
    limit: int | None = Field(None, ge=1, le=50, description="Items (default 5).")

    _no_nul = field_validator("locale")(_refuse_nul)


def reject_unknown_params(request: HttpRequest, allowed: set[str]) -> None:
    """Answer 400 when the query string has a parameter the endpoint does not know."""
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        raise HttpError(
            400,
            _("Unknown query parameter(s): %(unknown)s. Allowed: %(allowed)s.")
            % {"unknown": ", ".join(unknown), "allowed": ", ".join(sorted(allowed))},
        )


def page_limit(filters: NewsFilters) -> int:
    """The requested page size, or 400 above ``API_MAX_LIMIT``."""
    limit = filters.limit or govnews_settings.API_DEFAULT_LIMIT
    maximum = govnews_settings.API_MAX_LIMIT
    if limit > maximum:
        raise HttpError(
            400,
            _("limit must be at most %(maximum)d (got %(limit)d).")
            % {"maximum": maximum, "limit": limit},
        )
    return limit


def apply_filters(news: NewsPageQuerySet, filters: NewsFilters) -> NewsPageQuerySet:
    """Narrow published news by the request's filters (search last, as it ranks)."""
    if filters.locale:
        locale = Locale.objects.filter(language_code=filters.locale).first()
        if locale is None:
            raise HttpError(400, _("Unknown locale: %(locale)s.") % {"locale": filters.locale})
        news = news.filter(locale=locale)
    if filters.index is not None:
        parent = Page.objects.filter(pk=filters.index).first()
        if parent is None:
            raise HttpError(400, _("No news section with id %(id)d.") % {"id": filters.index})
        news = news.child_of(parent)
    if filters.category:
        same_category = NewsCategory.objects.filter(slug=filters.category)
        news = news.filter(categories__translation_key__in=same_category.values("translation_key"))
    if filters.tag:
        news = news.filter(tagged_items__tag__slug=filters.tag)
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise HttpError(400, _("date_from must not be after date_to."))
    # The first and last representable days bound nothing (and would overflow in UTC).
    if filters.date_from and filters.date_from > date.min:
        news = news.filter(date__gte=_start_of(filters.date_from))
    if filters.date_to and filters.date_to < date.max:
        news = news.filter(date__lt=_start_of(filters.date_to) + timedelta(days=1))
    return news.distinct() if filters.category or filters.tag else news


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def cursor_of(page: NewsPage) -> str:
    """The ``before`` cursor that continues a list after ``page``."""
    return f"{(page.display_date - _EPOCH) // _MICROSECOND}_{page.pk}"


def apply_cursor(news: NewsPageQuerySet, cursor: str) -> NewsPageQuerySet:
    """Only the articles after ``cursor`` in newest-first order (keyset paging on date, id)."""
    micros, pk = (int(part) for part in cursor.rsplit("_", 1))
    try:
        when = _EPOCH + micros * _MICROSECOND
    except OverflowError as error:
        raise HttpError(400, _("Invalid cursor: %(cursor)s.") % {"cursor": cursor}) from error
    # "date <= when" is an index range (an OR of both cases is a filter over every row
    # before it); the exclusion only looks at the articles sharing the cursor's dateline.
    return news.filter(date__lte=when).exclude(date=when, pk__gte=pk)
