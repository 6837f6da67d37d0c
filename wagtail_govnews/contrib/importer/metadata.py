"""What a page says about itself: JSON-LD (``NewsArticle`` and kin) and Open Graph tags."""

from __future__ import annotations

import json
from typing import Any

from bs4 import BeautifulSoup

ARTICLE_TYPES = {"Article", "NewsArticle", "ReportageNewsArticle", "BlogPosting", "WebPage"}


def page_metadata(soup: BeautifulSoup) -> dict[str, Any]:
    """Headline, dates, description, author, section, keywords, image and canonical address;
    ``type`` (Open Graph's) and ``article`` (a JSON-LD article was found)."""
    found: dict[str, Any] = {}
    for key, value in _open_graph(soup).items():
        found.setdefault(key, value)
    for key, value in _json_ld(soup).items():
        found[key] = value or found.get(key)
    canonical = soup.find("link", rel="canonical")
    if canonical and canonical.get("href"):
        found.setdefault("canonical", canonical["href"])
    html = soup.find("html")
    if html and html.get("lang"):
        found.setdefault("language", html["lang"].split("-")[0].lower())
    return {key: value for key, value in found.items() if value}


def _open_graph(soup: BeautifulSoup) -> dict[str, Any]:
    def meta(name: str) -> str:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        return (tag.get("content") or "").strip() if tag else ""

    return {
        "title": meta("og:title"),
        "description": meta("og:description") or meta("description"),
        "url": meta("og:url"),
        "image": meta("og:image"),
        "image_alt": meta("og:image:alt"),
        "date": meta("article:published_time"),
        "section": meta("article:section"),
        "tags": [
            t["content"] for t in soup.find_all("meta", property="article:tag") if t.get("content")
        ],
        "author": meta("author"),
        "site_name": meta("og:site_name"),
        "type": meta("og:type"),
    }


def _json_ld(soup: BeautifulSoup) -> dict[str, Any]:
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except ValueError:
            continue
        for item in _items(data):
            kinds = item.get("@type")
            kinds = set(kinds) if isinstance(kinds, list) else {kinds}
            if kinds & ARTICLE_TYPES and item.get("headline"):
                return _article_fields(item)
    return {}


def _items(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [item for part in data for item in _items(part)]
    if isinstance(data, dict):
        return [data, *_items(data.get("@graph", []))]
    return []


def _article_fields(item: dict[str, Any]) -> dict[str, Any]:
    author = item.get("author")
    authors = author if isinstance(author, list) else [author]
    names = [a.get("name", "") if isinstance(a, dict) else str(a or "") for a in authors]
    image = item.get("image")
    if isinstance(image, list):
        image = image[0] if image else None
    if isinstance(image, dict):
        image = image.get("url")
    keywords = item.get("keywords") or []
    if isinstance(keywords, str):
        keywords = [word.strip() for word in keywords.split(",")]
    section = item.get("articleSection")
    main = item.get("mainEntityOfPage")
    url = item.get("url") or (main.get("@id", "") if isinstance(main, dict) else main or "")
    return {
        "article": True,
        "title": item.get("headline", ""),
        "date": item.get("datePublished", ""),
        "description": item.get("description", ""),
        "author": ", ".join(name for name in names if name),
        "image": image or "",
        "section": section[0] if isinstance(section, list) and section else section or "",
        "tags": [word for word in keywords if word],
        "url": url,
    }
