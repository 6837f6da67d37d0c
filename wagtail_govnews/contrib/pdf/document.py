"""The content of an article as the PDF download lays it out: plain text, pictures, tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

TextStyle = Literal["body", "heading", "quote", "list", "small"]


@dataclass
class Text:
    """A paragraph: body text, a heading, a quotation, a list item or a small note."""

    text: str
    style: TextStyle = "body"


@dataclass
class Picture:
    """A photo (encoded image bytes) with its caption, credit and alternative text."""

    data: bytes | None
    caption: str = ""
    credit: str = ""
    alt: str = ""


@dataclass
class Table:
    """A table of plain-text cells, the first row optionally a header."""

    rows: list[list[str]]
    header: bool = False
    caption: str = ""


Part = Text | Picture | Table


@dataclass
class ArticleDocument:
    """Everything the PDF of an article shows, in reading order, already translated."""

    title: str
    url: str
    language: str = "vi"
    publisher: str = ""  # the portal's name, in the masthead
    agency: str = ""  # the agency in charge of the portal, above its name
    logo: bytes | None = None  # the portal's logo (encoded image), beside its name
    dateline: str = ""
    banner: str = ""  # "archived / outdated"
    notice: str = ""  # a dated correction or update, under the dateline
    document_number: str = ""
    lead: str = ""
    parts: list[Part] = field(default_factory=list)
    byline: str = ""
    notes: list[str] = field(default_factory=list)  # source, original article
    qr_png: bytes | None = None
    qr_caption: str = ""
