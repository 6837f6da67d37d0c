"""The old portal's categories and tags, mapped to the site's own (a small TOML file).

::

    [categories]
    "Tin tức - Sự kiện" = "thoi-su"   # old name = slug or name of an existing category
    "Quảng cáo" = ""                  # "" leaves it out
    [tags]
    "covid 19" = "covid-19"           # old tag = the tag to use

A category without an entry is looked up by its own name and slug; one still unknown is left
out and reported. Tags without an entry are kept as they are.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from wagtail.models import Locale

from wagtail_govnews.models import NewsCategory
from wagtail_govnews.slugs import ascii_slug


class MappingError(ValueError):
    """A mapping file that cannot be used."""


@dataclass
class Mapping:
    """Old category and tag names (folded to lower case) and what they become."""

    categories: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)

    def category_objects(
        self, names: list[str], locale: Locale
    ) -> tuple[list[NewsCategory], list[str]]:
        """The site's categories for ``names`` (in ``locale``), and the names left unknown."""
        known = {c.name.casefold(): c for c in NewsCategory.objects.filter(locale=locale)}
        by_slug = {c.slug: c for c in known.values()}
        found, unknown = [], []
        for name in names:
            target = self.categories.get(name.casefold(), name)
            if not target:
                continue
            category = (
                known.get(target.casefold())
                or by_slug.get(target)
                or by_slug.get(ascii_slug(target))
            )
            if category is None:
                unknown.append(name)
            elif category not in found:
                found.append(category)
        return found, unknown

    def tag_names(self, names: list[str]) -> list[str]:
        """The tags to give for the old ``names`` (mapped, empty ones left out, each once)."""
        result: list[str] = []
        for name in names:
            tag = self.tags.get(name.casefold(), name).strip()
            if tag and tag not in result:
                result.append(tag)
        return result


def load_mapping(path: str | Path | None) -> Mapping:
    """The mapping in a TOML file (an empty one without a file)."""
    if not path:
        return Mapping()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise MappingError(f"{path}: {error}") from error
    unknown = sorted(set(data) - {"categories", "tags"})
    if unknown:
        raise MappingError(f"{path}: unknown tables {unknown}; use [categories] and [tags]")
    return Mapping(
        categories={str(k).casefold(): str(v) for k, v in data.get("categories", {}).items()},
        tags={str(k).casefold(): str(v) for k, v in data.get("tags", {}).items()},
    )
