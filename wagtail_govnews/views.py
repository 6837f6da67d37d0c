"""Public views of the package: the QR code of a published article as SVG or PNG."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .models import NewsPage
from .qr import QRCodeError, cached_qr_png, cached_qr_svg

QR_CONTENT_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


def news_qr_code(request: HttpRequest, page_id: int, fmt: str) -> HttpResponse:
    """The QR code of a published, public article's absolute URL."""
    if fmt not in QR_CONTENT_TYPES:
        raise Http404
    page = get_object_or_404(NewsPage.objects.published(), pk=page_id)
    url = page.get_full_url(request)
    try:
        if fmt == "svg":
            title = _("QR CODE: %(title)s") % {"title": page.title}
            body: str | bytes = cached_qr_svg(url, title=title)
        else:
            body = cached_qr_png(url)
    except QRCodeError as error:
        return HttpResponse(str(error), status=422, content_type="text/plain; charset=utf-8")
    response = HttpResponse(body, content_type=QR_CONTENT_TYPES[fmt])
    response["Cache-Control"] = "public, max-age=86400"
    return response
