"""Share links for news pages (services layer: plain strings in, URLs out; no models)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from wagtail_govnews.conf import govnews_settings

ALLOWED_SCHEMES = ("http", "https")


class ShareNetworkError(ValueError):
    """Raised for a share network name that is not in :data:`NETWORKS`."""


class ShareURLError(ValueError):
    """Raised when the URL to share is not an absolute http(s) URL (e.g. ``javascript:``)."""


def _q(value: str) -> str:
    """Percent-encode one query parameter value (spaces as %20, nothing left unescaped)."""
    return quote(value, safe="")


def _query(base: str, *pairs: tuple[str, str]) -> str:
    """Join ``base`` and the non-empty ``(name, value)`` pairs into one URL."""
    return base + "&".join(f"{name}={_q(value)}" for name, value in pairs if value)


def _zalo(url: str, title: str) -> str:
    payload = base64.b64encode(json.dumps({"url": url}).encode()).decode("ascii")
    return f"https://button-share.zalo.me/share_external?d={_q(payload)}"


def _email(url: str, title: str) -> str:
    body = f"{title}\n{url}" if title else url
    return _query("mailto:?", ("subject", title), ("body", body))


@dataclass(frozen=True)
class ShareNetwork:
    """One share target: its settings key, its display label and its URL builder."""

    name: str
    label: str
    builder: Callable[[str, str], str] = field(repr=False, compare=False)
    is_copy: bool = False


@dataclass(frozen=True)
class ShareLink:
    """A ready-to-render share link (``url`` is the page URL itself when ``is_copy``)."""

    network: str
    label: str
    url: str
    is_copy: bool = False


#: Every known network, in the default display order.
NETWORKS: dict[str, ShareNetwork] = {
    network.name: network
    for network in (
        ShareNetwork(
            "facebook",
            "Facebook",
            lambda u, t: _query("https://www.facebook.com/sharer/sharer.php?", ("u", u)),
        ),
        ShareNetwork("zalo", "Zalo", _zalo),
        ShareNetwork(
            "x",
            "X",
            lambda u, t: _query("https://twitter.com/intent/tweet?", ("text", t), ("url", u)),
        ),
        ShareNetwork(
            "linkedin",
            "LinkedIn",
            lambda u, t: _query("https://www.linkedin.com/sharing/share-offsite/?", ("url", u)),
        ),
        ShareNetwork(
            "telegram",
            "Telegram",
            lambda u, t: _query("https://t.me/share/url?", ("url", u), ("text", t)),
        ),
        ShareNetwork("email", _("Email"), _email),
        ShareNetwork("copy", _("Copy link"), lambda u, t: u, is_copy=True),
    )
}


def validate_share_url(url: str) -> str:
    """Return ``url`` unchanged if it is an absolute http(s) URL, else raise ShareURLError."""
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. "http://[" (a malformed IPv6 host)
        parts = urlsplit("")
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.netloc:
        raise ShareURLError(f"Only http(s) URLs can be shared, got {url!r}.")
    return url


def get_network(name: str) -> ShareNetwork:
    """Return the network called ``name``, or raise ShareNetworkError listing known names."""
    try:
        return NETWORKS[name]
    except KeyError:
        known = ", ".join(NETWORKS)
        raise ShareNetworkError(
            f"Unknown share network {name!r}. Known networks: {known}."
        ) from None


def share_url(network: str, url: str, title: str = "") -> str:
    """Return the exact, fully encoded URL that shares ``url`` (and ``title``) on ``network``."""
    return get_network(network).builder(validate_share_url(url), title)


def enabled_networks() -> list[ShareNetwork]:
    """Return the networks named in ``WAGTAIL_GOVNEWS["SHARE_NETWORKS"]``, in that order."""
    names = govnews_settings.SHARE_NETWORKS
    if isinstance(names, str) or not all(isinstance(name, str) for name in names):
        raise ImproperlyConfigured(
            'WAGTAIL_GOVNEWS["SHARE_NETWORKS"] must be a list of network names.'
        )
    unknown = [name for name in names if name not in NETWORKS]
    if unknown:
        raise ImproperlyConfigured(
            f'Unknown share network(s) in WAGTAIL_GOVNEWS["SHARE_NETWORKS"]: '
            f"{', '.join(map(repr, unknown))}. Known networks: {', '.join(NETWORKS)}."
        )
    if len(set(names)) != len(names):
        raise ImproperlyConfigured('WAGTAIL_GOVNEWS["SHARE_NETWORKS"] lists a network twice.')
    return [NETWORKS[name] for name in names]


def share_links(url: str, title: str = "") -> list[ShareLink]:
    """Return one :class:`ShareLink` per enabled network for the page at ``url``."""
    url = validate_share_url(url)
    return [
        ShareLink(network.name, network.label, network.builder(url, title), network.is_copy)
        for network in enabled_networks()
    ]
