"""Readers' search is right at any size: every match counted, newest first, drafts unseen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page, Site

from benchmarks.seed import build_news
from tests.factories import make_news
from wagtail_govnews.models import NewsIndexPage, NewsPage
from wagtail_govnews.search_text import folded_document, query_words

pytestmark = pytest.mark.django_db


def test_folded_text_is_whole_words_without_diacritics():
    assert folded_document(["Thành phố Đà Nẵng!", "", "covid-19"]) == " thanh pho da nang covid 19 "
    assert folded_document(["", "  "]) == ""
    assert query_words('  "Thành   PHỐ" thành\x00 ') == ["thanh", "pho"]


@pytest.mark.slow
def test_fifteen_hundred_matches_are_all_counted_newest_first(client):
    build_news(1500)  # every lead says "Bản tin số …"
    home = Site.objects.get(is_default_site=True).root_page
    sections = NewsIndexPage.objects.child_of(home)
    newest = make_news(
        sections.first(), "Bản tin mới nhất", date=timezone.now() + timedelta(hours=1)
    )

    api = client.get("/api/govnews/news/", {"search": "ban tin", "limit": 5}).json()
    assert api["count"] == 1501
    assert api["items"][0]["id"] == newest.pk
    dates = [item["date"] for item in api["items"]]
    assert dates == sorted(dates, reverse=True)

    section = sections.first()
    page = client.get(section.url, {"q": "Bản tin"})
    in_section = NewsPage.objects.child_of(section).live().count()
    assert page.context["news_page"].paginator.count == in_section > 300
    assert page.context["news_page"][0].pk == newest.pk


def test_a_word_must_be_whole_and_every_word_present(client, news_index):
    make_news(news_index, "Phòng khám mới", lead="Khai trương.")
    make_news(news_index, "Phở Hà Nội", lead="Ẩm thực.")

    def titles(query: str) -> list[str]:
        items = client.get("/api/govnews/news/", {"search": query}).json()["items"]
        return sorted(item["title"] for item in items)

    assert titles("pho") == ["Phở Hà Nội"]  # not "Phòng"
    assert titles("phong kham") == ["Phòng khám mới"]
    assert titles("phong ha") == []  # every word, in one article
    assert titles("!!!") == sorted(["Phòng khám mới", "Phở Hà Nội"])  # no words: no filter


def test_drafts_and_unpublished_text_are_never_found(client, news_index):
    article = make_news(news_index, "Tin công khai", lead="Nội dung đã duyệt.")
    article.lead = "Bí mật chưa duyệt."
    article.save_revision()  # a draft of the live article
    make_news(news_index, "Bí mật nháp", publish=False)
    assert client.get("/api/govnews/news/", {"search": "bi mat"}).json()["count"] == 0
    assert client.get(news_index.url, {"q": "bí mật"}).context["news_page"].paginator.count == 0
    assert client.get("/api/govnews/news/", {"search": "da duyet"}).json()["count"] == 1

    article.get_latest_revision().publish()
    assert client.get("/api/govnews/news/", {"search": "bi mat"}).json()["count"] == 1
    assert client.get("/api/govnews/news/", {"search": "da duyet"}).json()["count"] == 0


def test_existing_articles_are_searchable_after_the_migration(news_index):
    """Migration 0006 fills the search text of articles saved before it (here: emptied)."""
    from importlib import import_module
    from types import SimpleNamespace

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    article = make_news(news_index, "Khánh thành cầu mới", lead="Cầu dài.")
    NewsPage.objects.filter(pk=article.pk).update(search_folded="")
    assert not NewsPage.objects.matching("khanh thanh").exists()

    migration = import_module("wagtail_govnews.migrations.0006_news_search_folded")
    state = MigrationExecutor(connection).loader.project_state(
        ("wagtail_govnews", "0006_news_search_folded")
    )
    migration.fill_search_text(state.apps, SimpleNamespace(connection=connection))
    assert list(NewsPage.objects.matching("cau dai")) == [Page.objects.get(pk=article.pk).specific]
