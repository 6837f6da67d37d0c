"""Keyset paging of the news list: ``before`` cursors, ``next_cursor`` and ``next`` links."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.api_schema import api_get
from tests.factories import make_index, make_news
from tests.shared_data import shared_transaction

pytestmark = pytest.mark.django_db

LIST = "/api/govnews/news/"


@pytest.fixture(scope="module")
def section_and_articles(django_db_setup, django_db_blocker):
    """A section and seven articles; three share one dateline, so the id breaks the tie.

    Made once for the module: its tests only read (each test's changes are rolled back)."""
    with shared_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            section = make_index()
            start = datetime(2024, 5, 1, 8, 30, 15, 123456, tzinfo=UTC)
            dates = [start + timedelta(hours=n) for n in range(4)] + [start + timedelta(days=1)] * 3
            articles = [make_news(section, f"Tin {n}", date=d) for n, d in enumerate(dates)]
        yield section, articles


@pytest.fixture
def news_index(section_and_articles):
    return section_and_articles[0]


@pytest.fixture
def articles(section_and_articles):
    return section_and_articles[1]


def test_cursor_pages_walk_the_list_like_offsets(client, articles):
    by_offset = [item["id"] for item in api_get(client, LIST).json()["items"]]
    first = api_get(client, LIST, data={"limit": 3}).json()
    assert first["next_cursor"] and first["next"].endswith("offset=3")
    seen = [item["id"] for item in first["items"]]
    url = f"{LIST}?limit=3&before={first['next_cursor']}"
    while url:
        page = api_get(client, url).json()
        assert page["count"] == 7 and page["previous"] is None
        seen += [item["id"] for item in page["items"]]
        url = page["next"]
        if url:
            assert "before=" in url and "offset" not in url
            assert f"before={page['next_cursor']}&" in url
    assert seen == by_offset and len(set(seen)) == 7


def test_last_page_has_no_cursor(client, articles):
    page = api_get(client, LIST, data={"limit": 7}).json()
    assert page["next"] is None and page["next_cursor"] is None


def test_cursor_works_with_filters(client, articles, news_index):
    first = api_get(client, LIST, data={"limit": 2, "index": news_index.pk}).json()
    rest = api_get(
        client, LIST, data={"index": news_index.pk, "before": first["next_cursor"]}
    ).json()
    assert len(first["items"]) + len(rest["items"]) == 7


# A well-formed cursor beyond the calendar (19 digits) is read as a far future or past:
# tests/test_api_http.py.
@pytest.mark.parametrize("cursor", ["abc", "12_", "_5", "1.5_3", "99999999999999999999_1"])
def test_bad_cursor_is_a_4xx_problem(client, articles, cursor):
    response = client.get(LIST, {"before": cursor})
    assert response.status_code in (400, 422)
    assert response["Content-Type"].startswith("application/problem+json")
