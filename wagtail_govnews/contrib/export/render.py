"""Render URLs of the live site in-process, exactly as a visitor of the site would get them.

Requests go through Django's full request handling (URL resolver, middleware, the real views
and the API) with the ``Host`` and scheme of the Wagtail site, so absolute URLs, QR codes and
API bodies are the bytes the live site answers. An article's QR code files are made by the
function its QR views call, without a request: the same bytes, for a fraction of the cost.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.http.request import validate_host
from django.test import Client
from django.utils import translation
from wagtail.models import Site

from wagtail_govnews.qr import QR_CONTENT_TYPES, QRCodeError, article_qr_file

if TYPE_CHECKING:
    from wagtail_govnews.contrib.export.targets import Target


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

    def render_target(self, target: Target) -> Rendered:
        """The body of ``target``'s URL (its QR code made directly); raises
        :class:`RenderError`."""
        if target.qr is None:
            return self.render(target.url)
        qr = target.qr
        # The QR URLs have no language prefix: the site answers them in its default language.
        with translation.override(settings.LANGUAGE_CODE):
            try:
                body = article_qr_file(qr.url, qr.title, qr.fmt)
            except QRCodeError as error:
                raise RenderError(f"{target.url} answered HTTP 422: {error}") from error
        content = body if isinstance(body, bytes) else body.encode()
        return Rendered(content, QR_CONTENT_TYPES[qr.fmt])

    def absolute(self, path: str) -> str:
        """The absolute URL of a path on this site."""
        return self.root_url + path


def rewrite_links(body: bytes, links: dict[str, str]) -> bytes:
    """Replace the JSON strings ``links`` maps (absolute URLs) in a JSON body."""
    for old, new in links.items():
        body = body.replace(json.dumps(old).encode(), json.dumps(new).encode())
    return body
