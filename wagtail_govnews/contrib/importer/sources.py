"""Where the articles are: the addresses an RSS/Atom feed, a sitemap (or sitemap index) or a
folder of saved pages lists."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from .fetch import Fetcher, FetchError

#: Sitemap indexes nest at most this deep (a loop of indexes ends there).
MAX_DEPTH = 3


class SourceError(Exception):
    """A source that lists no articles (the message says why)."""


@dataclass(frozen=True)
class Entry:
    """One article to import: its address, or the saved file it was read from."""

    url: str
    path: Path | None = None


def entries(source: str, fetcher: Fetcher) -> list[Entry]:
    """Every article ``source`` lists, in its order, each address once."""
    folder = Path(source)
    if "://" not in source and folder.is_dir():
        found = list(_folder(folder))
    else:
        found = list(_remote(source, fetcher, 0))
    seen: set[str] = set()
    unique = []
    for entry in found:
        key = str(entry.path or entry.url)
        if key not in seen:
            seen.add(key)
            unique.append(entry)
    return unique


def _folder(folder: Path) -> Iterator[Entry]:
    """Saved pages: every ``.html`` file (print views aside), sorted."""
    for path in sorted(folder.rglob("*.htm*")):
        if path.is_file() and "print" not in path.parent.name:
            yield Entry(url=path.resolve().as_uri(), path=path)


def _remote(url: str, fetcher: Fetcher, depth: int) -> Iterator[Entry]:
    try:
        answer = fetcher.get(url)
    except FetchError as error:
        raise SourceError(str(error)) from error
    body = answer.body.lstrip()
    if not body.startswith(b"<?xml") and not body[:200].lstrip().startswith(
        (b"<rss", b"<feed", b"<urlset", b"<sitemapindex")
    ):
        yield Entry(url=answer.url)  # an article page itself
        return
    try:
        root = ET.fromstring(body)
    except ET.ParseError as error:
        raise SourceError(f"{url}: not well-formed XML ({error})") from error
    kind = _local(root.tag)
    if kind == "rss":
        for item in root.iter("item"):
            link = (item.findtext("link") or "").strip()
            if link:
                yield Entry(url=urljoin(url, link))
    elif kind == "feed":
        for entry in _children(root, "entry"):
            link = _atom_link(entry)
            if link:
                yield Entry(url=urljoin(url, link))
    elif kind == "urlset":
        for item in _children(root, "url"):
            yield from _locations(item, url)
    elif kind == "sitemapindex":
        if depth >= MAX_DEPTH:
            raise SourceError(f"{url}: sitemap indexes nested deeper than {MAX_DEPTH}")
        for item in _children(root, "sitemap"):
            for entry in _locations(item, url):
                yield from _remote(entry.url, fetcher, depth + 1)
    else:
        raise SourceError(f"{url}: neither a feed nor a sitemap (<{kind}>)")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _locations(element: ET.Element, base: str) -> Iterator[Entry]:
    for child in element:
        if _local(child.tag) == "loc" and (child.text or "").strip():
            yield Entry(url=urljoin(base, child.text.strip()))


def _atom_link(entry: ET.Element) -> str:
    links = _children(entry, "link")
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href", "")
    return ""
