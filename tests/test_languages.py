"""Vietnamese and English: language switcher, ASCII slugs in the admin, localised categories."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import Locale

from tests.factories import make_category, make_news, translate
from wagtail_govnews.models import NewsTag, NewsTagTranslation
from wagtail_govnews.slugs import ascii_slug, slug_formatters

TITLES = [
    "Đại hội Đảng bộ quận lần thứ XXV",
    "Ưu tiên phát triển đường thủy nội địa",
    "Thứ Năm: Hội nghị “tổng kết” năm 2022!",
    "Quận Hồng Bàng tăng cường kiểm tra an toàn thực phẩm",
    "ĐƯỜNG PHỐ ĐÀ NẴNG",
]


@pytest.mark.parametrize("title", TITLES)
def test_admin_slug_formatters_fold_like_the_server(title):
    folded = title
    for pattern, replacement, _flags in slug_formatters():
        folded = re.sub(pattern, replacement, folded)
    assert all(char.isascii() for char in folded if char.isalpha())
    assert slugify(folded) == ascii_slug(title)


@pytest.mark.django_db
def test_admin_slug_field_carries_the_formatters(client, article):
    user = get_user_model().objects.create_superuser("ed", "ed@example.com", "pw")
    client.force_login(user)
    edit = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    html = client.get(edit).content.decode()
    assert 'data-w-slug-formatters-value="' in html
    assert 'data-w-slug-allow-unicode-value="false"' in html
    with override_settings(WAGTAIL_GOVNEWS={"ASCII_SLUGS": False}):
        html = client.get(edit).content.decode()
    assert "data-w-slug-formatters-value" not in html


@pytest.mark.django_db
@override_settings(WAGTAIL_GOVNEWS={"ASCII_SLUGS": False})
def test_unicode_slugs_when_the_site_opts_in(news_index):
    assert make_news(news_index, "Đại hội").slug == "đại-hội"


@pytest.fixture
def english(db):
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.mark.django_db
def test_switcher_links_to_the_translation_or_the_other_home(client, article, english):
    html = client.get(article.url).content.decode()
    english_version = translate(article, english)
    html = client.get(article.url).content.decode()
    assert f'href="{english_version.url}" lang="en" hreflang="en"' in html
    assert english_version.url.startswith("/en/")
    other = make_news(article.get_parent().specific, "Chưa dịch")
    html = client.get(other.url).content.decode()
    home_en = english_version.get_parent().get_parent()
    assert f'href="{home_en.url}" lang="en"' in html
    assert 'lang="vi" hreflang="vi" aria-current="true"' in html


@pytest.mark.django_db
def test_translated_article_shows_translated_categories(client, news_index, english):
    category = make_category("Giáo dục")
    article = make_news(news_index, "Tin giáo dục", categories=[category])
    english_category = category.copy_for_translation(english)
    english_category.name, english_category.slug = "Education", "education"
    english_category.save()
    english_version = translate(article, english)
    assert list(english_version.categories.all()) == [category]  # copied unchanged
    assert english_version.localized_categories() == [english_category]
    html = client.get(english_version.url).content.decode()
    assert "?category=education" in html and "Information utilities" in html
    listing = client.get("/api/govnews/news/", {"locale": "en", "category": "education"}).json()
    assert [item["id"] for item in listing["items"]] == [english_version.pk]
    assert listing["items"][0]["categories"][0]["name"] == "Education"
    assert listing["items"][0]["translations"] == [
        {"id": article.pk, "locale": "vi", "title": "Tin giáo dục", "url": article.full_url}
    ]
    section = client.get(english_version.get_parent().url, {"category": "education"})
    assert [page.pk for page in section.context["news_page"]] == [english_version.pk]


@pytest.mark.django_db
def test_tags_show_their_name_in_the_page_language(client, news_index, english):
    article = make_news(news_index, "Tin khoa giáo", tags=["khoa giáo", "tổng kết năm"])
    tag = NewsTag.objects.get(name="khoa giáo")
    NewsTagTranslation.objects.create(tag=tag, language_code="en", name="science & education")
    english_version = translate(article, english)

    html = client.get(english_version.url).content.decode()
    assert '?tag=khoa-giao">#science &amp; education</a>' in html
    assert '?tag=tong-ket-nam">#tổng kết năm</a>' in html  # no English name: the original
    assert "#khoa giáo" not in html
    assert '<meta property="article:tag" content="science &amp; education">' in html
    assert "#khoa giáo" in client.get(article.url).content.decode()

    detail = client.get(f"/api/govnews/news/{english_version.pk}/").json()
    assert detail["tags"] == [
        {"name": "science & education", "slug": "khoa-giao"},
        {"name": "tổng kết năm", "slug": "tong-ket-nam"},
    ]
    listing = client.get("/api/govnews/news/", {"locale": "en", "tag": "khoa-giao"}).json()
    assert [item["tags"][0]["name"] for item in listing["items"]] == ["science & education"]


@pytest.mark.django_db
def test_editors_name_a_tag_in_english_in_the_admin(editor_client, news_index):
    make_news(news_index, "Tin", tags=["khoa giáo"])
    tag = NewsTag.objects.get(name="khoa giáo")
    edit = reverse("wagtailsnippets_wagtail_govnews_newstag:edit", args=(tag.pk,))
    assert editor_client.get(edit).status_code == 200
    response = editor_client.post(
        edit,
        {
            "name": "khoa giáo",
            "slug": "khoa-giao",
            "translations-TOTAL_FORMS": "1",
            "translations-INITIAL_FORMS": "0",
            "translations-MIN_NUM_FORMS": "0",
            "translations-MAX_NUM_FORMS": "1000",
            "translations-0-language_code": "en",
            "translations-0-name": "science and education",
            "translations-0-ORDER": "1",
            "translations-0-id": "",
            "translations-0-DELETE": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert tag.name_in("en") == "science and education"
    assert tag.name_in("vi") == "khoa giáo"


@pytest.mark.django_db
def test_find_with_locale_prefixed_paths(client, article, english):
    english_version = translate(article, english)
    for page in (article, english_version):
        found = client.get("/api/govnews/news/find/", {"path": page.url}).json()
        assert (found["id"], found["locale"]) == (page.pk, page.locale.language_code)
    assert english_version.url.startswith("/en/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "thí nghiệm",
        "thi nghiem",
        "THI NGHIEM",
        "Đà Nẵng",
        "da nang",
        "phong thi nghiem",
    ],
)
def test_search_with_or_without_diacritics(client, news_index, english, query):
    lab = make_news(news_index, "Phòng thí nghiệm mới ở Đà Nẵng", lead="Khánh thành.")
    make_news(news_index, "Tin khác hẳn", lead="Không liên quan.")
    english_lab = translate(lab, english)
    api = client.get("/api/govnews/news/", {"search": query, "locale": "vi"}).json()
    assert [item["id"] for item in api["items"]] == [lab.pk]
    section = client.get(news_index.url, {"q": query})
    assert [page.pk for page in section.context["news_page"]] == [lab.pk]
    assert english_lab.pk not in [item["id"] for item in api["items"]]


@pytest.mark.django_db
def test_search_is_limited_to_the_requested_locale(client, news_index, english):
    lab = make_news(news_index, "Phòng thí nghiệm")
    english_lab = translate(lab, english)
    english_lab.title = "New laboratory"
    english_lab.save_revision().publish()
    found = client.get("/api/govnews/news/", {"search": "laboratory", "locale": "en"}).json()
    assert [item["id"] for item in found["items"]] == [english_lab.pk]
    assert (
        client.get("/api/govnews/news/", {"search": "laboratory", "locale": "vi"}).json()["count"]
        == 0
    )
