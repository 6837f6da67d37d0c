"""Outages survived: a stopped Redis (a real one, started here) and an unreachable database."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from django.core.cache import caches
from django.db import OperationalError, connection
from django.test import Client

from benchmarks.faults import RedisServer
from tests.factories import make_news
from wagtail_govnews.models.popularity import flush_view_counts

READER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    """A private redis-server on a free loopback port that keeps nothing on disk."""
    if not (shutil.which("redis-server") and shutil.which("redis-cli")):
        pytest.skip("redis-server is not installed")
    with ExitStack() as stack:
        yield RedisServer(stack)


@pytest.fixture
def fail_soft_cache(settings, redis_server):
    """Every cache of the site is a FailSoftRedisCache on the private server."""
    cache = {
        "BACKEND": "wagtail_govnews.redis_cache.FailSoftRedisCache",
        "LOCATION": f"redis://127.0.0.1:{redis_server.port}/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "RETRY_AFTER": 0.3},
    }
    settings.CACHES = {"default": cache}
    yield caches["default"]
    caches["default"].close()


@pytest.mark.django_db
@pytest.mark.slow
def test_pages_and_the_api_answer_while_redis_is_down(fail_soft_cache, redis_server, article):
    reader = Client(HTTP_USER_AGENT=READER)
    api = f"/api/govnews/news/{article.pk}/"
    assert reader.get(article.url).status_code == 200
    assert reader.get(api).status_code == 200
    assert fail_soft_cache.get("govnews:tag-counter") is not None  # caching works

    redis_server.stop()
    for _ in range(3):
        assert reader.get(article.url).status_code == 200
        assert reader.get(api).json()["id"] == article.pk
        assert reader.get(f"/govnews/news/{article.pk}/qr.svg").status_code == 200
    assert not fail_soft_cache.available
    assert fail_soft_cache.get("anything", "missing") == "missing"
    with pytest.raises(ValueError):
        fail_soft_cache.incr("anything")
    assert fail_soft_cache.add("anything", 1) is False

    redis_server.start()  # an empty Redis, as after a restart
    time.sleep(0.4)  # RETRY_AFTER
    assert reader.get(api).status_code == 200
    assert fail_soft_cache.available
    assert fail_soft_cache.get("govnews:tag-counter") is not None  # caching resumed
    Client(HTTP_USER_AGENT=READER, REMOTE_ADDR="198.51.100.1").get(article.url)
    assert flush_view_counts() == 1  # and view counting


@pytest.mark.django_db
def test_a_database_outage_is_a_503_with_retry_after(article, settings):
    settings.MIDDLEWARE = [
        "wagtail_govnews.unavailable.DatabaseUnavailableMiddleware",
        *settings.MIDDLEWARE,
    ]
    make_news(article.get_parent(), "Tin khác")
    reader = Client(HTTP_USER_AGENT=READER)
    assert reader.get(article.url).status_code == 200

    def unreachable(execute, sql, params, many, context):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    with connection.execute_wrapper(unreachable):
        page = reader.get(article.url)
        api = reader.get(f"/api/govnews/news/{article.pk}/")
    assert page.status_code == 503 and page["Retry-After"] == "10"
    assert page["Content-Type"].startswith("text/html") and b"Traceback" not in page.content
    assert "no-store" in page["Cache-Control"]
    assert api.status_code == 503 and api["Retry-After"] == "10"
    assert api["Content-Type"] == "application/problem+json"
    assert api.json()["status"] == 503

    assert reader.get(article.url).status_code == 200  # back: no restart needed
