"""Anonymous client keys for de-duplicating and rate-limiting view counts.

A client is its network address (an IPv6 address by its /64 network, which one subscriber
usually holds whole) and its ``User-Agent``. Neither is stored: the key is an HMAC of them
under a random salt that lives only in the cache and is replaced every day, so once a day
has passed nobody (not even with the database and ``SECRET_KEY``) can tell who read what.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets

from django.core.cache import BaseCache, caches
from django.http import HttpRequest
from django.utils import timezone

from .conf import govnews_settings

#: A salt is kept two days, so the whole of "today" is covered whenever it was made.
SALT_TIMEOUT = 60 * 60 * 48
_FALLBACK_SALT = secrets.token_bytes(16)  # when the cache keeps nothing (DummyCache)


def client_address(request: HttpRequest) -> str:
    """The reader's address: ``REMOTE_ADDR``, or behind ``PROXY_COUNT`` trusted reverse
    proxies the ``X-Forwarded-For`` entry that the outermost of them appended."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = govnews_settings.PROXY_COUNT
    if proxies:
        forwarded = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if forwarded:
            address = forwarded[-min(proxies, len(forwarded))]
    return _network(address)


def _network(address: str) -> str:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def client_key(request: HttpRequest) -> str:
    """A short, salted, daily-rotating key of the client making ``request``."""
    identity = f"{client_address(request)}\0{request.headers.get('User-Agent', '')[:512]}"
    return hmac.new(_daily_salt(), identity.encode(), hashlib.sha256).hexdigest()[:24]


def _cache() -> BaseCache:
    return caches[govnews_settings.VIEW_COUNT_CACHE_ALIAS]


def _daily_salt() -> bytes:
    key = f"govnews:views:salt:{timezone.localdate().isoformat()}"
    cache = _cache()
    salt = cache.get(key)
    if salt is None:
        cache.add(key, secrets.token_hex(16), SALT_TIMEOUT)  # the first process of the day wins
        salt = cache.get(key)
    return bytes.fromhex(salt) if isinstance(salt, str) else _FALLBACK_SALT
