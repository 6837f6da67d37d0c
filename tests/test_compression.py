"""Gzip of text responses (``TextGZipMiddleware``): pages (cached ones too), JSON, feeds;
never images, never twice."""

from __future__ import annotations

import gzip

import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_gzipped_once_rendered_or_cached(client, article):
    plain = client.get(article.url).content
    rendered = client.get(article.url, headers={"accept-encoding": "gzip"})
    cached = client.get(article.url, headers={"accept-encoding": "gzip"})
    for response in (rendered, cached):
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert gzip.decompress(response.content) == plain
    assert len(rendered.content) < len(plain) / 2


def test_json_and_feeds_are_gzipped(client, article):
    for url in ("/api/govnews/news/", "/govnews/feeds/vi/rss.xml"):
        response = client.get(url, headers={"accept-encoding": "gzip"})
        assert response.status_code == 200, url
        assert response["Content-Encoding"] == "gzip", url
        assert response.get("ETag", "W/").startswith("W/"), url  # a strong one becomes weak


def test_a_gzipped_etag_still_revalidates(client, article):
    etag = client.get("/api/govnews/news/", headers={"accept-encoding": "gzip"})["ETag"]
    again = client.get(
        "/api/govnews/news/", headers={"accept-encoding": "gzip", "if-none-match": etag}
    )
    assert again.status_code == 304


def test_images_are_not_gzipped(client, article):
    png = client.get(f"/govnews/news/{article.pk}/qr.png", headers={"accept-encoding": "gzip"})
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert not png.has_header("Content-Encoding")
    assert png.content.startswith(b"\x89PNG")


def test_without_accept_encoding_nothing_is_gzipped(client, article):
    response = client.get(article.url)
    assert not response.has_header("Content-Encoding")
    assert response.content.lstrip().lower().startswith(b"<!doctype html>")
