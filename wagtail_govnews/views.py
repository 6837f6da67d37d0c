"""Public views of the package: the QR code of a published article as SVG or PNG."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from .models import NewsPage
from .qr import QR_CONTENT_TYPES, QRCodeError, article_qr_file


def news_qr_code(request: HttpRequest, page_id: int, fmt: str) -> HttpResponse:
    """The QR code of a published, public article's absolute URL."""
    if fmt not in QR_CONTENT_TYPES:
        raise Http404
    page = get_object_or_404(NewsPage.objects.published(), pk=page_id)
    try:
        body = article_qr_file(page.get_full_url(request), page.title, fmt)
    except QRCodeError as error:
        return HttpResponse(str(error), status=422, content_type="text/plain; charset=utf-8")
    response = HttpResponse(body, content_type=QR_CONTENT_TYPES[fmt])
    response["Cache-Control"] = "public, max-age=86400"
    return response
