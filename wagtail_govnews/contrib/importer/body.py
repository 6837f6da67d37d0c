"""An article body's HTML as the package's StreamField blocks.

Paragraphs and lists become ``paragraph`` blocks (rich text cleaned to the features editors
have), ``h2`` to ``h6`` ``heading``, a figure or a lone image ``image`` (caption, alt text and
credit apart), several figures together ``gallery``, ``blockquote`` ``quote``, ``table``
``table``, a linked video ``video``. Wrappers (``div``, ``section``) are read through.
"""

from __future__ import annotations

import copy
import re
from typing import Any
from urllib.parse import urljoin

from bs4 import Comment, NavigableString, Tag
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from wagtail_govnews.blocks import RICH_TEXT_FEATURES

from .article import Photo

RICH_TAGS = {"p", "ul", "ol"}
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
SKIPPED = {"script", "style", "noscript", "nav", "aside", "form", "button", "svg"}
VIDEO_HOSTS = re.compile(r"youtube\.com|youtu\.be|vimeo\.com|facebook\.com/.*/videos")


def text_of(element: Tag | None, removed: str = "") -> str:
    """The visible text of ``element`` on one line (without the elements ``removed`` selects)."""
    if element is None:
        return ""
    if removed:
        element = copy.copy(element)  # a detached copy: the page itself keeps every part
        for child in element.select(removed):
            child.decompose()
    # Inline parts joined as written ("<b>Hà Nội</b>, ngày" keeps its comma in place).
    return " ".join(element.get_text().split())


class BodyReader:
    """Turns body HTML into blocks; ``base_url`` resolves image and link addresses."""

    def __init__(self, base_url: str, credit_selector: str = "") -> None:
        self.base_url = base_url
        self.credit_selector = credit_selector
        self.rich_text = EditorHTMLConverter(features=RICH_TEXT_FEATURES)

    def blocks(self, container: Tag) -> list[dict[str, Any]]:
        """The blocks of everything inside ``container``."""
        found: list[dict[str, Any]] = []
        pending: list[str] = []

        def flush() -> None:
            html = self._clean_rich_text("".join(pending))
            if html:
                found.append({"type": "paragraph", "value": html})
            pending.clear()

        for child in container.children:
            if isinstance(child, NavigableString):
                if child.strip() and not isinstance(child, Comment):
                    pending.append(f"<p>{child.strip()}</p>")
                continue
            if not isinstance(child, Tag) or child.name in SKIPPED:
                continue
            if child.name in RICH_TAGS and not self._lone_image(child):
                pending.append(str(child))
                continue
            if "govnews-richtext" in child.get("class", []):
                flush()
                pending.append(child.decode_contents())
                flush()
                continue
            flush()
            found.extend(self._block(child))
        flush()
        return found

    def _block(self, element: Tag) -> list[dict[str, Any]]:
        name = element.name
        if name in HEADINGS:
            text = text_of(element)
            level = "h2" if name == "h2" else "h3"
            return [{"type": "heading", "value": {"text": text, "level": level}}] if text else []
        if name == "blockquote" or (name == "figure" and element.find("blockquote")):
            return self._quote(element)
        if name == "table":
            return [self._table(element)]
        figures = self._figures(element)
        if len(figures) > 1:
            return [self._gallery(element, figures)]
        if name == "figure" or self._lone_image(element):
            if element.find("img"):
                return [self._image(element)]
            return self._video(element)
        if name == "img":
            return [self._image(element)]
        if name == "iframe" and VIDEO_HOSTS.search(element.get("src", "")):
            return [{"type": "video", "value": {"video": element["src"], "caption": ""}}]
        if element.find(["table", "figure", "img", "blockquote", *HEADINGS, *RICH_TAGS]):
            return self.blocks(element)
        html = self._clean_rich_text(f"<p>{element.decode_contents()}</p>")
        return [{"type": "paragraph", "value": html}] if html else []

    def _figures(self, element: Tag) -> list[Tag]:
        """The figures with a photo directly making up ``element`` (a gallery when several)."""
        if element.name in ("figure", "img", "p"):
            return []
        return [
            figure
            for figure in element.find_all("figure")
            if figure.find("img") and not figure.find_parent("figure")
        ]

    @staticmethod
    def _lone_image(element: Tag) -> bool:
        """A paragraph holding nothing but an image (as many editors make them)."""
        return element.find("img") is not None and not text_of(element)

    def photo(self, element: Tag) -> Photo:
        """The photo of a figure (or of an image): address, caption, alt text, credit."""
        img = element if element.name == "img" else element.find("img")
        caption_element = element.find("figcaption") if element.name != "img" else None
        credit = ""
        if caption_element is not None and self.credit_selector:
            credit = text_of(caption_element.select_one(self.credit_selector))
        caption = text_of(caption_element, self.credit_selector)
        return Photo(
            url=urljoin(self.base_url, image_address(img)),
            caption=caption,
            alt=" ".join((img.get("alt") or "").split()),
            credit=credit,
        )

    def _image(self, element: Tag) -> dict[str, Any]:
        classes = " ".join(element.get("class", []))
        alignment = next(
            (side for side in ("center", "left", "right") if f"--{side}" in classes), "full"
        )
        return {"type": "image", "value": {"photo": self.photo(element), "alignment": alignment}}

    def _gallery(self, element: Tag, figures: list[Tag]) -> dict[str, Any]:
        title = element.find(["h2", "h3", "h4"])
        classes = " ".join(element.get("class", []))
        layout = "slideshow" if "slideshow" in classes else "grid"
        return {
            "type": "gallery",
            "value": {
                "title": text_of(title),
                "layout": layout,
                "images": [self.photo(figure) for figure in figures],
            },
        }

    def _quote(self, element: Tag) -> list[dict[str, Any]]:
        quote = element.find("blockquote") if element.name == "figure" else element
        attribution = element.find("figcaption") if element.name == "figure" else None
        lines = [text_of(p) for p in quote.find_all("p")] or [text_of(quote)]
        text = "\n".join(line for line in lines if line)
        who = text_of(attribution).lstrip("\u2014\u2013- ").strip()
        return [{"type": "quote", "value": {"quote": text, "attribution": who}}] if text else []

    def _table(self, element: Tag) -> dict[str, Any]:
        rows = element.find_all("tr")
        data = [[text_of(cell) for cell in row.find_all(["td", "th"])] for row in rows]
        width = max((len(row) for row in data), default=0)
        data = [row + [""] * (width - len(row)) for row in data]
        header = bool(rows) and rows[0].find("td") is None and rows[0].find("th") is not None
        first_col = bool(rows) and all(
            (cells := row.find_all(["td", "th"])) and cells[0].name == "th" for row in rows[1:]
        )
        return {
            "type": "table",
            "value": {
                "data": data,
                "first_row_is_table_header": header,
                "first_col_is_header": bool(first_col and len(rows) > 1),
                "table_caption": text_of(element.find("caption")),
            },
        }

    def _video(self, element: Tag) -> list[dict[str, Any]]:
        frame = element.find("iframe")
        link = frame.get("src") if frame else None
        anchor = element.find("a", href=True)
        link = link or (anchor["href"] if anchor else None)
        if not link:
            return []
        caption = text_of(element.find("figcaption"))
        return [
            {"type": "video", "value": {"video": urljoin(self.base_url, link), "caption": caption}}
        ]

    def _clean_rich_text(self, html: str) -> str:
        """``html`` with only the tags and attributes the paragraph block allows, links made
        absolute; "" when no text is left."""
        if not html.strip():
            return ""
        html = re.sub(
            r'href="(?!https?:|mailto:|#)([^"]*)"',
            lambda match: f'href="{urljoin(self.base_url, match.group(1))}"',
            html,
        )
        cleaned = self.rich_text.to_database_format(html)
        return cleaned if re.sub(r"<[^>]+>", "", cleaned).strip() else ""


def image_address(img: Tag) -> str:
    """The largest image an ``<img>`` offers: the widest of its ``srcset``, else ``src``."""
    candidates = []
    for entry in (img.get("srcset") or img.get("data-srcset") or "").split(","):
        parts = entry.split()
        if parts:
            width = parts[1][:-1] if len(parts) > 1 and parts[1].endswith("w") else "0"
            candidates.append((int(width) if width.isdigit() else 0, parts[0]))
    if candidates:
        return max(candidates)[1]
    return img.get("data-src") or img.get("src") or ""
