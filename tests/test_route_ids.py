"""Ids in the package's own paths: any number of digits answers 404, never a 500.

Django's ``int`` converter takes any number of digits; an id of 2^63 or more then overflows
the database's 64-bit column (SQLite: ``OverflowError``; PostgreSQL: out of range).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HUGE_IDS = [2**63 - 1, 2**63, 10**30]
ID_PATHS = [
    "/govnews/news/{id}/qr.svg",
    "/govnews/news/{id}/qr.png",
    "/govnews/feeds/vi/section/{id}/rss.xml",
    "/govnews/feeds/vi/section/{id}/atom.xml",
]


@pytest.mark.parametrize("path", ID_PATHS)
@pytest.mark.parametrize("page_id", HUGE_IDS)
def test_a_huge_id_is_not_found(client, path, page_id):
    assert client.get(path.format(id=page_id)).status_code == 404


def test_ids_reverse_and_resolve_as_before(client, article, news_index):
    url = reverse("wagtail_govnews:news_qr_code", args=[article.pk, "svg"])
    assert url == f"/govnews/news/{article.pk}/qr.svg"
    assert client.get(url).status_code == 200
    feed = reverse("wagtail_govnews:section_feed_rss", args=["vi", news_index.pk])
    assert client.get(feed).status_code == 200
