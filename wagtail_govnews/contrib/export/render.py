"""Render URLs of the live site in-process, exactly as a visitor of the site would get them.

Requests go through Django's full request handling (URL resolver, middleware, the real views
and the API) with the ``Host`` and scheme of the Wagtail site, so absolute URLs, QR codes and
API bodies are the bytes the live site answers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.conf import settings
from django.http.request import validate_host
from django.test import Client
from wagtail.models import Site


class RenderError(Exception):
    """A URL of the site did not answer ``200 OK``."""


@dataclass(frozen=True)
class Rendered:
    """A response body and its content type."""

    body: bytes
    content_type: str


def site_host(site: Site) -> tuple[str, bool]:
    """The ``Host`` header and whether HTTPS is used for requests to ``site``."""
    secure = site.port == 443
    host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    return host, secure


class Renderer:
    """Fetches URLs of one site in-process, anonymously."""

    def __init__(self, site: Site) -> None:
        self.host, self.secure = site_host(site)
        if not validate_host(site.hostname, settings.ALLOWED_HOSTS):
            raise RenderError(
                f"The site's hostname {site.hostname!r} is not in ALLOWED_HOSTS: the export "
                "renders pages as requests to it. Add it, or fix the site in Settings → Sites."
            )
        self.root_url = site.root_url
        self.client = Client(raise_request_exception=True)

    def render(self, url: str) -> Rendered:
        """The body of ``url`` (a path, with an optional query); raises :class:`RenderError`."""
        response = self.client.get(url, secure=self.secure, headers={"host": self.host})
        if response.status_code != 200:
            raise RenderError(f"{url} answered HTTP {response.status_code}")
        return Rendered(response.content, response.get("Content-Type", ""))

    def absolute(self, path: str) -> str:
        """The absolute URL of a path on this site."""
        return self.root_url + path


def rewrite_links(body: bytes, links: dict[str, str]) -> bytes:
    """Replace the JSON strings ``links`` maps (absolute URLs) in a JSON body."""
    for old, new in links.items():
        body = body.replace(json.dumps(old).encode(), json.dumps(new).encode())
    return body
