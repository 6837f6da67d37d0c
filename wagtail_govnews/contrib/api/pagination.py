"""Paging of the news list with ninja's pagination: by offset, or by keyset cursor (``before``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.pagination import PaginationBase

from wagtail_govnews.conf import govnews_settings
from wagtail_govnews.contrib.api.filters import PAGING, NewsFilters
from wagtail_govnews.models import NewsPage, NewsPageQuerySet
from wagtail_govnews.response_cache import cached_value

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


class NewsPagination(PaginationBase):
    """Newest-first pages of articles, with a count, links and the next keyset cursor.

    The envelope is the operation's declared ``NewsList`` (``Output`` is unset, so ninja keeps
    it); its ``items`` are the pages' articles, serialized by the schema.
    """

    #: The list's filters carry the paging parameters: one query model, one set of parameters.
    Input = NewsFilters

    Output = None  # type: ignore[assignment]

    def paginate_queryset(
        self,
        queryset: NewsPageQuerySet,
        pagination: NewsFilters,
        request: HttpRequest,
        **params: Any,
    ) -> dict[str, Any]:
        """The page of ``queryset`` asked for, in the ``NewsList`` envelope."""
        limit, offset, before = _limit(pagination.limit), pagination.offset, pagination.before
        criteria = repr(sorted(pagination.model_dump(exclude=set(PAGING)).items()))
        count = cached_value(request, "count", criteria, queryset.count)
        news = queryset if before is None else _after(queryset, before)
        # One item more than shown tells whether there is a next page, whatever the paging.
        items = list(news.newest_first()[offset : offset + limit + 1])
        has_next, items = len(items) > limit, items[:limit]
        next_cursor = cursor_of(items[-1]) if has_next else None
        if before is not None:
            links = (_link(request, limit, before=next_cursor) if has_next else None, None)
        else:
            links = (
                _link(request, limit, offset=offset + limit) if has_next else None,
                _link(request, limit, offset=max(offset - limit, 0)) if offset else None,
            )
        return {
            "count": count,
            "limit": limit,
            "offset": offset,
            "next": links[0],
            "previous": links[1],  # keyset pages only go forward
            "next_cursor": next_cursor,
            "items": items,
        }


def _limit(requested: int | None) -> int:
    """The requested page size, or 400 above ``API_MAX_LIMIT``."""
    limit = requested or govnews_settings.API_DEFAULT_LIMIT
    maximum = govnews_settings.API_MAX_LIMIT
    if limit > maximum:
        raise HttpError(
            400,
            _("limit must be at most %(maximum)d (got %(limit)d).")
            % {"maximum": maximum, "limit": limit},
        )
    return limit


def cursor_of(page: NewsPage) -> str:
    """The ``before`` cursor that continues a list after ``page``."""
    return f"{(page.display_date - _EPOCH) // _MICROSECOND}_{page.pk}"


def _after(news: NewsPageQuerySet, cursor: str) -> NewsPageQuerySet:
    """Only the articles after ``cursor`` in newest-first order (keyset paging on date, id)."""
    micros, pk = (int(part) for part in cursor.rsplit("_", 1))
    try:
        when = _EPOCH + micros * _MICROSECOND
    except OverflowError:
        # Beyond the years 1 to 9999: everything is older than a far future, nothing than a past.
        return news if micros > 0 else news.none()
    # "date <= when" is an index range (an OR of both cases is a filter over every row
    # before it); the exclusion only looks at the articles sharing the cursor's dateline.
    return news.filter(date__lte=when).exclude(date=when, pk__gte=pk)


def _link(
    request: HttpRequest, limit: int, *, offset: int | None = None, before: str | None = None
) -> str:
    query = request.GET.copy()
    query["limit"] = str(limit)
    if before is not None:
        query["before"] = before
        query.pop("offset", None)
    else:
        query["offset"] = str(offset)
    return request.build_absolute_uri("?" + urlencode(sorted(query.items())))
