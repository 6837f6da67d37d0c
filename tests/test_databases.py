"""Query strings that databases treat specially never cause a 5xx, on SQLite and PostgreSQL.

SQLite's full-text search (FTS5) reads quotes, ``*`` and ``:`` as query syntax; PostgreSQL
refuses text holding NUL. Visitors' searches and filters must reach neither as such. Run the
suite with ``DATABASE_URL=postgres://…`` to check PostgreSQL (``.ci/run`` does both).
"""

from __future__ import annotations

import pytest
from django.db import connection

from tests.factories import make_category, make_home, make_index, make_news

pytestmark = pytest.mark.django_db

HOSTILE = ['"', 'a"b', "a\x00b", "\x00", "'", "*", "a:b", "(", "NEAR(a b)", "a AND", "-", "&|!"]


@pytest.fixture
def site(db):
    """A home page with a section holding one article that has a category and a tag."""
    home = make_home()
    section = make_index(parent=home)
    article = make_news(
        section, "Tin thử", lead="Sapo.", categories=[make_category()], tags=["thử"]
    )
    return home, section, article


def failures(client, url: str, names: list[str], ok: set[int]) -> list[tuple[str, str, int]]:
    """(parameter, value, status) of every hostile value ``url`` does not answer with ``ok``."""
    found = []
    for name in names:
        for value in HOSTILE:
            status = client.get(url, {name: value}).status_code
            if status not in ok:
                found.append((name, value, status))
    return found


def test_news_index_filters_answer_without_error(client, site):
    _, section, _ = site
    assert failures(client, section.url, ["q", "tag", "category"], {200}) == [], connection.vendor


def test_site_search_answers_without_error(client, site):
    home, _, _ = site
    assert failures(client, home.url, ["q"], {200}) == [], connection.vendor


def test_api_filters_answer_without_server_error(client, site):
    names = ["search", "tag", "category", "locale"]
    assert failures(client, "/api/govnews/news/", names, {200, 400}) == [], connection.vendor


def test_punctuation_does_not_hide_what_the_words_find(client, site):
    home, section, _ = site
    for url in (home.url, section.url):
        assert "Tin thử" in client.get(url, {"q": '"Sapo"'}).content.decode()
    assert "Tin thử" not in client.get(section.url, {"tag": "th\x00u"}).content.decode()
