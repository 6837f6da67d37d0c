"""Errors of the headless API as JSON problem documents (RFC 9457) with a 4xx status."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError


def problem(status: int, detail: str, errors: list[dict] | None = None) -> JsonResponse:
    """A problem document response."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    response = JsonResponse(
        body,
        status=status,
        content_type="application/problem+json",
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "no-store"
    return response


def _validation_errors(exc: ValidationError) -> list[dict]:
    return [
        {"loc": [str(part) for part in error.get("loc", ())], "msg": str(error.get("msg", ""))}
        for error in exc.errors
    ]


def register_error_handlers(api: NinjaAPI) -> None:
    """Answer every error of ``api`` with a problem document.

    Views raise ninja's ``HttpError(status, detail)`` to answer with a problem document.
    """

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> JsonResponse:
        return problem(400, _("Invalid query parameters."), _validation_errors(exc))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> JsonResponse:
        return problem(404, str(exc) or _("Not found."))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> JsonResponse:
        return problem(401, _("Authentication required."))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> JsonResponse:
        return problem(exc.status_code, str(exc))
