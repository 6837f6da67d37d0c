"""Images for the API: renditions with absolute URLs and a srcset, never the original file."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.http import HttpRequest
from wagtail.images.models import Filter

from wagtail_govnews.conf import govnews_settings


def rendition_specs() -> list[str]:
    """Wagtail filter specs of the renditions the API serves (``width-480`` …)."""
    return [f"width-{width}" for width in govnews_settings.API_IMAGE_WIDTHS]


def absolute(request: HttpRequest, url: str) -> str:
    """Make a media URL absolute for frontends on another host."""
    return request.build_absolute_uri(url) if url.startswith("/") else url


@lru_cache(maxsize=16)
def _filters(specs: tuple[str, ...]) -> tuple[Filter, ...]:
    """Filters parsed once per process (Wagtail parses a spec string on every call)."""
    return tuple(Filter(spec=spec) for spec in specs)


def renditions_of(image: Any, specs: list[str]) -> dict[str, Any]:
    """``image``'s renditions by spec: from its prefetched renditions when they are all there
    (no query, no cache write), else through ``get_renditions`` (which creates missing ones)."""
    filters = _filters(tuple(specs))
    prefetched = getattr(image, "_prefetched_objects_cache", {}).get("renditions")
    if prefetched is not None:
        by_key = {(item.filter_spec, item.focal_point_key): item for item in prefetched}
        found = {f.spec: by_key.get((f.spec, f.get_cache_key(image))) for f in filters}
        if all(found.values()):
            return found
    return image.get_renditions(*filters)


def serialize_image(request: HttpRequest, image: Any, alt: str = "") -> dict[str, Any] | None:
    """An image with its renditions; uses renditions prefetched on the image when present."""
    if image is None:
        return None
    specs = rendition_specs()
    renditions = renditions_of(image, specs)
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
