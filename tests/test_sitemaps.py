"""The site's sitemap (every language, hreflang alternates) and Google News sitemaps."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from tests.factories import hidden_pages, make_category, make_index, make_news, translate

pytestmark = pytest.mark.clock

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def fetch(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert "xml" in response["Content-Type"]
    return ET.fromstring(response.content)


def locations(root: ET.Element) -> list[str]:
    return [url.findtext(f"{SM}loc") for url in root.iter(f"{SM}url")]


def news_entries(client, lang: str = "vi") -> dict[str, ET.Element]:
    """``{loc: <news:news>}`` of a Google News sitemap."""
    root = fetch(client, f"/govnews/sitemaps/news-{lang}.xml")
    assert root.tag == f"{SM}urlset"
    return {url.findtext(f"{SM}loc"): url.find(f"{NEWS}news") for url in root.iter(f"{SM}url")}


def hours_ago(hours: float) -> datetime:
    return timezone.now() - timedelta(hours=hours)


@pytest.fixture
def english(db):
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.mark.django_db
def test_sitemap_lists_pages_of_every_language_with_alternates(client, article, english):
    english_version = translate(article, english)
    untranslated = make_news(article.get_parent().specific, "Chưa dịch")
    root = fetch(client, "/sitemap-pages.xml")
    entries = {url.findtext(f"{SM}loc"): url for url in root.iter(f"{SM}url")}
    vi_url, en_url = article.get_full_url(), english_version.get_full_url()
    assert "/vi/" in vi_url and "/en/" in en_url
    assert {vi_url, en_url, untranslated.get_full_url()} <= set(entries)
    for url in (vi_url, en_url):
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in entries[url].findall(f"{XHTML}link[@rel='alternate']")
        }
        assert alternates == {"vi": vi_url, "en": en_url}
    assert entries[untranslated.get_full_url()].findall(f"{XHTML}link") == []
    article.refresh_from_db()
    lastmod = timezone.localtime(article.last_published_at).date().isoformat()
    assert entries[vi_url].findtext(f"{SM}lastmod") == lastmod


@pytest.mark.django_db
def test_hidden_articles_are_not_in_any_sitemap(client, news_index):
    public = make_news(news_index, "Công khai", date=hours_ago(1))
    hidden_pages(news_index, make_category("Y tế"))
    listed = locations(fetch(client, "/sitemap-pages.xml"))
    news = [url for url in listed if "/tin-tuc/" in url and url != news_index.get_full_url()]
    assert news == [public.get_full_url()]
    assert not any("/noi-bo/" in url for url in listed)
    assert list(news_entries(client)) == [public.get_full_url()]


@pytest.mark.django_db
def test_news_sitemap_holds_only_the_last_two_days(client, news_index):
    fresh = make_news(news_index, "Một giờ trước", date=hours_ago(1))
    older = make_news(news_index, "Hôm qua", date=hours_ago(47))
    make_news(news_index, "Ba ngày trước", date=hours_ago(72))
    make_news(news_index, "Ngày mai", date=hours_ago(-24))
    assert list(news_entries(client)) == [fresh.get_full_url(), older.get_full_url()]


@pytest.mark.django_db
def test_news_sitemap_entry(client, news_index, social_accounts):
    date = hours_ago(5).replace(microsecond=0)
    page = make_news(news_index, "Khai mạc <Hội chợ> & triển lãm", date=date)
    response = client.get("/govnews/sitemaps/news-vi.xml")
    assert "<Hội" not in response.content.decode()  # escaped, never raw markup
    news = news_entries(client)[page.get_full_url()]
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Cổng thông tin thử nghiệm"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "vi"
    assert news.findtext(f"{NEWS}title") == "Khai mạc <Hội chợ> & triển lãm"
    published = datetime.fromisoformat(news.findtext(f"{NEWS}publication_date"))
    assert published.utcoffset() == timedelta(hours=7)  # the site's time zone, with its offset
    assert published == date


@pytest.mark.django_db
def test_news_sitemap_per_language(client, article, english):
    english_version = translate(article, english)
    assert list(news_entries(client, "vi")) == [article.get_full_url()]
    en = news_entries(client, "en")
    assert list(en) == [english_version.get_full_url()]
    assert en[english_version.get_full_url()].findtext(f"{NEWS}publication/{NEWS}language") == "en"


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["fr", "xx", "en"])  # en: a language, but no English home
def test_news_sitemap_of_an_unknown_language_is_404(client, article, lang):
    assert client.get(f"/govnews/sitemaps/news-{lang}.xml").status_code == 404


@pytest.mark.django_db
def test_news_sitemap_queries_do_not_grow_with_the_number_of_articles(client, news_index):
    def queries() -> int:
        news_entries(client)  # warms Wagtail's cache of site root paths
        with CaptureQueriesContext(connection) as captured:
            news_entries(client)
        return len(captured)

    make_news(news_index, date=hours_ago(1))
    few = queries()
    other = make_index("Khoa giáo", "khoa-giao")
    for hours in (2, 3, 4, 5):
        make_news(other, date=hours_ago(hours))
    assert len(news_entries(client)) == 5
    assert queries() == few


@pytest.mark.django_db
def test_sitemap_queries_do_not_grow_with_the_number_of_pages(client, article, english):
    def queries() -> int:
        fetch(client, "/sitemap-pages.xml")
        with CaptureQueriesContext(connection) as captured:
            root = fetch(client, "/sitemap-pages.xml")
        return len(captured), len(locations(root))

    translate(article, english)
    few, count = queries()
    for number in range(4):
        translate(make_news(article.get_parent().specific, f"Tin {number}"), english)
    assert queries() == (few, count + 8)


@pytest.mark.django_db
def test_the_sitemap_index_and_robots_txt_list_every_sitemap(client, news_index, settings):
    translate(news_index, Locale.objects.get_or_create(language_code="en")[0])
    index = fetch(client, "/sitemap.xml")
    assert index.tag == f"{SM}sitemapindex"
    listed = [loc.text for loc in index.iter(f"{SM}loc")]
    assert listed == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/govnews/sitemaps/news-vi.xml",
        "http://testserver/govnews/sitemaps/news-en.xml",
    ]
    for url in listed:  # each answers with a sitemap
        assert fetch(client, url.removeprefix("http://testserver")).tag == f"{SM}urlset"

    robots = client.get("/robots.txt")
    assert robots["Content-Type"] == "text/plain; charset=utf-8"
    lines = robots.content.decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Disallow: /admin/"]
    assert [line for line in lines if line.startswith("Sitemap: ")] == [
        "Sitemap: http://testserver/sitemap.xml",
        *(f"Sitemap: {url}" for url in listed[1:]),
    ]
    settings.WAGTAIL_GOVNEWS = {
        **settings.WAGTAIL_GOVNEWS,
        "ROBOTS_RULES": ["User-agent: *", "Disallow: /search/"],
        "SITEMAP_PATH": None,
    }
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /search/" in lines and "Sitemap: http://testserver/sitemap.xml" not in lines
    assert client.post("/robots.txt").status_code == 405
