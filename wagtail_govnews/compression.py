"""Gzip for text responses only: HTML, JSON, feeds, SVG, CSS and JavaScript.

Django's ``GZipMiddleware`` compresses every response, images and PDFs included, where it
costs CPU for nothing. Put this one where Django's would go, above any middleware that
answers from a cache (``CachedPageMiddleware``), so cached pages are compressed too::

    "wagtail_govnews.compression.TextGZipMiddleware",

Responses that already have a ``Content-Encoding`` (WhiteNoise's precompressed files) are
left as they are. Django adds up to 100 random bytes to each compressed response ("Heal the
Breach"), and masks CSRF tokens per response; see docs/how-to/deploying.md on BREACH.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

#: Media types worth compressing, besides every ``text/*`` type.
COMPRESSIBLE_TYPES = frozenset(
    {
        "application/json",
        "application/javascript",
        "application/xml",
        "application/manifest+json",
        "image/svg+xml",
    }
)


def is_compressible(content_type: str) -> bool:
    """Whether a response of this ``Content-Type`` is text that gzip makes smaller."""
    media_type = content_type.partition(";")[0].strip().lower()
    return (
        media_type.startswith("text/")
        or media_type in COMPRESSIBLE_TYPES
        or media_type.endswith(("+json", "+xml"))
    )


class TextGZipMiddleware(GZipMiddleware):
    """Django's ``GZipMiddleware``, for text responses only."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not is_compressible(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)
