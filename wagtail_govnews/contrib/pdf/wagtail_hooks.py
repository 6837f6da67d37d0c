"""Serve an article's ``pdf/`` route with the PDF of this sub-app."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from wagtail import hooks

from wagtail_govnews.models import NewsPage


@hooks.register("govnews_article_pdf")
def article_pdf_response(page: NewsPage, request: HttpRequest) -> HttpResponse:
    """The article as a PDF download ("save" in Decree 42/2022/NĐ-CP)."""
    from .article import article_pdf  # fpdf2 is loaded only when a PDF is asked for

    response = HttpResponse(article_pdf(page, request), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{page.slug}.pdf"
    )
    response["X-Robots-Tag"] = "noindex"
    return response
