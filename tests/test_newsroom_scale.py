"""The News area on a large archive: a constant number of queries, a search needing no index."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.wagtail_hooks import page_listing_more_buttons

from tests.factories import make_category, make_index, make_news
from tests.test_newsroom_admin import post_news, titles
from wagtail_govnews import newsroom_translation
from wagtail_govnews.models import NewsPage

LISTING = "govnews_news:index"
DAY = timezone.now() - timedelta(days=3)
QUERIES = [
    {},
    {"section": "city"},
    {"category": "traffic"},
    {"author": "lan"},
    {"status": "live"},
    {"status": "draft"},
    {"date_from": (DAY - timedelta(days=1)).date(), "date_to": (DAY + timedelta(days=1)).date()},
    {"q": "buyt"},
    {"q": "buýt", "section": "city", "status": "live"},
    {"ordering": "title"},
]


@pytest.fixture
def archive(db):
    """Two sections, two categories and a way to add articles (``archive["add"](n)``)."""
    Locale.objects.get_or_create(language_code="en")  # a locale to translate into
    city, science = make_index(), make_index("Khoa giáo", "khoa-giao")
    traffic, health = make_category("Giao thông"), make_category("Y tế")
    made = []

    def add(count: int) -> None:
        for number in range(len(made), len(made) + count):
            made.append(
                make_news(
                    (city, science)[number % 2],
                    f"Tuyến xe buýt số {number}",
                    author=("Lan Anh", "Minh Khôi")[number % 2],
                    categories=[(traffic, health)[number % 2]],
                    date=DAY - timedelta(minutes=number),
                    publish=number % 5 != 0,
                )
            )

    return {"city": city, "traffic": traffic, "add": add, "made": made}


def _params(archive, query: dict) -> dict:
    return {
        key: archive[value].pk if key in ("section", "category") else value
        for key, value in query.items()
    }


def _editor_client() -> Client:
    """A client logged in as a member of Wagtail's "Editors" group (not a superuser)."""
    user = get_user_model().objects.create_user("reporter", password="pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    return client


def _count(client: Client, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("query", QUERIES, ids=lambda query: "&".join(map(str, query)) or "all")
@pytest.mark.parametrize("who", ["superuser", "editor"])
def test_news_listing_queries_do_not_grow_with_the_articles(
    archive, editor_client, django_assert_max_num_queries, query, who
):
    client = editor_client if who == "superuser" else _editor_client()
    url, params = reverse(LISTING), _params(archive, query)
    archive["add"](5)
    few = _count(client, url, params)
    archive["add"](45)
    with django_assert_max_num_queries(few):
        response = client.get(url, params)
    listed = len(response.context["pages"])
    assert listed > 5 or query.get("status") == "draft"
    assert response.context["items_count"] == listed  # counted apart, the same articles


@pytest.mark.django_db
def test_news_listing_rows_keep_wagtail_localize_buttons(archive, editor_client):
    archive["add"](3)
    first, second, _third = archive["made"]
    source, _ = TranslationSource.get_or_create_from_instance(first)
    Translation.objects.create(source=source, target_locale=Locale.objects.get(language_code="en"))
    editor_client.get(reverse(LISTING))  # installs the stand-in hook
    user = get_user_model().objects.get(username="editor")

    def buttons(page, *, prepared: bool) -> list[tuple[str, str]]:
        page = NewsPage.objects.get(pk=page.pk)
        if prepared:
            newsroom_translation.prepare_buttons([page], user)
            made = newsroom_translation._more_buttons(page, user, next_url="/next/")
        else:
            made = page_listing_more_buttons(page, user, next_url="/next/")
        return [(str(button.label), button.url) for button in made]

    for page in (first, second):
        assert buttons(page, prepared=True) == buttons(page, prepared=False)
    with translation.override("en"):
        labels = [label for label, _ in buttons(first, prepared=True)]
    assert labels == ["Translate this page", "Sync translated pages"]
    html = editor_client.get(reverse(LISTING)).content.decode()
    assert reverse("wagtail_localize:update_translations", args=[source.pk]) in html


@pytest.mark.django_db
def test_news_search_finds_a_new_article_without_update_index(editor_client, news_index):
    response = post_news(editor_client, news_index, title="Khai trương tuyến xe buýt điện")
    assert response.status_code == 302
    listing = reverse(LISTING)
    for query in ("xe buýt", "xe buyt", "XE BUY", "khai truong"):
        assert titles(editor_client.get(listing, {"q": query})) == {
            "Khai trương tuyến xe buýt điện"
        }, query
    exported = editor_client.get(listing, {"q": "xe buyt", "export": "csv"})
    assert exported.status_code == 200
    # A heading row and one row for the one match, with its title and address.
    rows = b"".join(exported.streaming_content).decode().split("\r\n")
    assert len(rows) == 3 and rows[-1] == ""
    assert "Khai trương tuyến xe buýt điện" in rows[1] and "http" in rows[1]
    assert rows[0] == "Tiêu đề,Ngày đăng,Tác giả,Trạng thái,Xuất bản lần đầu,URL"
    assert "export=csv" in editor_client.get(listing).content.decode()  # the button
    assert titles(editor_client.get(listing, {"q": "tàu điện"})) == set()
    assert titles(editor_client.get(listing, {"q": "!!"})) == set()
