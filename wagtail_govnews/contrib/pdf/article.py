"""Turn a news article (its fields and body blocks) into an :class:`ArticleDocument`."""

from __future__ import annotations

import logging
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

from django.http import HttpRequest
from django.utils.translation import gettext as _

from wagtail_govnews.blocks import prefetch_stream_images
from wagtail_govnews.contrib.pdf.document import ArticleDocument, Part, Picture, Table, Text
from wagtail_govnews.contrib.pdf.render import render_pdf
from wagtail_govnews.dates import format_dateline
from wagtail_govnews.models import GovNewsSettings, NewsPage
from wagtail_govnews.qr import QRCodeError, cached_qr_png

__all__ = ["article_document", "article_pdf", "richtext_parts"]

logger = logging.getLogger(__name__)

#: Rendition of body photos in the PDF; the article page's srcset makes the same one.
PICTURE_FILTER = "width-800"
#: Rendition of the portal's logo in the masthead; the print view shows the same one.
LOGO_FILTER = "height-160"

_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"}


class _RichTextReader(HTMLParser):
    """Collects the paragraphs, headings and list items of rich text as plain text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[Text] = []
        self.buffer: list[str] = []
        self.lists: list[list[int]] = []  # one counter per open <ol>; [] for <ul>

    def flush(self, style: str = "body") -> None:
        text = " ".join("".join(self.buffer).split())
        self.buffer = []
        if text:
            self.parts.append(Text(text, style))  # type: ignore[arg-type]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            self.flush()
            self.lists.append([0] if tag == "ol" else [])
        elif tag == "li":
            self.flush()
            counter = self.lists[-1] if self.lists else []
            if counter:
                counter[0] += 1
            self.buffer.append(f"{counter[0]}. " if counter else "• ")
        elif tag in _BLOCK_TAGS:
            self.flush()
        elif tag == "br":
            self.buffer.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol"):
            self.flush("list")
            if self.lists:
                self.lists.pop()
        elif tag == "li":
            self.flush("list")
        elif tag in _BLOCK_TAGS:
            self.flush("heading" if tag[0] == "h" and tag[1:].isdigit() else "body")

    def handle_data(self, data: str) -> None:
        self.buffer.append(data)


def richtext_parts(html: str) -> list[Text]:
    """The paragraphs, headings and list items of rich text HTML, as plain text parts."""
    reader = _RichTextReader()
    reader.feed(html)
    reader.close()
    reader.flush()
    return reader.parts


def _rendition_data(image: Any, filter_spec: str) -> bytes | None:
    """The bytes of a rendition of ``image`` (``None`` when the file cannot be read)."""
    try:
        rendition = image.get_rendition(filter_spec)
        with rendition.file.open("rb") as file:
            return file.read()
    except Exception as error:  # a missing or unreadable file must not break the PDF
        logger.warning("Image %s left out of the PDF: %s", image.pk, error)
        return None


def _picture(value: Any) -> Picture:
    """A photo block value as a picture (no image data when the file cannot be read)."""
    image = value.get("image")
    data = None
    alt = value.get("alt_text") or ""
    if image is not None:
        alt = alt or image.default_alt_text
        data = _rendition_data(image, PICTURE_FILTER)
    return Picture(data, value.get("caption") or "", value.get("credit") or "", alt)


def _block_parts(block: Any, page_url: str) -> list[Part]:
    """The document parts of one body block."""
    kind, value = block.block_type, block.value
    if kind == "paragraph":
        return list(richtext_parts(value.source))
    if kind == "heading":
        return [Text(value["text"], "heading")]
    if kind == "image":
        return [_picture(value)]
    if kind == "gallery":
        title = [Text(value["title"], "heading")] if value.get("title") else []
        return [*title, *(_picture(photo) for photo in value["images"])]
    if kind == "quote":
        attribution = value.get("attribution")
        quote = [Text(f"“{value['quote']}”", "quote")]
        return quote + ([Text(f"— {attribution}", "quote")] if attribution else [])
    if kind == "video":
        url = getattr(value["video"], "url", "") if value.get("video") else ""
        text = " — ".join(part for part in (value.get("caption"), url) if part)
        return [Text(f"{_('Video')}: {text}", "small")] if text else []
    if kind == "document":
        document = value.get("document")
        if document is None:
            return []
        title = value.get("title") or document.title
        return [Text(f"{_('Document')}: {title} — {urljoin(page_url, document.url)}", "small")]
    if kind == "table" and isinstance(value, dict):
        rows = [
            ["" if cell is None else str(cell) for cell in row] for row in value.get("data") or []
        ]
        header = bool(value.get("first_row_is_table_header"))
        return [Table(rows, header, value.get("table_caption") or "")]
    return []


def article_document(page: NewsPage, request: HttpRequest | None = None) -> ArticleDocument:
    """The PDF content of an article: headline, dateline, lead, body, byline, source, QR."""
    url = page.get_full_url(request) or ""
    language = page.locale.language_code
    site = page.get_site()
    settings = GovNewsSettings.for_site(site) if site else None
    portal = settings.identity(language) if settings else None  # in the article's language
    prefetch_stream_images(page.body)
    parts: list[Part] = []
    for block in page.body:
        parts.extend(_block_parts(block, url))
    notes = []
    if page.source_name or page.source_url:
        source = " — ".join(text for text in (page.source_name, page.source_url) if text)
        notes.append(f"{_('News source')}: {source}")
    if page.original_url:
        notes.append(f"{_('Original')}: {page.original_url}")
    qr_png = None
    if url:
        try:
            qr_png = cached_qr_png(url)
        except QRCodeError as error:
            logger.warning("QR code left out of the PDF: %s", error)
    return ArticleDocument(
        title=page.title,
        url=url,
        language=language,
        publisher=(portal.portal_name if portal else "") or (site.site_name if site else ""),
        agency=portal.agency_in_charge if portal else "",
        logo=_rendition_data(portal.logo, LOGO_FILTER) if portal and portal.logo else None,
        dateline=format_dateline(page.display_date, language),
        banner=_archived_banner(page),
        notice=_notice(page, language),
        document_number=(
            f"{_('Document number:')} {page.document_number}" if page.document_number else ""
        ),
        lead=page.lead,
        parts=parts,
        byline=page.author,
        notes=notes,
        qr_png=qr_png,
        qr_caption=_("QR CODE: %(title)s") % {"title": page.title},
    )


def _archived_banner(page: NewsPage) -> str:
    if not page.is_archived:
        return ""
    return " ".join(
        (
            _("Archived article."),
            _("This information may be out of date: check the latest news before relying on it."),
        )
    )


def _notice(page: NewsPage, language: str) -> str:
    if not (page.notice and page.notice_date):
        return ""
    kind = _("Correction") if page.notice_kind == "correction" else _("Update")
    return f"{kind} {format_dateline(page.notice_date, language)}: {page.notice}"


def article_pdf(page: NewsPage, request: HttpRequest | None = None) -> bytes:
    """The article as PDF bytes."""
    return render_pdf(article_document(page, request))
