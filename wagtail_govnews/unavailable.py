"""``503 Service Unavailable`` with ``Retry-After`` while the database cannot be reached.

Without it, a database restart answers every request with a ``500`` (an error page, or
Django's traceback page under ``DEBUG``). Add the middleware near the top of ``MIDDLEWARE``::

    "wagtail_govnews.unavailable.DatabaseUnavailableMiddleware",

API requests get an ``application/problem+json`` document, pages a short HTML page. Nothing
is cached. Django reconnects by itself once the database is back (set
``CONN_HEALTH_CHECKS = True`` with persistent connections), so no worker needs a restart.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

#: Seconds a client is asked to wait before trying again.
RETRY_AFTER = 10


class DatabaseUnavailableMiddleware:
    """Turn "cannot reach the database" errors into a ``503`` with ``Retry-After``."""

    retry_after = RETRY_AFTER

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable, answering 503: %s", exception)
        detail = _("The site's database is unavailable for a moment. Please try again shortly.")
        if _wants_json(request):
            response = HttpResponse(
                json.dumps(
                    {"type": "about:blank", "title": "Service Unavailable", "status": 503,
                     "detail": detail},
                    ensure_ascii=False,
                ),
                status=503,
                content_type="application/problem+json",
            )  # fmt: skip
        else:
            response = HttpResponse(_html_page(detail), status=503)
        response["Retry-After"] = str(self.retry_after)
        response["Cache-Control"] = "no-store"
        return response


def _wants_json(request: HttpRequest) -> bool:
    return "/api/" in request.path or "json" in request.headers.get("Accept", "")


def _html_page(detail: str) -> str:
    title = escape(_("Service unavailable"))
    return (
        f'<!DOCTYPE html><html lang="{escape(get_language() or "en")}"><head><meta charset="utf-8">'
        f"<title>{title}</title></head>"
        f"<body><h1>{title}</h1><p>{escape(detail)}</p></body></html>"
    )
