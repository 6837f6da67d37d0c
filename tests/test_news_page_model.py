"""NewsPage behaviour: dateline default, ASCII slugs, other news, routes and hierarchy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import make_index, make_news
from tests.qr_decode import decode, decode_svg
from wagtail_govnews.models import NewsIndexPage, NewsPage, NewsPageRelatedNews
from wagtail_govnews.slugs import ascii_slug

BASE = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)


@pytest.mark.clock
@pytest.mark.django_db
def test_date_defaults_to_first_publication(news_index):
    page = make_news(news_index, "Không đặt ngày", date=None)
    assert page.date is not None
    assert page.date == page.first_published_at


@pytest.mark.django_db
def test_editor_date_is_kept(news_index):
    page = make_news(news_index, "Có ngày", date=BASE)
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.date == BASE


@pytest.mark.clock
@pytest.mark.django_db
def test_draft_has_no_date_but_previews_with_now(news_index):
    page = make_news(news_index, "Nháp", publish=False)
    assert page.date is None
    assert page.display_date is not None


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đại hội Đảng bộ quận lần thứ XXV", "dai-hoi-dang-bo-quan-lan-thu-xxv"),
        ("Thứ Năm: Hội nghị “tổng kết” năm 2022!", "thu-nam-hoi-nghi-tong-ket-nam-2022"),
        ("Ưu tiên phát triển đường thủy", "uu-tien-phat-trien-duong-thuy"),
        ("  ", ""),
    ],
)
def test_ascii_slug(title, slug):
    assert ascii_slug(title) == slug


@pytest.mark.django_db
def test_pages_get_ascii_slugs_deduplicated(news_index):
    first = make_news(news_index, "Đường phố Đà Nẵng")
    second = make_news(news_index, "Đường phố Đà Nẵng")
    assert first.slug == "duong-pho-da-nang"
    assert second.slug == "duong-pho-da-nang-2"


@pytest.mark.django_db
def test_news_page_only_under_news_index():
    assert NewsPage.parent_page_types == ["wagtail_govnews.NewsIndexPage"]
    assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]
    assert NewsPage.allowed_subpage_models() == []


@pytest.mark.django_db
def test_other_news_latest_of_section_without_self(news_index):
    other_section = make_index("Khoa giáo", "khoa-giao")
    make_news(other_section, "Mục khác", date=BASE + timedelta(days=9))
    news = [make_news(news_index, f"Tin {n}", date=BASE + timedelta(days=n)) for n in range(8)]
    hidden = make_news(news_index, "Riêng tư", date=BASE + timedelta(days=20))
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    make_news(news_index, "Nháp", publish=False)
    other = news[3].other_news()
    assert [page.title for page in other] == ["Tin 7", "Tin 6", "Tin 5", "Tin 4", "Tin 2", "Tin 1"]


@pytest.mark.django_db
def test_curated_other_news_in_editor_order_live_only(news_index):
    news = [make_news(news_index, f"Tin {n}", date=BASE + timedelta(days=n)) for n in range(4)]
    main = news[0]
    for order, picked in enumerate([news[2], news[1], news[3]]):
        NewsPageRelatedNews.objects.create(page=main, news=picked, sort_order=order)
    news[3].unpublish()
    assert [page.title for page in main.other_news()] == ["Tin 2", "Tin 1"]


@pytest.mark.django_db
def test_curated_other_news_fall_back_when_none_is_live(news_index):
    main = make_news(news_index, "Chính", date=BASE)
    gone = make_news(news_index, "Đã gỡ", date=BASE)
    latest = make_news(news_index, "Mới nhất", date=BASE + timedelta(days=1))
    NewsPageRelatedNews.objects.create(page=main, news=gone)
    gone.unpublish()
    assert main.other_news() == [latest]


@pytest.mark.django_db
def test_qr_image_routes(client, article):
    svg = client.get(f"/govnews/news/{article.pk}/qr.svg")
    png = client.get(f"/govnews/news/{article.pk}/qr.png")
    assert svg["Content-Type"] == "image/svg+xml"
    assert png["Content-Type"] == "image/png"
    assert "max-age" in png["Cache-Control"]
    assert decode_svg(svg.content.decode()) == [article.full_url]
    assert decode(png.content) == [article.full_url]


@pytest.mark.django_db
def test_hidden_articles_and_their_routes_are_not_served(client, news_index):
    draft = make_news(news_index, "Nháp", publish=False)
    private = make_news(news_index, "Riêng tư")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    for fmt in ("svg", "png", "gif"):
        assert client.get(f"/govnews/news/{draft.pk}/qr.{fmt}").status_code == 404
        assert client.get(f"/govnews/news/{private.pk}/qr.{fmt}").status_code == 404
    for suffix in ("", "print/"):
        assert client.get(f"/vi/tin-tuc/{draft.slug}/{suffix}").status_code == 404
        response = client.get(f"/vi/tin-tuc/{private.slug}/{suffix}")
        assert response.status_code == 200
        assert "password" in response.content.decode().lower()  # the password form, not content
        assert "Riêng tư</h1>" not in response.content.decode()


@pytest.mark.django_db
def test_draft_edits_of_a_live_article_stay_private(client, article):
    article.title = "Tiêu đề chưa duyệt"
    article.lead = "Sapo chưa duyệt"
    article.save_revision()
    html = client.get(article.url).content.decode()
    assert "chưa duyệt" not in html
    assert "Thành phố khai trương tuyến xe buýt mới" in html


@pytest.mark.django_db
def test_other_news_of_a_preview_uses_unsaved_picks(news_index):
    main, picked = make_news(news_index, "Chính"), make_news(news_index, "Được chọn")
    main.related_news = [NewsPageRelatedNews(news=picked)]
    main.save_revision()
    preview = main.get_latest_revision_as_object()
    assert preview.other_news() == [picked]
