"""Reading one article page: site profile first, then JSON-LD / Open Graph, then trafilatura.

A profile's selectors name the parts exactly; what it leaves out comes from the page's own
metadata; a body nobody names is what trafilatura finds the main text to be.
"""

from __future__ import annotations

from datetime import tzinfo
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from .article import Article, Photo
from .body import BodyReader, text_of
from .datelines import parse_dateline
from .metadata import page_metadata
from .profiles import GENERIC, SiteProfile, choose_profile

#: A page without metadata of its own showing this many linked headlines is a list (a home
#: or section page); a site profile's pages are never judged so.
LISTING_HEADLINES = 8


class NotAnArticle(ValueError):
    """A page without a headline or a body (a list, a home page): nothing to import."""


def extract_article(
    html: str, url: str, profiles: list[SiteProfile], tz: tzinfo | None = None
) -> Article:
    """The article of the page ``html`` fetched from ``url``; raises :class:`NotAnArticle`."""
    soup = BeautifulSoup(html, "html.parser")
    profile = choose_profile(profiles, url, soup)
    meta = page_metadata(soup)
    wanted = (("title", "title"), ("date", "dateline"))
    if any(not meta.get(key) and not profile.selector(part) for key, part in wanted):
        meta = _with_guesses(html, url, meta)
    base = meta.get("url") or url
    for selector in profile.removed:
        for element in soup.select(selector):
            element.decompose()

    def part(name: str) -> Tag | None:
        selector = profile.selector(name)
        return soup.select_one(selector) if selector else None

    if profile is GENERIC and not meta.get("article") and meta.get("type") != "article":
        _refuse_listings(soup, meta)
    reader = BodyReader(base, profile.selector("credit"))
    title = text_of(part("title")) or meta.get("title", "")
    container = part("body")
    body = reader.blocks(container) if container is not None else _generic_body(html, reader)
    if not title or not body:
        raise NotAnArticle("no headline" if not title else "no body text")
    dateline = part("dateline")
    date_text = ""
    if dateline is not None:
        date_text = dateline.get("datetime") or dateline.get("content") or text_of(dateline)
    lead = text_of(part("lead")) if profile.selector("lead") else meta.get("description", "")
    body = _without_lead(body, lead)
    source = part("source")
    source_link = source.find("a", href=True) if source is not None else None
    original = part("original")
    article = Article(
        url=url,
        title=title,
        date=parse_dateline(date_text or meta.get("date"), tz),
        lead=lead,
        body=body,
        author=text_of(part("byline")) if profile.selector("byline") else meta.get("author", ""),
        source_name=text_of(source),
        source_url=urljoin(base, source_link["href"]) if source_link else "",
        original_url=urljoin(base, original["href"]) if original and original.get("href") else "",
        categories=_texts(soup, profile.selector("categories")) or _listed(meta.get("section")),
        tags=[t.lstrip("#") for t in _texts(soup, profile.selector("tags"))]
        or meta.get("tags", []),
        language=meta.get("language", ""),
        profile=profile.name,
    )
    if meta.get("image"):
        article.hero = Photo(url=urljoin(base, meta["image"]), alt=meta.get("image_alt", ""))
    return article


def _refuse_listings(soup: BeautifulSoup, meta: dict) -> None:
    """Raise :class:`NotAnArticle` for a page that says it is something else (``og:type``)
    or, saying nothing, lists other articles (many headlines that are links)."""
    if meta.get("type"):
        raise NotAnArticle(f"the page says it is a {meta['type']!r}, not an article")
    headings = soup.find_all(["h1", "h2", "h3", "h4"])
    linked = sum(1 for heading in headings if heading.find("a", href=True))
    if linked >= LISTING_HEADLINES:
        raise NotAnArticle(f"a list of articles ({linked} headlines are links)")


def _with_guesses(html: str, url: str, meta: dict) -> dict:
    """``meta`` completed with what trafilatura finds in the page itself (the date in its
    text, the title, the author …), for pages without JSON-LD or Open Graph data."""
    import trafilatura

    found = trafilatura.extract_metadata(html, default_url=url)
    if found is None:
        return meta
    guesses = {
        "title": found.title,
        "date": found.date,
        "author": found.author,
        "description": found.description,
        "section": (found.categories or [""])[0],
        "tags": found.tags,
        "image": found.image,
    }
    return {key: value for key, value in guesses.items() if value} | meta


def canonical_address(html: str) -> str:
    """The address a saved page says it has (Open Graph, JSON-LD or ``rel=canonical``)."""
    meta = page_metadata(BeautifulSoup(html, "html.parser"))
    return meta.get("url") or meta.get("canonical") or ""


def _texts(soup: BeautifulSoup, selector: str) -> list[str]:
    if not selector:
        return []
    return [text for element in soup.select(selector) if (text := text_of(element))]


def _listed(value: str | None) -> list[str]:
    return [value] if value else []


def _generic_body(html: str, reader: BodyReader) -> list[dict]:
    """The body as trafilatura reads the page's main text (images, tables, headings kept)."""
    import trafilatura

    main = trafilatura.extract(
        html,
        output_format="html",
        include_images=True,
        include_tables=True,
        include_formatting=True,
        include_links=True,
        include_comments=False,
    )
    if not main:
        return []
    soup = BeautifulSoup(main, "html.parser")
    return reader.blocks(soup.find("body") or soup)


def _without_lead(body: list[dict], lead: str) -> list[dict]:
    """``body`` without a first paragraph repeating the lead (generic extraction keeps it)."""
    if lead and body and body[0]["type"] == "paragraph":
        first = " ".join(BeautifulSoup(body[0]["value"], "html.parser").get_text(" ").split())
        if first == " ".join(lead.split()):
            return body[1:]
    return body
