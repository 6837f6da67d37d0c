"""Media and static files referenced by exported files, copied so the export is self-contained.

Image renditions live in the media storage (``MEDIA_URL``) and CSS/JS in the static files
(``STATIC_URL``). When these URLs are paths on the site itself, the referenced files are
copied into the export at the same paths. When they are absolute (a CDN or a bucket), the
export keeps pointing at them and nothing is copied.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import NoReverseMatch, reverse
from wagtail.images.models import get_rendition_storage

TEXT_TYPES = ("text/", "application/json", "application/rss", "application/atom", "image/svg")


class AssetError(Exception):
    """A referenced media or static file cannot be read."""


def is_text(content_type: str) -> bool:
    """Whether a body of this content type may contain URLs."""
    return content_type.startswith(TEXT_TYPES) or "xml" in content_type


def _prefixes() -> list[str]:
    return [url for url in (settings.MEDIA_URL, settings.STATIC_URL) if url and url.startswith("/")]


def references(body: bytes, root_url: str) -> set[str]:
    """Paths under ``MEDIA_URL``/``STATIC_URL`` of this site that ``body`` refers to."""
    prefixes = _prefixes()
    if not prefixes:
        return set()
    alternatives = "|".join(re.escape(prefix) for prefix in prefixes)
    pattern = rf"(?:{re.escape(root_url)})?((?:{alternatives})[^\s\"'<>?#]+)"
    text = body.decode("utf-8", errors="replace")
    return {match.rstrip(",") for match in re.findall(pattern, text)}


def read_asset(path: str) -> bytes:
    """The bytes of a media or static file at a URL path such as ``/media/images/a.jpg``."""
    name = unquote(path)
    media, static = settings.MEDIA_URL, settings.STATIC_URL
    if media and name.startswith(media):
        return _read_storage(get_rendition_storage(), name[len(media) :], path)
    if static and name.startswith(static):
        relative = name[len(static) :]
        if staticfiles_storage.exists(relative):
            return _read_storage(staticfiles_storage, relative, path)
        found = finders.find(relative)
        if found:
            with open(found, "rb") as file:
                return file.read()
    raise AssetError(f"{path} is referenced but no such file exists")


def _read_storage(storage, name: str, path: str) -> bytes:
    try:
        with storage.open(name, "rb") as file:
            return file.read()
    except (OSError, ValueError) as error:
        raise AssetError(f"{path} is referenced but cannot be read: {error}") from error


def dynamic_image_pattern() -> re.Pattern[bytes] | None:
    """A pattern matching links to Wagtail's dynamic image-serve view, if it is mounted."""
    try:
        url = reverse("wagtailimages_serve", args=("SIGNATURE", 1, "SPEC"))
    except NoReverseMatch:
        return None
    prefix = re.escape(url.split("SIGNATURE", 1)[0].encode())
    return re.compile(prefix + rb"[\w=-]+/\d+/[^/\s\"'<>]+/")
