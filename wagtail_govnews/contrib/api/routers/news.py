"""``/news/``: list, detail, find by path, and QR images of published articles."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
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
    ViewTokenParam,
    locale_of,
    reject_unknown_params,
)
from wagtail_govnews.contrib.api.schemas import (
    MostReadList,
    NewsDetail,
    NewsList,
    Problem,
    ViewToken,
)
from wagtail_govnews.contrib.api.serializers import detail, news_queryset
from wagtail_govnews.models import NewsPage, NewsPageQuerySet, most_read, views_state
from wagtail_govnews.qr import QR_CONTENT_TYPES, QRCodeError, article_qr_file
from wagtail_govnews.view_tokens import check_view_token, make_view_token, token_epoch
from wagtail_govnews.viewcount import ViewOutcome, count_view, is_allowed_beacon_origin

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
    return filters.filter(news_queryset().without_text())


@router.get("/find/", response={200: NewsDetail, **ERRORS}, url_name="news_find")
@decorate_view(http_cached(extra_state=token_epoch))
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
    return {
        "days": days,
        "items": most_read(locale, days, params.limit, queryset=news_queryset().without_text()),
    }


@router.get("/{page_id}/", response={200: NewsDetail, **ERRORS}, url_name="news_detail")
@decorate_view(http_cached(extra_state=token_epoch))
def get_news(request: HttpRequest, page_id: PageId) -> dict:
    """One published article, fully resolved."""
    reject_unknown_params(request, set())
    return detail(request, _published(page_id, full=True))


@router.get("/{page_id}/views/", response={200: ViewToken, **ERRORS}, url_name="news_views")
@decorate_view(never_cache)
def new_view_token(request: HttpRequest, page_id: PageId) -> dict:
    """A fresh view token for the beacon, for pages built before it was needed (static
    builds); server-rendered frontends use the detail's ``view_token``. Never cached."""
    reject_unknown_params(request, set())
    page = _published(page_id)
    return {"token": make_view_token(page.pk), "max_age": govnews_settings.VIEW_TOKEN_MAX_AGE}


@router.post(
    "/{page_id}/views/",
    response={202: None, **ERRORS, 403: Problem, 429: Problem},
    url_name="news_views_beacon",
)
def count_news_view(request: HttpRequest, page_id: PageId, token: ViewTokenParam) -> Status[None]:
    """Count a reader's view of an article shown by a headless frontend (a page beacon).

    Needs a view token of the article (``view_token`` of the detail, or ``GET`` this URL)
    and a page of this site or of a listed frontend (``VIEW_BEACON_ORIGINS``): else 403.
    Counted like a page view: robots, prefetches and previews are not, nor a client's
    repeated views of one article; a client sending too many beacons gets 429. Answers 202
    otherwise, with no body, and is never cached.
    """
    reject_unknown_params(request, {"token"})
    page = _published(page_id)
    if not check_view_token(page.pk, token):
        raise HttpError(403, _("The view token is invalid or expired; fetch a new one."))
    if not is_allowed_beacon_origin(request):
        raise HttpError(403, _("Views are counted only from this site's own pages."))
    if count_view(request, page.pk, method="POST") is ViewOutcome.RATE_LIMITED:
        raise HttpError(429, _("Too many views from this client; try again in a minute."))
    return Status(202, None)


def _qr_view(fmt: str):
    @decorate_view(http_cached(lambda: govnews_settings.API_QR_CACHE_CONTROL))
    def view(request: HttpRequest, page_id: PageId) -> HttpResponse:
        reject_unknown_params(request, set())
        page = _published(page_id)
        try:
            body = article_qr_file(page.get_full_url(request), page.title, fmt)
            return HttpResponse(body, content_type=QR_CONTENT_TYPES[fmt])
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


def _published(page_id: int, *, full: bool = False) -> NewsPage:
    """The published article ``page_id`` (404 otherwise): with what the detail shows loaded
    when ``full``, else only its page fields (a QR code or view token needs its URL)."""
    news = news_queryset() if full else NewsPage.objects.published().without_text()
    # Scoped to this article: no other publish changes what its id shows.
    page = news.shown_as().filter(pk=page_id).first()
    if page is None:
        raise HttpError(404, _("No published article with id %(id)d.") % {"id": page_id})
    return page
