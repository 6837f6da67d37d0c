"""StreamField body → JSON blocks, with rich text expanded in one pass for the whole body."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from wagtail_govnews.blocks import prefetch_stream_images
from wagtail_govnews.contrib.api.images import absolute, serialize_image
from wagtail_govnews.contrib.api.richtext import expand_rich_text

# Joins every paragraph of a body so that internal links are resolved in one batch.
_SPLIT = "<!--govnews:block-->"


def _photo(request: HttpRequest, value: Any) -> dict[str, Any] | None:
    image = serialize_image(request, value.get("image"), value.get("alt_text", ""))
    if image is None:
        return None
    return {
        "image": image,
        "caption": value.get("caption", ""),
        "alt": image["alt"],
        "credit": value.get("credit", ""),
    }


def _image(request: HttpRequest, value: Any) -> dict[str, Any] | None:
    photo = _photo(request, value)
    return photo and photo | {"alignment": value.get("alignment") or "full"}


def _gallery(request: HttpRequest, value: Any) -> dict[str, Any]:
    photos = [_photo(request, item) for item in value.get("images", [])]
    return {
        "title": value.get("title", ""),
        "layout": value.get("layout") or "grid",
        "images": [photo for photo in photos if photo],
    }


def _document(request: HttpRequest, value: Any) -> dict[str, Any] | None:
    document = value.get("document")
    if document is None:
        return None
    return {
        "title": value.get("title") or document.title,
        "url": absolute(request, document.url),
        "file_extension": document.file_extension,
        "file_size": document.file_size,
    }


def _table(request: HttpRequest, value: Any) -> dict[str, Any]:
    value = value or {}
    return {
        "caption": value.get("table_caption") or "",
        "first_row_is_header": bool(value.get("first_row_is_table_header")),
        "first_col_is_header": bool(value.get("first_col_is_header")),
        "rows": [[None if cell is None else str(cell) for cell in row] for row in value["data"]]
        if value.get("data")
        else [],
    }


SERIALIZERS: dict[str, Callable[[HttpRequest, Any], dict[str, Any] | None]] = {
    "heading": lambda request, value: {"text": value["text"], "level": value["level"]},
    "image": _image,
    "gallery": _gallery,
    "quote": lambda request, value: {
        "quote": value["quote"],
        "attribution": value.get("attribution", ""),
    },
    "video": lambda request, value: {
        "url": value["video"].url if value.get("video") else "",
        "caption": value.get("caption", ""),
    },
    "document": _document,
    "table": _table,
}


def serialize_body(request: HttpRequest, body: Any) -> list[dict[str, Any]]:
    """The body's blocks as JSON-ready dicts; blocks whose image/document is gone are left out."""
    prefetch_stream_images(body)
    paragraphs = [block.value.source for block in body if block.block_type == "paragraph"]
    expanded = iter(expand_rich_text(_SPLIT.join(paragraphs)).split(_SPLIT)) if paragraphs else None
    blocks = []
    for block in body:
        if block.block_type == "paragraph":
            data = {"html": next(expanded)}
        elif block.block_type in SERIALIZERS:
            data = SERIALIZERS[block.block_type](request, block.value)
        else:
            data = None
        if data is not None:
            blocks.append({"type": block.block_type, "id": block.id or ""} | data)
    return blocks
