"""``manifest.json``: what an export holds, so a deploy step can sync only what changed.

::

    {
      "format": "wagtail-govnews-export/1",
      "site": "https://news.example.gov",
      "generated_at": "2026-11-25T20:00:00+00:00",
      "files": {
        "vi/tin-tuc/slug/index.html": {
          "sha256": "…", "size": 31210, "content_type": "text/html; charset=utf-8",
          "last_modified": "2026-11-25T19:58:03+00:00", "page": 42
        }
      },
      "routes": {"/api/govnews/news/?limit=20&offset=20": "api/govnews/news/page-2.json"},
      "state": "1234.56"
    }

``last_modified`` is when the file's content last changed; ``page`` the article a file
belongs to; ``routes`` maps the live API list URLs (with query strings) to their files;
``state`` identifies the audit log at export time (for ``--changed`` runs).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

FORMAT = "wagtail-govnews-export/1"
NAME = "manifest.json"


def content_hash(body: bytes) -> str:
    """The SHA-256 hex digest of a file's content."""
    return hashlib.sha256(body).hexdigest()


@dataclass
class Manifest:
    """The files of one export, by path."""

    site: str = ""
    generated_at: str = ""
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    routes: dict[str, str] = field(default_factory=dict)
    state: str = ""

    @classmethod
    def loads(cls, data: bytes) -> Manifest:
        """Parse a manifest; raises ``ValueError`` when it is not one of ours."""
        raw = json.loads(data)
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} manifest")
        return cls(
            raw.get("site", ""),
            raw.get("generated_at", ""),
            raw["files"],
            raw["routes"],
            raw.get("state", ""),
        )

    def dumps(self) -> bytes:
        """The manifest as indented, key-sorted JSON."""
        data = {
            "format": FORMAT,
            "site": self.site,
            "generated_at": self.generated_at,
            "files": self.files,
            "routes": self.routes,
            "state": self.state,
        }
        return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False).encode()

    def same_as(self, other: Manifest) -> bool:
        """Whether two manifests list the same files and routes (dates aside)."""
        return (self.site, self.files, self.routes, self.state) == (
            other.site,
            other.files,
            other.routes,
            other.state,
        )

    def entry(
        self, path: str, body: bytes, content_type: str, now: str, page_id: int | None
    ) -> tuple[dict[str, Any], bool]:
        """The entry ``path`` gets with ``body``, and whether the content changed."""
        digest = content_hash(body)
        old = self.files.get(path)
        changed = old is None or old["sha256"] != digest
        entry = {
            "sha256": digest,
            "size": len(body),
            "content_type": content_type,
            "last_modified": now if changed else old["last_modified"],
        }
        if page_id is not None:
            entry["page"] = page_id
        return entry, changed
