"""What search engines and social networks read: JSON-LD, Open Graph, canonical, hreflang."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
from django.core.files.storage import default_storage
from django.test import RequestFactory, override_settings
from wagtail.models import Locale, Site

from tests.factories import image_block, make_category, make_image, make_news, paragraph
from wagtail_govnews.models import GovNewsSettings, NewsPage
from wagtail_govnews.seo import og_locale, page_meta

DATELINE = datetime(2022, 12, 29, 10, 5, tzinfo=UTC)  # 17:05 in Asia/Ho_Chi_Minh


class Head(HTMLParser):
    """The <meta>, <link> and JSON-LD scripts of a page's <head>."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = defaultdict(list)
        self.links: list[dict[str, str]] = []
        self.json_ld: list[dict] = []
        self._in_head = self._in_json = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self._in_head = True
        elif tag == "meta" and self._in_head:
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta[key].append(attrs.get("content", ""))
        elif tag == "link" and self._in_head:
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json = True

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False
        elif tag == "script":
            self._in_json = False

    def handle_data(self, data):
        if self._in_json:
            self.json_ld.append(json.loads(data))

    def one(self, key: str) -> str:
        values = self.meta[key]
        assert len(values) == 1, f"{key}: {values}"
        return values[0]

    def of_type(self, schema_type: str) -> dict:
        found = [item for item in self.json_ld if item.get("@type") == schema_type]
        assert len(found) == 1, f"{schema_type}: {self.json_ld}"
        return found[0]

    def rel(self, rel: str) -> list[dict[str, str]]:
        return [link for link in self.links if link.get("rel") == rel]


def head_of(client, page, path: str = "") -> Head:
    response = client.get(page.url + path)
    assert response.status_code == 200
    return Head(response.content.decode())


@pytest.fixture
def rich_article(news_index, social_accounts):
    """An article with a hero image, byline, tags, a category and a photo in the body."""
    hero = make_image("Ảnh chính", size=(1600, 1000), description="Toàn cảnh lễ khai trương")
    return make_news(
        news_index,
        "Khai trương tuyến buýt điện đầu tiên",
        date=DATELINE,
        lead="Sáng 29/12, thành phố đưa vào khai thác tuyến xe buýt điện đầu tiên.",
        author="Lê Thu Hà",
        hero_image=hero,
        categories=[make_category("Giao thông")],
        tags=["xe buýt", "giao thông xanh"],
        body=[paragraph("<p>Nội dung.</p>"), image_block(make_image(), caption="Lễ cắt băng.")],
    )


@pytest.fixture
def english(db):
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.mark.django_db
def test_news_article_json_ld_has_the_required_properties(client, rich_article):
    head = head_of(client, rich_article)
    article = head.of_type("NewsArticle")
    url = rich_article.get_full_url()
    assert article["@context"] == "https://schema.org"
    assert article["headline"] == "Khai trương tuyến buýt điện đầu tiên"
    assert article["description"] == rich_article.lead
    assert article["datePublished"] == "2022-12-29T17:05:00+07:00"
    assert datetime.fromisoformat(article["dateModified"]) >= datetime.fromisoformat(
        article["datePublished"]
    )
    assert article["author"] == {"@type": "Person", "name": "Lê Thu Hà"}
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert article["inLanguage"] == "vi"
    assert article["publisher"]["@type"] == "Organization"
    assert article["publisher"]["name"] == "Cổng thông tin thử nghiệm"
    assert "logo" not in article["publisher"]  # no logo in the site settings
    images = article["image"]
    assert [image.split(".")[-2] for image in images] == [
        "fill-1200x675",
        "fill-1200x900",
        "fill-1200x1200",
    ]
    assert all(image.startswith("http://localhost/") for image in images)


@pytest.mark.django_db
def test_breadcrumbs_go_from_home_to_the_article(client, rich_article):
    crumbs = head_of(client, rich_article).of_type("BreadcrumbList")["itemListElement"]
    section = rich_article.get_parent()
    home = section.get_parent()
    assert [(item["position"], item["name"], item["item"]) for item in crumbs] == [
        (1, home.title, home.get_full_url()),
        (2, section.title, section.get_full_url()),
        (3, rich_article.title, rich_article.get_full_url()),
    ]


@pytest.mark.django_db
def test_publisher_logo_from_the_site_settings(client, rich_article):
    settings = GovNewsSettings.for_site(Site.objects.get(is_default_site=True))
    settings.logo = make_image("Logo", size=(800, 200))
    settings.save()
    logo = head_of(client, rich_article).of_type("NewsArticle")["publisher"]["logo"]
    assert logo["@type"] == "ImageObject"
    assert logo["url"].startswith("http://localhost/")
    assert (logo["width"], logo["height"]) == (600, 150)


@pytest.mark.django_db
def test_user_input_cannot_leave_the_json_ld_script(client, news_index):
    evil = "</script><script>alert(1)</script>"
    page = make_news(news_index, evil, lead=f"<!-- {evil}", author=evil)
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)" not in html
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 2
    assert not any(char in script for script in scripts for char in "<>&")
    head = Head(html)
    article = head.of_type("NewsArticle")
    assert article["headline"] == evil
    assert article["author"]["name"] == evil
    assert head.one("og:title") == evil  # attributes are escaped, values intact


@pytest.mark.django_db
def test_open_graph_and_twitter_cards(client, rich_article):
    head = head_of(client, rich_article)
    url = rich_article.get_full_url()
    image = head.one("og:image")
    assert head.one("og:type") == "article"
    assert head.one("og:title") == rich_article.title
    assert head.one("og:description") == rich_article.lead
    assert head.one("og:url") == url
    assert head.one("og:site_name") == "Cổng thông tin thử nghiệm"
    assert head.one("og:locale") == "vi_VN"
    assert head.meta["og:locale:alternate"] == []  # no translation yet
    assert "fill-1200x675" in image and image.startswith("http://localhost/")
    assert (head.one("og:image:width"), head.one("og:image:height")) == ("1200", "675")
    assert head.one("og:image:alt") == "Toàn cảnh lễ khai trương"
    assert head.one("article:published_time") == "2022-12-29T17:05:00+07:00"
    assert head.one("article:modified_time")
    assert head.one("article:section") == rich_article.get_parent().title
    assert sorted(head.meta["article:tag"]) == ["giao thông xanh", "xe buýt"]
    assert head.one("twitter:card") == "summary_large_image"
    assert head.one("twitter:title") == rich_article.title
    assert head.one("twitter:description") == rich_article.lead
    assert head.one("twitter:image") == image
    assert head.one("description") == rich_article.lead
    assert head.one("author") == "Lê Thu Hà"


@pytest.mark.django_db
def test_meta_description_prefers_the_search_description(client, news_index):
    page = make_news(news_index, "Tin", lead="Sapo.", search_description="Mô tả cho Google.")
    head = head_of(client, page)
    assert head.one("description") == "Mô tả cho Google."
    assert head.of_type("NewsArticle")["description"] == "Sapo."


@pytest.mark.django_db
def test_article_without_image_or_byline(client, article):
    head = head_of(client, article)
    data = head.of_type("NewsArticle")
    assert "image" not in data and "author" not in data
    assert "og:image" not in head.meta and "author" not in head.meta
    assert head.one("twitter:card") == "summary"


@pytest.mark.django_db
def test_canonical_follows_the_setting(client, news_index):
    page = make_news(news_index, "Tin đăng lại", original_url="https://nguon.gov.vn/bai-goc")
    canonical = head_of(client, page).rel("canonical")
    assert [link["href"] for link in canonical] == ["https://nguon.gov.vn/bai-goc"]
    with override_settings(WAGTAIL_GOVNEWS={"CANONICAL_TO_ORIGINAL": False}):
        canonical = head_of(client, page).rel("canonical")
    assert [link["href"] for link in canonical] == [page.get_full_url()]
    plain = make_news(news_index, "Tin gốc")
    assert [link["href"] for link in head_of(client, plain).rel("canonical")] == [
        plain.get_full_url()
    ]


def hreflangs(head: Head) -> list[tuple[str, str]]:
    return [
        (link["hreflang"], link["href"]) for link in head.rel("alternate") if "hreflang" in link
    ]


@pytest.mark.django_db
def test_hreflang_lists_live_translations_only(client, rich_article, english):
    assert hreflangs(head_of(client, rich_article)) == []  # one language: nothing to point at
    draft = rich_article.copy_for_translation(english, copy_parents=True)  # not published
    head = head_of(client, rich_article)
    assert hreflangs(head) == []
    assert head.meta["og:locale:alternate"] == []

    for page in [*draft.get_ancestors().filter(depth__gt=1).specific(), draft]:
        if page.pk == draft.pk or not page.live:
            page.save_revision().publish()
    english_version = NewsPage.objects.get(pk=draft.pk)
    expected = [
        ("vi", rich_article.get_full_url()),
        ("en", english_version.get_full_url()),
        ("x-default", rich_article.get_full_url()),  # the site's default language
    ]
    for page, locale, alternate in [
        (rich_article, "vi_VN", "en_US"),
        (english_version, "en_US", "vi_VN"),
    ]:
        head = head_of(client, page)
        assert hreflangs(head) == expected
        assert head.one("og:locale") == locale
        assert head.meta["og:locale:alternate"] == [alternate]
    assert head.of_type("NewsArticle")["inLanguage"] == "en"

    english_version.unpublish()
    assert hreflangs(head_of(client, rich_article)) == []


@pytest.mark.django_db
def test_news_index_gets_basic_cards(client, news_index):
    head = head_of(client, news_index)
    assert head.one("og:type") == "website"
    assert head.one("og:title") == news_index.title
    assert head.one("description") == "Giới thiệu"  # the intro, without its HTML
    assert [link["href"] for link in head.rel("canonical")] == [news_index.get_full_url()]
    crumbs = head.of_type("BreadcrumbList")["itemListElement"]
    assert [item["name"] for item in crumbs][-1] == news_index.title
    assert len(crumbs) == 2
    assert [item for item in head.json_ld if item["@type"] == "NewsArticle"] == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [("vi", "vi_VN"), ("en", "en_US"), ("fr", "fr_FR"), ("pt-br", "pt_BR"), ("zh-hans", "zh_CN")],
)
def test_open_graph_locales(code, expected):
    assert og_locale(code) == expected


@pytest.mark.django_db
def test_preview_of_an_unsaved_article_gets_metadata_without_errors(news_index):
    page = NewsPage(title="Bản nháp", lead="Sapo", locale=news_index.locale)
    meta = page_meta(page, RequestFactory().get("/"))
    assert meta.title == "Bản nháp"
    assert meta.alternates == []


@pytest.mark.django_db
def test_missing_image_files_leave_the_images_out(client, news_index):
    hero = make_image()
    settings = GovNewsSettings.for_site(Site.objects.get(is_default_site=True))
    settings.logo = make_image("Logo")
    settings.save()
    for image in (hero, settings.logo):
        default_storage.delete(image.file.name)
    head = head_of(client, make_news(news_index, "Ảnh đã mất", hero_image=hero))
    assert "og:image" not in head.meta
    data = head.of_type("NewsArticle")
    assert "image" not in data and "logo" not in data["publisher"]
