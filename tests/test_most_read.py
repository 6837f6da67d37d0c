"""Most read news: views counted in the cache (robots left out), stored in batches, ranked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction

from tests.factories import make_news
from wagtail_govnews.models import NewsPageDailyViews, most_read
from wagtail_govnews.models.popularity import flush_view_counts, store_views
from wagtail_govnews.viewcount import is_bot

pytestmark = pytest.mark.clock

READER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


def read(page, times: int = 1, user_agent: str = READER, **headers) -> None:
    """``times`` readers (each at its own address) read ``page``."""
    for n in range(times):
        client = Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=f"198.51.100.{n + 1}", **headers)
        assert client.get(page.url).status_code == 200


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "curl/8.5.0",
        "python-requests/2.32",
        "Mozilla/5.0 HeadlessChrome/126.0",
    ],
)
def test_robots_are_recognised(agent):
    assert is_bot(agent)


@pytest.mark.parametrize("agent", [READER, "Mozilla/5.0 (iPhone) Zalo iOS/475"])
def test_readers_are_not_robots(agent):
    assert not is_bot(agent)


@pytest.mark.django_db
def test_a_view_writes_nothing_to_the_database(article):
    read(article)  # warm up caches (site root paths, renditions)
    with CaptureQueriesContext(connection) as queries:
        Client(HTTP_USER_AGENT=READER).get(article.url)
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []
    assert flush_view_counts() == 2
    assert NewsPageDailyViews.objects.get(page=article).views == 2


@pytest.mark.django_db
def test_robots_previews_and_prefetches_are_not_counted(article):
    read(article, user_agent="Googlebot/2.1")
    read(article, HTTP_SEC_PURPOSE="prefetch")
    Client(HTTP_USER_AGENT=READER).head(article.url)
    assert flush_view_counts() == 0
    assert not NewsPageDailyViews.objects.exists()


@pytest.mark.django_db
def test_flush_adds_to_stored_totals_and_empties_the_counters(article):
    read(article, 3)
    call_command("flush_news_views", stdout=open("/dev/null", "w"))  # noqa: SIM115
    read(article, 2, user_agent=READER + " Firefox/128.0")  # two new readers
    assert flush_view_counts() == 2
    assert flush_view_counts() == 0
    row = NewsPageDailyViews.objects.get(page=article)
    assert (row.day, row.views) == (timezone.localdate(), 5)


@pytest.mark.django_db
def test_counting_can_be_switched_off(article, settings):
    settings.WAGTAIL_GOVNEWS = {"VIEW_COUNTING": False}
    read(article, 2)
    assert flush_view_counts() == 0


@pytest.fixture
def ranked(news_index):
    """Four published articles read 5, 3, 1 and 0 times today, plus hidden ones with views."""
    pages = [make_news(news_index, f"Tin {n}") for n in range(4)]
    draft = make_news(news_index, "Bản nháp", publish=False)
    private = make_news(news_index, "Tin nội bộ")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    expired = make_news(news_index, "Tin hết hạn", expire_at=timezone.now() + timedelta(hours=1))
    NewsPageDailyViews.objects.filter(page=expired).delete()
    expired.expire_at = timezone.now() - timedelta(minutes=1)
    expired.save()
    today = timezone.localdate()
    store_views(
        {
            (pages[0].pk, today): 5,
            (pages[1].pk, today): 3,
            (pages[2].pk, today): 1,
            (pages[3].pk, today - timedelta(days=10)): 50,  # too old to count this week
            (draft.pk, today): 90,
            (private.pk, today): 90,
            (expired.pk, today): 90,
        }
    )
    return pages


@pytest.mark.django_db
def test_most_read_ranks_published_news_only(ranked):
    assert [page.title for page in most_read()] == ["Tin 0", "Tin 1", "Tin 2"]
    assert [page.title for page in most_read(days=30)] == ["Tin 3", "Tin 0", "Tin 1", "Tin 2"]
    assert [page.title for page in most_read(limit=2)] == ["Tin 0", "Tin 1"]
    assert [page.title for page in most_read(limit=2, exclude=ranked[0].pk)] == ["Tin 1", "Tin 2"]


@pytest.mark.django_db
def test_most_read_api(ranked, client):
    response = client.get("/api/govnews/news/most-read/", {"locale": "vi", "limit": 2})
    assert response.status_code == 200
    data = response.json()
    assert data["days"] == 7
    assert [(item["title"], item["views"]) for item in data["items"]] == [
        ("Tin 0", 5),
        ("Tin 1", 3),
    ]
    for params in ({"days": 0}, {"limit": 500}, {"locale": "xx"}, {"foo": 1}):
        assert client.get("/api/govnews/news/most-read/", params).status_code == 400


@pytest.mark.django_db
def test_most_read_api_follows_flushed_views_not_only_content_changes(ranked, client):
    """Flushing views writes no audit log: the ETag and the cached response follow it anyway."""
    url = "/api/govnews/news/most-read/"
    first = client.get(url, {"limit": 1})
    assert first.json()["items"][0]["title"] == "Tin 0"
    read(ranked[2], times=10)
    flush_view_counts()
    assert client.get(url, {"limit": 1}, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    again = client.get(url, {"limit": 1})
    assert again.json()["items"][0]["title"] == "Tin 2"
    assert again["ETag"] != first["ETag"]


@pytest.mark.django_db
def test_most_read_api_queries_do_not_grow(news_index, client):
    def queries_for(count: int) -> int:
        for n in range(count):
            page = make_news(news_index, f"Bài {count}-{n}")
            store_views({(page.pk, timezone.localdate()): n + 1})
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/govnews/news/most-read/", {"limit": 50}).status_code == 200
        return len(captured)

    assert queries_for(2) == queries_for(8)


@pytest.mark.django_db
def test_most_read_tag_and_box(ranked):
    html = Template("{% load govnews_tags %}{% most_read_box limit=2 %}").render(Context({}))
    assert html.index("Tin 0") < html.index("Tin 1")
    assert "Tin 2" not in html and "Bản nháp" not in html
    listed = Template(
        "{% load govnews_tags %}{% most_read_news 3 as items %}{{ items|length }}"
    ).render(Context({}))
    assert listed.strip() == "3"


@pytest.mark.django_db
def test_most_read_block_renders_the_box_in_the_page_language(ranked):
    from wagtail_govnews.site_blocks import MostReadBlock

    block = MostReadBlock()
    value = block.to_python({"count": 2, "days": 7})
    html = block.render(value, context={"page": ranked[3]})
    assert html.index("Tin 0") < html.index("Tin 1") and "Tin 2" not in html
    on_the_first = block.render(value, context={"page": ranked[0]})  # never the page itself
    assert "Tin 0" not in on_the_first
    assert on_the_first.index("Tin 1") < on_the_first.index("Tin 2")
    english = Locale.objects.get_or_create(language_code="en")[0]
    assert "Tin 0" not in block.render(value, context={"page": Page(locale=english)})
    assert block.clean(value)["count"] == 2
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"count": 0, "days": 7}))


@pytest.mark.django_db
def test_a_headless_frontend_counts_views_with_a_beacon(article, news_index):
    url = f"/api/govnews/news/{article.pk}/views/"
    reader = Client(HTTP_USER_AGENT=READER, enforce_csrf_checks=True)
    token = reader.get(url).json()["token"]  # a crawler following links counts nothing
    response = reader.post(f"{url}?token={token}", HTTP_ORIGIN="http://127.0.0.1:3000")
    assert response.status_code == 202 and response.content in (b"", b"null")
    assert response.headers.get("ETag") is None
    Client(HTTP_USER_AGENT="Googlebot/2.1").post(f"{url}?token={token}")
    assert flush_view_counts() == 1
    draft = make_news(news_index, "Bản nháp", publish=False)
    missing = reader.post(f"/api/govnews/news/{draft.pk}/views/?token={token}")
    assert missing.status_code == 404 and missing["Content-Type"].startswith(
        "application/problem+json"
    )
    assert reader.post(f"{url}?token={token}&x=1").status_code == 400


@pytest.mark.django_db
def test_an_articles_most_read_box_never_lists_the_article_itself(ranked, client):
    html = client.get(ranked[0].url).content.decode()
    box = html[html.index('class="govnews-most-read') :]
    box = box[: box.index("</section>")]
    assert f'href="{ranked[0].url}"' not in box
    assert box.index(ranked[1].title) < box.index(ranked[2].title)
