"""An article as read from a page, before it becomes a ``NewsPage``: plain data, no models."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class Photo:
    """A photo of the article: where to download it and what is written with it."""

    url: str
    caption: str = ""
    alt: str = ""
    credit: str = ""


@dataclass
class Article:
    """Everything the importer read from one page.

    ``body`` holds StreamField blocks (``{"type": …, "value": …}``) whose photos are still
    :class:`Photo` objects; they become image ids once downloaded.
    """

    url: str
    title: str = ""
    date: datetime | None = None
    lead: str = ""
    body: list[dict[str, Any]] = field(default_factory=list)
    author: str = ""
    source_name: str = ""
    source_url: str = ""
    original_url: str = ""
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    hero: Photo | None = None
    language: str = ""
    profile: str = ""

    def photos(self) -> list[Photo]:
        """Every photo of the article: the hero image first, then the body's in order."""
        found = [self.hero] if self.hero else []
        found += [item for item in _walk(self.body) if isinstance(item, Photo)]
        return found

    def digest(self, image_hashes: dict[str, str] | None = None) -> str:
        """A hash of the content, photos by the hash of their files when given."""
        hashes = image_hashes or {}
        data = asdict(self)
        data.pop("profile")
        data["date"] = self.date.isoformat() if self.date else None
        data["images"] = [hashes.get(photo.url, photo.url) for photo in self.photos()]
        text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _walk(value: Any) -> list[Any]:
    """Every value nested in lists and dicts of ``value`` (itself included)."""
    if isinstance(value, dict):
        return [value, *(item for child in value.values() for item in _walk(child))]
    if isinstance(value, list):
        return [value, *(item for child in value for item in _walk(child))]
    return [value]
