"""The API's URL patterns: HEAD wherever GET works, every error a problem document.

django-ninja dispatches only the methods an operation declares (a HEAD is a 405), answers
other methods with an HTML 405, and leaves unknown paths to the site's URLs (with
``i18n_patterns``: a redirect to ``/vi/api/…`` and an HTML 404). Here each pattern of the API
answers HEAD as GET without the body and 405 as a problem document with ``Allow``, and a last
pattern answers every other path under the API's mount with a 404 problem document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponseBase,
    HttpResponseNotAllowed,
    HttpResponsePermanentRedirect,
)
from django.urls import URLPattern, URLResolver, re_path, resolve
from django.urls.exceptions import Resolver404
from django.utils.translation import gettext as _

from wagtail_govnews.contrib.api.errors import problem

View = Callable[..., HttpResponseBase]

#: ninja's own pages (the OpenAPI document, the docs page): GET and HEAD only.
READ_ONLY_PAGES = frozenset({"openapi-json", "openapi-view"})
#: ninja's root pattern (the API's mount itself), kept for its name, answered as unknown.
ROOT = "api-root"
UNKNOWN = "unknown-path"


def api_patterns(patterns: Iterable[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    """``patterns`` with HEAD and problem 405s, ending with a 404 problem for any other path."""
    result: list[URLPattern | URLResolver] = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            view = unknown_path if pattern.name == ROOT else pattern.callback
            view = with_http_semantics(view, read_only=pattern.name in READ_ONLY_PAGES)
            pattern = URLPattern(pattern.pattern, view, pattern.default_args, pattern.name)
        result.append(pattern)
    result.append(re_path(r"^", with_http_semantics(unknown_path), name=UNKNOWN))
    return result


def with_http_semantics(view: View, *, read_only: bool = False) -> View:
    """``view`` answering HEAD as GET without the body, and 405 as a problem document."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        method = request.method
        if read_only and method not in ("GET", "HEAD"):
            return method_not_allowed(request, ["GET"])
        request.method = "GET" if method == "HEAD" else method
        try:
            response = view(request, *args, **kwargs)
        finally:
            request.method = method
        if isinstance(response, HttpResponseNotAllowed):
            response = method_not_allowed(request, response["Allow"].split(","))
        return without_body(response) if method == "HEAD" else response

    return wrapper


def method_not_allowed(request: HttpRequest, allowed: Iterable[str]) -> HttpResponseBase:
    """A 405 problem document whose ``Allow`` lists ``allowed`` (with HEAD beside GET)."""
    methods = {method.strip().upper() for method in allowed if method.strip()}
    if "GET" in methods:
        methods.add("HEAD")
    allow = ", ".join(sorted(methods))
    response = problem(
        405,
        _("The method %(method)s is not allowed here. Allowed: %(allowed)s.")
        % {"method": request.method, "allowed": allow},
    )
    response["Allow"] = allow
    return response


def unknown_path(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
    """404 problem document for a path under the API that no endpoint serves.

    As Django's ``APPEND_SLASH`` would, a GET of an endpoint's path without its final slash
    is redirected to it.
    """
    if _slash_appended_is_an_endpoint(request):
        return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
    return problem(404, _("No API endpoint at %(path)s.") % {"path": request.path})


def without_body(response: HttpResponseBase) -> HttpResponseBase:
    """``response`` without its body, its ``Content-Length`` still that of the body (HEAD)."""
    if not response.streaming:
        if response.content and not response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        response.content = b""
    return response


def _slash_appended_is_an_endpoint(request: HttpRequest) -> bool:
    if not settings.APPEND_SLASH or request.path_info.endswith("/"):
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    try:
        match = resolve(request.path_info + "/", getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return match.url_name not in (UNKNOWN, ROOT)
