"""The index migration: children and siblings of a page are found through an index."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.factories import make_index, make_news
from wagtail_govnews.models import NewsPage

pytestmark = pytest.mark.django_db


def test_depth_path_index_exists():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "wagtailcore_page")
    assert constraints["govnews_page_depth_path"]["columns"] == ["depth", "path"]


def test_children_query_can_use_the_index(news_index):
    """The planner may pick the index for "children of" (SQLite: always, given the choice)."""
    make_news(news_index, "Tin")
    make_index("Khoa giáo", "khoa-giao")
    query = NewsPage.objects.child_of(news_index).only("pk").query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"EXPLAIN {'QUERY PLAN ' if connection.vendor == 'sqlite' else ''}{sql}", params
        )
        plan = " ".join(str(row) for row in cursor.fetchall())
    if connection.vendor == "sqlite":
        assert "govnews_page_depth_path" in plan
