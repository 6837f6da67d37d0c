"""The news section page: newest first, paginated, filterable, never leaking hidden articles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from tests.factories import make_category, make_image, make_index, make_news

BASE = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)


def titles(response) -> list[str]:
    return [news.title for news in response.context["news_page"]]


@pytest.mark.django_db
def test_lists_published_news_newest_first(client, news_index):
    for day in (3, 1, 2):
        make_news(news_index, f"Ngày {day}", date=BASE + timedelta(days=day))
    response = client.get(news_index.url)
    assert response.status_code == 200
    assert titles(response) == ["Ngày 3", "Ngày 2", "Ngày 1"]
    assert "Giới thiệu" in response.content.decode()


@pytest.mark.django_db
def test_hidden_articles_are_not_listed(client, news_index):
    make_news(news_index, "Công khai", date=BASE)
    make_news(news_index, "Bản nháp", publish=False)
    private = make_news(news_index, "Riêng tư", date=BASE)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    unpublished = make_news(news_index, "Đã gỡ", date=BASE)
    unpublished.unpublish()
    html = client.get(news_index.url).content.decode()
    assert "Công khai" in html
    for hidden in ("Bản nháp", "Riêng tư", "Đã gỡ"):
        assert hidden not in html


@pytest.mark.django_db
def test_only_own_section(client, news_index):
    other = make_index("Khoa giáo", "khoa-giao")
    make_news(news_index, "Tin của mục này", date=BASE)
    make_news(other, "Tin mục khác", date=BASE)
    assert titles(client.get(news_index.url)) == ["Tin của mục này"]


@pytest.mark.django_db
def test_filter_by_category_and_tag(client, news_index):
    education, health = make_category("Giáo dục"), make_category("Y tế")
    make_news(news_index, "Trường học", categories=[education], tags=["tuyển sinh"], date=BASE)
    make_news(news_index, "Bệnh viện", categories=[health], tags=["tiêm chủng"], date=BASE)
    assert education.slug == "giao-duc"
    assert titles(client.get(news_index.url, {"category": "giao-duc"})) == ["Trường học"]
    assert titles(client.get(news_index.url, {"category": "y-te"})) == ["Bệnh viện"]
    assert titles(client.get(news_index.url, {"tag": "tiem-chung"})) == ["Bệnh viện"]
    response = client.get(news_index.url, {"category": "khong-co"})
    assert response.status_code == 200
    assert titles(response) == []
    assert "Chưa có tin." in response.content.decode()


@pytest.mark.django_db
@override_settings(WAGTAIL_GOVNEWS={"NEWS_PER_PAGE": 2})
def test_pagination_keeps_filters_and_tolerates_bad_page_numbers(client, news_index):
    education = make_category("Giáo dục")
    for n in range(5):
        make_news(news_index, f"Tin {n}", categories=[education], date=BASE + timedelta(hours=n))
    first = client.get(news_index.url, {"category": "giao-duc"})
    assert titles(first) == ["Tin 4", "Tin 3"]
    assert "?page=2&amp;category=giao-duc" in first.content.decode()
    assert titles(client.get(news_index.url, {"page": 3})) == ["Tin 0"]
    for bad in ("abc", "-1", "999", ""):
        response = client.get(news_index.url, {"page": bad})
        assert response.status_code == 200


@pytest.mark.django_db
@override_settings(WAGTAIL_GOVNEWS={"RESPONSE_CACHE_TIMEOUT": 0})  # every request cold
def test_list_queries_do_not_grow_with_items(client, news_index, django_assert_max_num_queries):
    def count_queries() -> int:
        client.get(news_index.url)  # warm up renditions
        with django_assert_max_num_queries(25) as captured:
            client.get(news_index.url)
        return len(captured.captured_queries)

    category = make_category("Giáo dục")
    make_news(news_index, "Một", hero_image=make_image(), categories=[category], date=BASE)
    one = count_queries()
    for n in range(10):
        make_news(news_index, f"Tin {n}", hero_image=make_image(), categories=[category], date=BASE)
    assert count_queries() == one


@pytest.mark.django_db
def test_cards_show_dateline_lead_and_thumbnail(client, news_index):
    make_news(news_index, "Có ảnh", hero_image=make_image(), lead="Sapo ngắn.", date=BASE)
    html = client.get(news_index.url).content.decode()
    assert "Thứ Tư, 01/05/2024 15:00" in html
    assert "Sapo ngắn." in html
    assert "original_images/" not in html
    assert "fill-480x270" in html
