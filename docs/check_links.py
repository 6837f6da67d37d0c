"""Check that every internal link of the built HTML documentation resolves.

    python docs/check_links.py docs/_build/html

For every ``href`` and ``src`` that is not external (no scheme, not ``//host``), the target
file must exist in the build, and a ``#fragment`` must be an ``id`` (or ``name``) in the
target page. Prints each broken link and exits with 1 if there is any. Needs no network.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    """Collects the links and the anchors (ids and names) of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.anchors.add(values[name])
        for name in ("href", "src"):
            if values.get(name) is not None and tag != "base":
                self.links.append(values[name])


def _parse(path: Path, cache: dict[Path, _Page]) -> _Page:
    if path not in cache:
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        cache[path] = page
    return cache[path]


def broken_links(root: Path) -> list[str]:
    """Every unresolved internal link under ``root``, as "page: link (reason)"."""
    cache: dict[Path, _Page] = {}
    problems = []
    for html in sorted(root.rglob("*.html")):
        for link in _parse(html, cache).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:")):
                continue  # external: not checked (no network here)
            target = html if not parts.path else (html.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            where = f"{html.relative_to(root)}: {link}"
            if not target.is_relative_to(root.resolve()) and target != html:
                problems.append(f"{where} (outside the build)")
            elif not target.exists():
                problems.append(f"{where} (no such file)")
            elif (
                parts.fragment
                and target.suffix == ".html"
                and unquote(parts.fragment) not in _parse(target, cache).anchors
            ):
                problems.append(f"{where} (no such anchor)")
    return problems


def main(argv: list[str]) -> int:
    root = Path(argv[1] if len(argv) > 1 else "docs/_build/html").resolve()
    if not (root / "index.html").exists():
        print(f"{root} has no index.html: build the docs first (make docs)", file=sys.stderr)
        return 2
    problems = broken_links(root)
    for problem in problems:
        print(problem)
    pages = len(list(root.rglob("*.html")))
    print(f"checked internal links of {pages} pages: {len(problems)} broken")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
