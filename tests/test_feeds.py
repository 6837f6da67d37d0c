"""RSS and Atom feeds: items, locales, sections, categories, enclosures, visibility, discovery."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from urllib.parse import urlsplit

import feedparser
import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.models import Locale

from tests.factories import (
    days_ago,
    hidden_pages,
    make_category,
    make_image,
    make_index,
    make_news,
    translate,
)
from wagtail_govnews.models import NewsCategory

pytestmark = pytest.mark.clock

ATOM = "{http://www.w3.org/2005/Atom}"
KINDS = ["rss", "atom"]


def feed_url(lang: str = "vi", kind: str = "rss", scope: str = "") -> str:
    return f"/govnews/feeds/{lang}/{scope}{kind}.xml"


def fetch(client, url: str):
    """The feed at ``url``, parsed by an XML parser and by a feed parser."""
    response = client.get(url)
    assert response.status_code == 200, url
    root = ET.fromstring(response.content)
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return response, root, parsed


def xml_titles(root: ET.Element) -> list[str]:
    if root.tag == "rss":
        return [item.findtext("title") for item in root.iter("item")]
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def feed_language(root: ET.Element) -> str | None:
    if root.tag == "rss":
        return root.findtext("channel/language")
    return root.get("{http://www.w3.org/XML/1998/namespace}lang")


def titles(client, url: str) -> list[str]:
    """Item titles of a feed; both parsers must agree on them and on their order."""
    _, root, parsed = fetch(client, url)
    listed = xml_titles(root)
    assert [entry.title for entry in parsed.entries] == listed
    return listed


@pytest.fixture
def english(db):
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_site_feed_lists_published_news_newest_first(client, news_index, kind):
    make_news(news_index, "Tin cũ", date=days_ago(3))
    make_news(news_index, "Tin mới", date=days_ago(1))
    make_news(news_index, "Tin giữa", date=days_ago(2))
    response, root, parsed = fetch(client, feed_url(kind=kind))
    assert response["Content-Type"].startswith(f"application/{kind}+xml")
    assert xml_titles(root) == ["Tin mới", "Tin giữa", "Tin cũ"]
    assert [entry.title for entry in parsed.entries] == ["Tin mới", "Tin giữa", "Tin cũ"]
    assert feed_language(root) == "vi"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_item_fields(client, news_index, social_accounts, kind):
    education = make_category("Giáo dục")
    date = datetime(2024, 5, 6, 8, 30, tzinfo=UTC)
    page = make_news(
        news_index,
        "Khai giảng năm học mới",
        date=date,
        lead="Hơn 500 học sinh dự lễ khai giảng.",
        author="Hoàng Minh",
        categories=[education],
        tags=["học sinh"],
    )
    _, _, parsed = fetch(client, feed_url(kind=kind))
    assert parsed.feed.title == "Cổng thông tin thử nghiệm"
    assert "Cổng thông tin thử nghiệm" in parsed.feed.get(
        "description", parsed.feed.get("subtitle")
    )
    (entry,) = parsed.entries
    assert (
        entry.link == page.get_full_url() == "http://localhost/vi/tin-tuc/khai-giang-nam-hoc-moi/"
    )
    assert entry.id == f"tag:localhost,{page.first_published_at:%Y-%m-%d}:news/{page.pk}"
    if kind == "rss":
        assert entry.guidislink is False
    assert datetime(*entry.published_parsed[:6], tzinfo=UTC) == date
    if kind == "atom":
        assert datetime(*entry.updated_parsed[:6], tzinfo=UTC) == date
    assert entry.summary == "Hơn 500 học sinh dự lễ khai giảng."
    assert entry.author == "Hoàng Minh"
    assert [tag.term for tag in entry.tags] == ["Giáo dục", "học sinh"]


@pytest.mark.django_db
def test_guid_is_stable_when_the_slug_changes(client, article):
    before = fetch(client, feed_url())[2].entries[0]
    article.slug = "doi-ten"
    article.save_revision().publish()
    after = fetch(client, feed_url())[2].entries[0]
    assert after.link != before.link
    assert after.id == before.id


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_hero_image_is_an_enclosure_of_a_real_rendition(client, news_index, kind):
    make_news(news_index, "Có ảnh", hero_image=make_image(size=(1600, 900)))
    make_news(news_index, "Không ảnh")
    _, root, parsed = fetch(client, feed_url(kind=kind))
    entries = {entry.title: entry for entry in parsed.entries}
    with_image, without_image = entries["Có ảnh"], entries["Không ảnh"]
    assert without_image.enclosures == []
    (enclosure,) = with_image.enclosures
    assert enclosure.type == "image/jpeg"
    url = urlsplit(enclosure.href)
    assert url.scheme == "http" and url.netloc and url.path.startswith(settings.MEDIA_URL)
    name = url.path.removeprefix(settings.MEDIA_URL)
    assert default_storage.exists(name)
    assert int(enclosure.length) == default_storage.size(name) > 0
    with default_storage.open(name) as file:
        assert PILImage.open(file).size == (1200, 675)  # width-1200, not the original
    if kind == "rss":
        assert root.find("channel/item/enclosure").get("url") == enclosure.href
    else:
        links = root.findall(f"{ATOM}entry/{ATOM}link[@rel='enclosure']")
        assert [link.get("href") for link in links] == [enclosure.href]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_each_language_has_its_own_feed(client, article, english, kind):
    english_version = translate(article, english)
    english_version.title = "New bus route opens"
    english_version.save_revision().publish()
    _, vi_root, vi_feed = fetch(client, feed_url("vi", kind))
    _, en_root, en_feed = fetch(client, feed_url("en", kind))
    assert (feed_language(vi_root), feed_language(en_root)) == ("vi", "en")
    assert [entry.link for entry in vi_feed.entries] == [article.get_full_url()]
    assert [entry.link for entry in en_feed.entries] == [english_version.get_full_url()]
    assert urlsplit(vi_feed.entries[0].link).path.startswith("/vi/")
    assert urlsplit(en_feed.entries[0].link).path.startswith("/en/")
    assert en_feed.entries[0].title == "New bus route opens"
    assert urlsplit(en_feed.feed.link).path == "/en/"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_section_feed_lists_only_that_section(client, news_index, kind):
    other = make_index("Khoa giáo", "khoa-giao")
    make_news(news_index, "Tin tức chung")
    make_news(other, "Tin khoa giáo")
    url = feed_url(kind=kind, scope=f"section/{other.pk}/")
    assert titles(client, url) == ["Tin khoa giáo"]
    _, _, parsed = fetch(client, url)
    assert parsed.feed.title.startswith("Khoa giáo")
    assert parsed.feed.link == other.get_full_url()
    assert titles(client, feed_url(kind=kind)) == ["Tin khoa giáo", "Tin tức chung"]


@pytest.mark.django_db
def test_section_feed_in_another_language_follows_the_translation(client, article, english):
    english_version = translate(article, english)
    section = article.get_parent()
    url = feed_url("en", scope=f"section/{section.pk}/")
    _, _, parsed = fetch(client, url)
    assert [entry.link for entry in parsed.entries] == [english_version.get_full_url()]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_category_feed_lists_only_that_category(client, news_index, english, kind):
    health = make_category("Y tế")
    education = make_category("Giáo dục")
    make_news(news_index, "Tiêm chủng", categories=[health])
    make_news(news_index, "Khai giảng", categories=[education])
    make_news(news_index, "Không chuyên mục")
    assert titles(client, feed_url(kind=kind, scope="category/y-te/")) == ["Tiêm chủng"]
    assert titles(client, feed_url(kind=kind, scope="category/giao-duc/")) == ["Khai giảng"]


@pytest.mark.django_db
def test_category_feed_in_english_uses_the_english_slug(client, news_index, english):
    health = make_category("Y tế")
    page = make_news(news_index, "Tiêm chủng", categories=[health])
    english_version = translate(page, english)
    NewsCategory.objects.create(
        name="Health", slug="health", locale=english, translation_key=health.translation_key
    )
    _, _, parsed = fetch(client, feed_url("en", scope="category/health/"))
    assert [entry.link for entry in parsed.entries] == [english_version.get_full_url()]
    assert [tag.term for tag in parsed.entries[0].tags] == ["Health"]
    assert client.get(feed_url("en", scope="category/y-te/")).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/govnews/feeds/fr/rss.xml",
        "/govnews/feeds/xx/atom.xml",
        "/govnews/feeds/vi/section/999999/rss.xml",
        "/govnews/feeds/vi/section/999999/atom.xml",
        "/govnews/feeds/vi/category/khong-co/rss.xml",
        "/govnews/feeds/vi/category/khong-co/atom.xml",
    ],
)
def test_unknown_language_section_or_category_is_404(client, article, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_page_that_is_not_a_section_is_404(client, article):
    assert client.get(feed_url(scope=f"section/{article.pk}/")).status_code == 404


@pytest.mark.django_db
def test_language_without_a_home_page_is_404(client, article, english):
    assert client.get(feed_url("en")).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_markup_in_titles_and_leads_is_escaped(client, news_index, kind):
    title = 'Tin <script>alert("x")</script> & <b>đậm</b>'
    lead = "Lead <img src=x onerror=alert(1)> & more"
    make_news(news_index, title, lead=lead)
    response, root, parsed = fetch(client, feed_url(kind=kind))
    raw = response.content.decode()
    assert "<script" not in raw and "<img" not in raw and "<b>" not in raw
    assert xml_titles(root) == [title]
    assert parsed.entries[0].title == title
    assert "<img" not in parsed.entries[0].summary  # the lead is text, never markup


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_hidden_articles_never_appear_in_any_feed(client, news_index, kind):
    category = make_category("Y tế")
    make_news(news_index, "Công khai", categories=[category])
    private_section = hidden_pages(news_index, category)
    for scope in ["", f"section/{news_index.pk}/", "category/y-te/"]:
        assert titles(client, feed_url(kind=kind, scope=scope)) == ["Công khai"], scope
    assert (
        client.get(feed_url(kind=kind, scope=f"section/{private_section.pk}/")).status_code == 404
    )


@pytest.mark.django_db
@override_settings(WAGTAIL_GOVNEWS={"FEED_ITEMS": 2})
def test_feed_items_setting_limits_the_feed(client, news_index):
    for days in (1, 2, 3):
        make_news(news_index, f"Tin {days}", date=days_ago(days))
    assert titles(client, feed_url()) == ["Tin 1", "Tin 2"]


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_number_of_items(client, news_index):
    categories = [make_category("Y tế"), make_category("Giáo dục")]

    def add(count: int) -> None:
        for _ in range(count):
            make_news(news_index, hero_image=make_image(), categories=categories, tags=["a", "b"])

    def queries() -> int:
        client.get(feed_url())  # first request makes the renditions
        with CaptureQueriesContext(connection) as captured:
            assert len(fetch(client, feed_url())[2].entries) >= 2
        return len(captured)

    add(2)
    few = queries()
    add(4)
    assert queries() == few


@pytest.mark.django_db
def test_atom_feeds_have_distinct_ids(client, news_index):
    make_category("Y tế")
    ids = {
        fetch(client, feed_url(kind="atom", scope=scope))[1].findtext(f"{ATOM}id")
        for scope in ["", f"section/{news_index.pk}/", "category/y-te/"]
    }
    assert len(ids) == 3


def discovery_links(html: str) -> dict[str, str]:
    """``{href: type}`` of the feed autodiscovery links of a page."""
    head = html.split("</head>", 1)[0]
    links = re.findall(r"<link [^>]*rel=\"alternate\"[^>]*>", head)
    found = {}
    for link in links:
        kind = re.search(r'type="(application/(?:rss|atom)\+xml)"', link)
        if kind:
            found[re.search(r'href="([^"]+)"', link).group(1)] = kind.group(1)
    return found


@pytest.mark.django_db
def test_index_and_article_pages_announce_their_feeds(client, article):
    section = article.get_parent()
    expected = {
        f"/govnews/feeds/vi/section/{section.pk}/rss.xml": "application/rss+xml",
        f"/govnews/feeds/vi/section/{section.pk}/atom.xml": "application/atom+xml",
        "/govnews/feeds/vi/rss.xml": "application/rss+xml",
        "/govnews/feeds/vi/atom.xml": "application/atom+xml",
    }
    for url in (section.url, article.url):
        links = discovery_links(client.get(url).content.decode())
        assert links == expected, url
    for href, content_type in expected.items():
        response, _, parsed = fetch(client, href)
        assert response["Content-Type"].startswith(content_type)
        assert [entry.title for entry in parsed.entries] == [article.title]


@pytest.mark.django_db
def test_filtered_index_also_announces_the_category_feed(client, news_index):
    make_category("Y tế")
    links = discovery_links(client.get(news_index.url + "?category=y-te").content.decode())
    assert links["/govnews/feeds/vi/category/y-te/rss.xml"] == "application/rss+xml"
    assert links["/govnews/feeds/vi/category/y-te/atom.xml"] == "application/atom+xml"


@pytest.mark.django_db
def test_english_pages_announce_english_feeds(client, article, english):
    english_version = translate(article, english)
    links = discovery_links(client.get(english_version.url).content.decode())
    section = english_version.get_parent()
    assert f"/govnews/feeds/en/section/{section.pk}/rss.xml" in links
    assert "/govnews/feeds/en/atom.xml" in links
