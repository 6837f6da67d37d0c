"""A Redis cache that a Redis outage cannot turn into errors.

Django's ``RedisCache`` raises when Redis is unreachable, and Wagtail reads the cache while
routing every page (site root paths), so a stopped Redis answers every request with a 500.
:class:`FailSoftRedisCache` answers as an empty cache instead (reads miss, writes are
dropped) and pages are built from the database; after a failure it leaves Redis alone for
``RETRY_AFTER`` seconds (no connection attempt per call), then tries again, so caching
resumes by itself when Redis is back. Use it in ``CACHES``::

    CACHES = {"default": {
        "BACKEND": "wagtail_govnews.redis_cache.FailSoftRedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "RETRY_AFTER": 5},
    }}

While Redis is away, view counts are not kept, and an edit that Wagtail does not log (a
script's ``save()``) cannot empty the response cache; see docs/how-to/deploying.md.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

#: Seconds without Redis after a failure, unless ``OPTIONS["RETRY_AFTER"]`` says otherwise.
DEFAULT_RETRY_AFTER = 5.0


def _fail_soft(fallback: Callable[..., Any]) -> Callable:
    """Run the method unless Redis is resting; on a Redis error rest it and use ``fallback``
    (called with the method's arguments) for the answer."""

    def decorate(method: Callable) -> Callable:
        @functools.wraps(method)
        def wrapper(self: FailSoftRedisCache, *args: Any, **kwargs: Any) -> Any:
            if time.monotonic() < self._resting_until:
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except RedisError as error:
                self._rest(error)
                return fallback(*args, **kwargs)
            self._recovered()
            return result

        return wrapper

    return decorate


def _missing(*args: Any, **kwargs: Any) -> None:
    raise ValueError("Redis is unavailable: the key counts as missing.")


class FailSoftRedisCache(RedisCache):
    """Django's Redis cache, answering as an empty cache while Redis is unreachable."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS") or {})
        self.retry_after = float(options.pop("RETRY_AFTER", DEFAULT_RETRY_AFTER))
        super().__init__(server, {**params, "OPTIONS": options})
        self._resting_until = 0.0
        self._failing = False

    def _rest(self, error: RedisError) -> None:
        self._resting_until = time.monotonic() + self.retry_after
        if not self._failing:
            logger.warning("Redis cache unavailable, serving without it: %s", error)
        self._failing = True

    def _recovered(self) -> None:
        if self._failing:
            logger.warning("Redis cache available again.")
            self._failing = False

    @property
    def available(self) -> bool:
        """False while the cache is resting after a failure."""
        return time.monotonic() >= self._resting_until

    @_fail_soft(lambda key, default=None, version=None: default)
    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return super().get(key, default, version)

    @_fail_soft(lambda keys, version=None: {})
    def get_many(self, keys: Any, version: int | None = None) -> dict:
        return super().get_many(keys, version)

    @_fail_soft(lambda key, version=None: False)
    def has_key(self, key: Any, version: int | None = None) -> bool:
        return super().has_key(key, version)

    @_fail_soft(lambda *args, **kwargs: False)
    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return super().add(key, value, timeout, version)

    @_fail_soft(lambda *args, **kwargs: None)
    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        super().set(key, value, timeout, version)

    @_fail_soft(lambda data, *args, **kwargs: list(data))
    def set_many(
        self, data: dict, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list:
        return super().set_many(data, timeout, version)

    @_fail_soft(lambda *args, **kwargs: False)
    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return super().touch(key, timeout, version)

    @_fail_soft(lambda *args, **kwargs: False)
    def delete(self, key: Any, version: int | None = None) -> bool:
        return super().delete(key, version)

    @_fail_soft(lambda *args, **kwargs: None)
    def delete_many(self, keys: Any, version: int | None = None) -> None:
        super().delete_many(keys, version)

    @_fail_soft(_missing)
    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        return super().incr(key, delta, version)

    @_fail_soft(lambda: None)
    def clear(self) -> None:
        super().clear()
