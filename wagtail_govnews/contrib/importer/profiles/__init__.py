"""Site profiles: per source site, the CSS selectors of the parts generic extraction misses.

A profile is a small TOML file (docs/how-to/importing.md, "Writing a site profile")::

    name = "old-portal"
    hosts = ["old.portal.gov.vn"]
    [selectors]
    title = "h1.title"
    dateline = ".post-date"
    body = ".post-content"

Every selector is optional; what a profile leaves out comes from the page's JSON-LD and Open
Graph data, then from trafilatura's reading of the page.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from soupsieve import SelectorSyntaxError

#: The selectors a profile may give: what each names.
SELECTORS = {
    "title": "the headline",
    "dateline": "the dateline (its datetime or content attribute first, else its text)",
    "lead": "the lead (sapo)",
    "body": "the element holding the body",
    "byline": "the author",
    "source": "the news source (its text; the address of a link inside it)",
    "original": "the link to the original article",
    "categories": "each category (link text)",
    "tags": "each tag (link text, without a leading #)",
    "credit": "the photo credit inside a figure caption",
    "remove": "elements dropped before reading (a list)",
}

BUILT_IN = Path(__file__).resolve().parent


class ProfileError(ValueError):
    """A profile file that cannot be used (its message says why)."""


@dataclass(frozen=True)
class SiteProfile:
    """The selectors of one source site."""

    name: str
    hosts: tuple[str, ...] = ()
    match: str = ""
    selectors: dict[str, str | list[str]] = field(default_factory=dict)

    def applies_to(self, url: str, soup: BeautifulSoup) -> bool:
        """Whether a page at ``url`` is this site's (by host, else by the match selector)."""
        host = (urlsplit(url).hostname or "").lower()
        if host and host in self.hosts:
            return True
        return bool(self.match) and soup.select_one(self.match) is not None

    def selector(self, part: str) -> str:
        """The selector of ``part`` ("" when the profile has none)."""
        value = self.selectors.get(part, "")
        return value if isinstance(value, str) else ""

    @property
    def removed(self) -> list[str]:
        """Selectors of elements dropped before reading."""
        value = self.selectors.get("remove", [])
        return [value] if isinstance(value, str) else list(value)


def load_profile(path: str | Path) -> SiteProfile:
    """The profile in a TOML file; raises :class:`ProfileError` naming what is wrong."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ProfileError(f"{path}: {error}") from error
    selectors = data.get("selectors", {})
    unknown = sorted(set(selectors) - set(SELECTORS))
    if unknown:
        raise ProfileError(f"{path}: unknown selectors {unknown}; known: {sorted(SELECTORS)}")
    probe = BeautifulSoup("<p></p>", "html.parser")
    for name, value in [*selectors.items(), ("match", data.get("match", ""))]:
        for css in [value] if isinstance(value, str) else value:
            try:
                if css:
                    probe.select(css)
            except SelectorSyntaxError as error:
                raise ProfileError(f"{path}: {name} = {css!r} is not CSS: {error}") from error
    return SiteProfile(
        name=str(data.get("name") or path.stem),
        hosts=tuple(host.lower() for host in data.get("hosts", [])),
        match=str(data.get("match", "")),
        selectors=selectors,
    )


def built_in_profiles() -> list[SiteProfile]:
    """The profiles shipped with the package (wagtail-govnews's own markup)."""
    return [load_profile(path) for path in sorted(BUILT_IN.glob("*.toml"))]


#: The profile of pages no profile applies to: generic extraction only.
GENERIC = SiteProfile(name="generic")


def choose_profile(profiles: list[SiteProfile], url: str, soup: BeautifulSoup) -> SiteProfile:
    """The first profile for this page, else :data:`GENERIC`."""
    for profile in profiles:
        if profile.applies_to(url, soup):
            return profile
    return GENERIC
