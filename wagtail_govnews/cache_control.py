"""``Cache-Control`` of pages: public for anonymous readers, ``private, no-store`` otherwise.

Add it above the session, CSRF and authentication middleware in ``MIDDLEWARE`` (it must
see the cookies they set)::

    "wagtail_govnews.cache_control.PageCacheControlMiddleware",

A response that already has a ``Cache-Control`` header (the API, QR codes, the favicon,
views marked ``never_cache``) keeps it. Otherwise:

- a request with a user, a session, flash messages or a preview gets ``private, no-store``,
  whatever it answers: a CDN never stores an editor's page or a draft;
- an HTML ``200`` to an anonymous ``GET`` that sets no cookie gets ``PAGE_CACHE_CONTROL``
  (short for browsers, longer for shared caches, which Wagtail's frontend cache app purges
  when a page is published). A page holding a CSRF token is not one: Django sets the CSRF
  cookie on every response that uses the token;
- any other HTML response (errors, redirects, forms with a CSRF token) gets
  ``private, no-store``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .conf import govnews_settings
from .response_cache import MESSAGES_COOKIE

#: What no shared cache may store.
PRIVATE = "private, no-store"


class PageCacheControlMiddleware:
    """Set ``Cache-Control`` on pages that have none."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if personal_request(request):
            response["Cache-Control"] = PRIVATE
        elif _is_html(response):
            if _shareable(request, response):
                if govnews_settings.PAGE_CACHE_CONTROL:
                    response["Cache-Control"] = govnews_settings.PAGE_CACHE_CONTROL
            else:
                response["Cache-Control"] = PRIVATE
        return response


def personal_request(request: HttpRequest) -> bool:
    """Whether ``request`` comes from someone a response may be personal to: a signed-in
    user, a session (it may hold a page password), flash messages or a preview."""
    user = getattr(request, "user", None)
    return bool(
        (user is not None and user.is_authenticated)
        or getattr(request, "is_preview", False)
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or MESSAGES_COOKIE in request.COOKIES
    )


def _is_html(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


def _shareable(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether every anonymous reader gets the same ``response``.

    Wagtail's pages carry ``Vary: Cookie`` (the session was looked at); for a request without
    session or user that only keeps apart visitors who send cookies, as it should.
    """
    return (
        request.method in ("GET", "HEAD") and response.status_code == 200 and not response.cookies
    )
