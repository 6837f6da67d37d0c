"""Images for the API: renditions with absolute URLs and a srcset, never the original file."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ..conf import govnews_settings


def rendition_specs() -> list[str]:
    """Wagtail filter specs of the renditions the API serves (``width-480`` …)."""
    return [f"width-{width}" for width in govnews_settings.API_IMAGE_WIDTHS]


def absolute(request: HttpRequest, url: str) -> str:
    """Make a media URL absolute for frontends on another host."""
    return request.build_absolute_uri(url) if url.startswith("/") else url


def serialize_image(request: HttpRequest, image: Any, alt: str = "") -> dict[str, Any] | None:
    """An image with its renditions; uses renditions prefetched on the image when present."""
    if image is None:
        return None
    specs = rendition_specs()
    renditions = image.get_renditions(*specs)
    items = [
        {
            "filter": spec,
            "url": absolute(request, renditions[spec].url),
            "width": renditions[spec].width,
            "height": renditions[spec].height,
        }
        for spec in specs
    ]
    return {
        "id": image.pk,
        "title": image.title,
        "alt": alt or getattr(image, "description", "") or "",
        "width": image.width,
        "height": image.height,
        "url": items[-1]["url"],
        "srcset": ", ".join(f"{item['url']} {item['width']}w" for item in items),
        "renditions": items,
    }
