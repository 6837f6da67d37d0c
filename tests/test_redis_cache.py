"""QR codes cached in Redis are shared between processes (REDIS_URL in the example project)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test import Client

from wagtail_govnews import qr
from wagtail_govnews.models import NewsPageDailyViews
from wagtail_govnews.models.popularity import flush_view_counts
from wagtail_govnews.qr import cached_qr_svg

REDIS_URL = "redis://127.0.0.1:6379/0"
ROOT = Path(__file__).resolve().parent.parent


def _redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


pytestmark = pytest.mark.skipif(
    not _redis_reachable(), reason="no Redis server answers on 127.0.0.1:6379"
)

#: A second Python process: the same cache settings, but it cannot draw QR codes itself.
SECOND_PROCESS = textwrap.dedent(
    """
    import json, sys
    from django.conf import settings
    settings.configure(CACHES=json.loads(sys.argv[1]), USE_I18N=False)
    from wagtail_govnews import qr

    def refuse(*args, **kwargs):
        raise SystemExit("the second process had to draw the QR code itself")

    qr.qr_svg = refuse
    print(qr.cached_qr_svg(sys.argv[2], title=sys.argv[3]), end="")
    """
)


@pytest.fixture
def redis_caches(settings):
    """Django's default cache as a Redis cache under a key prefix of its own (no FLUSHDB)."""
    prefix = f"govnews-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    yield settings.CACHES
    client = caches["default"]._cache.get_client(write=True)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def test_default_cache_is_redis(redis_caches):
    assert isinstance(caches["default"], RedisCache)


def test_second_cache_instance_sees_the_cached_svg(redis_caches, settings, monkeypatch):
    url = "https://example.gov.vn/vi/tin-tuc/bai-viet/"
    svg = cached_qr_svg(url, title="QR CODE: Bài viết")
    # A second connection to the same Redis, as another worker would have.
    settings.CACHES = {**redis_caches, "second": dict(redis_caches["default"])}
    settings.WAGTAIL_GOVNEWS = {**settings.WAGTAIL_GOVNEWS, "QR_CACHE_ALIAS": "second"}
    assert caches["second"] is not caches["default"]

    def refuse(*args, **kwargs):
        raise AssertionError("the QR code was drawn again instead of read from Redis")

    monkeypatch.setattr(qr, "qr_svg", refuse)
    assert cached_qr_svg(url, title="QR CODE: Bài viết") == svg


@pytest.mark.slow  # a second Python process
def test_second_process_reads_the_svg_the_first_one_cached(redis_caches):
    url = "https://example.gov.vn/vi/tin-tuc/xe-buyt-moi/"
    title = "QR CODE: Xe buýt mới"
    svg = cached_qr_svg(url, title=title)
    result = subprocess.run(
        [sys.executable, "-c", SECOND_PROCESS, json.dumps(redis_caches), url, title],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == svg


@pytest.mark.slow  # a second Python process
def test_nothing_is_shared_for_other_data(redis_caches):
    """The second process is not simply echoing: an uncached value makes it draw (and fail)."""
    result = subprocess.run(
        [sys.executable, "-c", SECOND_PROCESS, json.dumps(redis_caches), "https://x.test/", "t"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode != 0
    assert "had to draw the QR code itself" in result.stderr


@pytest.mark.django_db
def test_views_counted_in_redis_are_stored_by_a_flush(redis_caches, article):
    for n in range(3):  # three readers, and one of them again (counted once)
        reader = Client(HTTP_USER_AGENT="Mozilla/5.0 Chrome/126.0", REMOTE_ADDR=f"192.0.2.{n}")
        assert reader.get(article.url).status_code == 200
    assert reader.get(article.url).status_code == 200
    assert flush_view_counts() == 3
    assert flush_view_counts() == 0  # the counters were emptied, not left to count twice
    assert NewsPageDailyViews.objects.get(page=article).views == 3
