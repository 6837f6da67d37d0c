"""``/news/``: list, detail, find by path, and QR images of published articles."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from wagtail_govnews.conf import govnews_settings
from wagtail_govnews.contrib.api.caching import http_cached
from wagtail_govnews.contrib.api.filters import NewsFilters
from wagtail_govnews.contrib.api.find import page_at
from wagtail_govnews.contrib.api.pagination import NewsPagination
from wagtail_govnews.contrib.api.params import (
    MostReadParams,
    PageId,
    locale_of,
    reject_unknown_params,
)
from wagtail_govnews.contrib.api.schemas import MostReadList, NewsDetail, NewsList, Problem
from wagtail_govnews.contrib.api.serializers import LIST_DEFERRED, detail, news_queryset
from wagtail_govnews.models import NewsPage, NewsPageQuerySet, most_read, views_state
from wagtail_govnews.qr import QRCodeError, cached_qr_png, cached_qr_svg
from wagtail_govnews.viewcount import count_view

router = Router(tags=["news"])
ERRORS = {400: Problem, 404: Problem}
LIST_PARAMS = set(NewsFilters.model_fields)


@router.get("/", response={200: NewsList, **ERRORS}, url_name="news_list")
@decorate_view(http_cached())
@paginate(NewsPagination, pass_parameter="filters")
def list_news(request: HttpRequest, **kwargs: Any) -> NewsPageQuerySet:
    """Published articles, newest first, filtered and paged."""
    reject_unknown_params(request, LIST_PARAMS)
    filters: NewsFilters = kwargs["filters"]  # the paginator's input (it has the paging too)
    return filters.filter(news_queryset().defer(*LIST_DEFERRED))


@router.get("/find/", response={200: NewsDetail, **ERRORS}, url_name="news_find")
@decorate_view(http_cached())
def find_news(request: HttpRequest, path: str) -> dict:
    """The article at a public path such as ``/vi/tin-tuc/slug/`` (or a full URL)."""
    reject_unknown_params(request, {"path"})
    return detail(request, page_at(request, path))


@router.get("/most-read/", response={200: MostReadList, **ERRORS}, url_name="news_most_read")
@decorate_view(http_cached(extra_state=views_state))
def most_read_news(request: HttpRequest, params: Query[MostReadParams]) -> dict:
    """Published articles most read over the last ``days`` days (robots excluded)."""
    reject_unknown_params(request, set(MostReadParams.model_fields))
    days = params.days or govnews_settings.MOST_READ_DAYS
    locale = locale_of(params.locale) if params.locale else None
    if params.locale and locale is None:  # a language of the site without pages yet
        return {"days": days, "items": []}
    return {"days": days, "items": most_read(locale, days, params.limit, queryset=news_queryset())}


@router.get("/{page_id}/", response={200: NewsDetail, **ERRORS}, url_name="news_detail")
@decorate_view(http_cached())
def get_news(request: HttpRequest, page_id: PageId) -> dict:
    """One published article, fully resolved."""
    reject_unknown_params(request, set())
    return detail(request, _published(page_id))


@router.post("/{page_id}/views/", response={202: None, **ERRORS}, url_name="news_views")
def count_news_view(request: HttpRequest, page_id: PageId) -> Status[None]:
    """Count a reader's view of an article shown by a headless frontend (a page beacon).

    Counted like a page view (robots, prefetches and previews are not); answers 202 either
    way, with no body, and is never cached.
    """
    reject_unknown_params(request, set())
    count_view(request, _published(page_id).pk, method="POST")
    return Status(202, None)


def _qr_view(fmt: str):
    @decorate_view(http_cached(lambda: govnews_settings.API_QR_CACHE_CONTROL))
    def view(request: HttpRequest, page_id: PageId) -> HttpResponse:
        reject_unknown_params(request, set())
        page = _published(page_id)
        url = page.get_full_url(request)
        try:
            if fmt == "svg":
                title = _("QR CODE: %(title)s") % {"title": page.title}
                return HttpResponse(cached_qr_svg(url, title=title), content_type="image/svg+xml")
            return HttpResponse(cached_qr_png(url), content_type="image/png")
        except QRCodeError as error:
            raise HttpError(422, str(error)) from error

    view.__name__ = f"news_qr_{fmt}"
    view.__doc__ = f"QR code ({fmt.upper()}) of the article's absolute public URL."
    return view


for _fmt in ("svg", "png"):
    router.get(
        f"/{{page_id}}/qr.{_fmt}",
        response={200: None, **ERRORS, 422: Problem},
        url_name=f"news_qr_{_fmt}",
        openapi_extra={
            "responses": {
                200: {
                    "description": "The QR code image.",
                    "content": {"image/svg+xml" if _fmt == "svg" else "image/png": {}},
                }
            }
        },
    )(_qr_view(_fmt))


def _published(page_id: int) -> NewsPage:
    page = news_queryset().filter(pk=page_id).first()
    if page is None:
        raise HttpError(404, _("No published article with id %(id)d.") % {"id": page_id})
    return page
