"""Wagtail's own read APIs as the portal mounts them: pages only, and two known 500s guarded.

A portal's frontends need pages. Wagtail's images endpoints (v2 and v3) also hand out the
``download_url`` of every original upload, its documents endpoints every document, and v3's
redirects endpoint lists old paths: none of them is mounted here.

Wagtail (7.4 and 8.0) answers ``500`` to an ``offset`` of 2^63 or more (the database cannot
hold it), to a NUL character in a query (``search``: no database text can hold it) and, in
v2, to a ``search_operator`` other than ``and``/``or``. The guard below answers ``400`` first,
in each API's own error format. See docs/reference/security.md.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.utils.urlpatterns import decorate_urlpatterns

#: Offsets the databases can hold: a signed 64-bit integer.
MAX_OFFSET = 2**63 - 1
SEARCH_OPERATORS = ("and", "or")

View = Callable[..., HttpResponse]


def query_problem(request: HttpRequest) -> str | None:
    """What in the query string would make Wagtail's API fail with a 500, or ``None``."""
    for name, values in request.GET.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            return "Query parameters must not contain NUL characters."
    offset = request.GET.get("offset", "")
    try:
        too_far = int(offset) > MAX_OFFSET
    except ValueError:  # not a number: Wagtail answers that itself
        too_far = False
    if too_far:
        return f"offset must be at most {MAX_OFFSET}."
    operator = request.GET.get("search_operator")
    if operator is not None and operator not in SEARCH_OPERATORS:
        return "search_operator must be 'and' or 'or'."
    return None


def v2_error(message: str) -> HttpResponse:
    """A 400 in the format of Wagtail's API v2 (``{"message": …}``)."""
    return JsonResponse({"message": message}, status=400)


def v3_error(message: str) -> HttpResponse:
    """A 400 in the format of Wagtail's API v3 (an RFC 9457 problem document)."""
    body = {"type": "about:blank", "title": "Bad Request", "status": 400, "detail": message}
    return JsonResponse(body, status=400, content_type="application/problem+json")


def guarded(error: Callable[[str], HttpResponse]) -> Callable[[View], View]:
    """A view decorator answering ``error(message)`` to a query :func:`query_problem` refuses."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            problem = query_problem(request)
            return error(problem) if problem else view(request, *args, **kwargs)

        return wrapper

    return decorator


def wagtail_api_v2_urls() -> tuple[list, str, str]:
    """Wagtail's API v2 with the pages endpoint only, guarded (``include``-able)."""
    router = WagtailAPIRouter("wagtailapi")
    router.register_endpoint("pages", PagesAPIViewSet)
    patterns, app_name, namespace = router.urls
    return decorate_urlpatterns(patterns, guarded(v2_error)), app_name, namespace


def wagtail_api_v3_urls() -> tuple[list, str, str]:
    """Wagtail 8's API v3 with the pages router only, guarded (``include``-able).

    Wagtail's own ``wagtail.api.v3.urls.api`` also carries images, documents, snippets,
    redirects, sites and locales; this API has the same pages router and error format.
    """
    from ninja import NinjaAPI
    from wagtail.api.v3.errors import register_exception_handlers
    from wagtail.api.v3.routers.pages import router as pages_router

    api = NinjaAPI(
        title="Wagtail API (pages)",
        version="3.0.0",
        urls_namespace="wagtailapi_v3",  # the pages router links to its pages by this name
        openapi_url="/openapi.json",
        docs_url="/docs/",
    )
    register_exception_handlers(api)
    api.add_router("/pages/", pages_router)
    patterns, app_name, namespace = api.urls
    return decorate_urlpatterns(patterns, guarded(v3_error)), app_name, namespace
