"""Shapes of the demo data, and helpers that build raw StreamField blocks for an article body.

Blocks are the raw JSON Wagtail stores (``{"type": ..., "value": ...}``). Pictures are referred
to by :class:`ImageRef` (the key of a picture in :mod:`home.demo.images`); the builder swaps
each reference for the primary key of the saved Wagtail image.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .images import PICTURES_BY_KEY

Block = dict[str, Any]


@dataclass(frozen=True)
class ImageRef:
    """A picture of the demo catalogue, by key, inside a block value."""

    key: str

    def __post_init__(self) -> None:
        if self.key not in PICTURES_BY_KEY:
            raise ValueError(f"No demo picture is called {self.key!r}")


@dataclass(frozen=True)
class SectionSpec:
    """A news section (``NewsIndexPage``) under the home page."""

    slug: str
    title: str
    intro: str


@dataclass(frozen=True)
class PortalSpec:
    """Who runs the portal, as its masthead and footer show it (Decree 42/2022/NĐ-CP)."""

    portal_name: str
    agency_in_charge: str
    address: str
    person_responsible: str
    licence: str
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class SocialAccountSpec:
    """One official account of the portal on a social network."""

    network: str
    name: str
    url: str
    language: str = ""  # shown on pages of every language when empty


@dataclass(frozen=True)
class ArticleSpec:
    """One news article (``NewsPage``) and where it goes."""

    section: str
    slug: str
    title: str
    date: datetime
    lead: str
    body: list[Block]
    hero: str
    author: str
    source_name: str
    source_url: str
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    original_url: str = ""


def paragraph(*sentences: str) -> Block:
    """A rich-text paragraph made of ``sentences``."""
    return {"type": "paragraph", "value": f"<p>{' '.join(sentences)}</p>"}


def heading(text: str, level: str = "h2") -> Block:
    """A section heading inside the body."""
    return {"type": "heading", "value": {"text": text, "level": level}}


def photo_value(key: str, caption: str, credit: str = "") -> dict[str, Any]:
    """The value of a photo: the picture, its caption, credit and the picture's alt text."""
    return {
        "image": ImageRef(key),
        "caption": caption,
        "alt_text": PICTURES_BY_KEY[key].description,
        "credit": credit,
    }


def captioned_image(key: str, caption: str, credit: str = "", alignment: str = "full") -> Block:
    """A captioned photo in the flow of the article."""
    return {"type": "image", "value": {**photo_value(key, caption, credit), "alignment": alignment}}


def gallery(
    title: str, photos: list[tuple[str, str]], credit: str = "", layout: str = "grid"
) -> Block:
    """A gallery of ``(picture key, caption)`` pairs shown as a grid or a slideshow.

    The photos are stored the way the admin saves a list (each with a type and an id):
    wagtail-localize only offers the captions and alt texts of such lists for translation.
    """
    return {
        "type": "gallery",
        "value": {
            "title": title,
            "layout": layout,
            "images": [
                {
                    "type": "item",
                    "value": photo_value(key, caption, credit),
                    "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"govnews-demo/{title}/{n}/{key}")),
                }
                for n, (key, caption) in enumerate(photos)
            ],
        },
    }


def quote(text: str, attribution: str = "") -> Block:
    """A quotation with its attribution."""
    return {"type": "quote", "value": {"quote": text, "attribution": attribution}}


def table(caption: str, rows: list[list[str]]) -> Block:
    """A table whose first row is the header."""
    return {
        "type": "table",
        "value": {
            "data": rows,
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": caption,
        },
    }
