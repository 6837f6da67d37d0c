"""Where the articles are: the addresses an RSS/Atom feed, a sitemap (or sitemap index) or a
folder of saved pages lists."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from .fetch import Fetcher, FetchError

#: Feed pages and sitemaps one source may name, all together (loops end there too).
MAX_LISTINGS = 10_000


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
        found = _remote(source, fetcher)
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


def _remote(source: str, fetcher: Fetcher) -> list[Entry]:
    """The articles a feed or sitemap lists, following sitemap indexes and the ``next``
    pages of paged feeds (RFC 5005), each listing once."""
    found: list[Entry] = []
    queue, read = deque([source]), set()
    while queue:
        url = queue.popleft()
        if url in read:
            continue
        if len(read) >= MAX_LISTINGS:
            raise SourceError(f"{source}: more than {MAX_LISTINGS} feed pages or sitemaps")
        read.add(url)
        articles, listings = _listing(url, fetcher, is_source=url == source)
        found += articles
        queue.extend(listings)
    return found


def _listing(url: str, fetcher: Fetcher, is_source: bool) -> tuple[list[Entry], list[str]]:
    """The articles one feed page or sitemap lists, and the further listings it names."""
    try:
        answer = fetcher.get(url)
    except FetchError as error:
        raise SourceError(str(error)) from error
    head = answer.body[:300].lstrip()
    if not head.startswith((b"<?xml", b"<rss", b"<feed", b"<urlset", b"<sitemapindex")):
        if is_source:
            return [Entry(url=url)], []  # an article page itself
        raise SourceError(f"{url}: listed as a sitemap or feed page, but is neither")
    try:
        root = ET.fromstring(answer.body)
    except ET.ParseError as error:
        raise SourceError(f"{url}: not well-formed XML ({error})") from error
    kind = _local(root.tag)
    if kind == "rss":
        channel = root.find("channel")
        links = [(item.findtext("link") or "").strip() for item in root.iter("item")]
        more = _next_page(channel if channel is not None else root)
    elif kind == "feed":
        links = [_atom_link(entry) for entry in _children(root, "entry")]
        more = _next_page(root)
    elif kind == "urlset":
        links, more = [loc for item in _children(root, "url") for loc in _locs(item)], []
    elif kind == "sitemapindex":
        links, more = [], [loc for item in _children(root, "sitemap") for loc in _locs(item)]
    else:
        raise SourceError(f"{url}: neither a feed nor a sitemap (<{kind}>)")
    articles = [Entry(url=urljoin(url, link)) for link in links if link]
    return articles, [urljoin(url, link) for link in more]


def _next_page(element: ET.Element) -> list[str]:
    """The ``next`` page of a paged feed (``<atom:link rel="next">``), if any."""
    return [
        child.get("href", "")
        for child in element
        if _local(child.tag) == "link" and child.get("rel") == "next" and child.get("href")
    ][:1]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _locs(element: ET.Element) -> list[str]:
    return [
        child.text.strip()
        for child in element
        if _local(child.tag) == "loc" and (child.text or "").strip()
    ]


def _atom_link(entry: ET.Element) -> str:
    links = _children(entry, "link")
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href", "")
    return ""
