"""The response cache: warm responses are cheap, and no change is ever hidden behind it.

Every test warms the cache first (list, detail and article page), changes the content the
way an editor or a script would, and checks that the next response shows the change, in
particular that an article hidden after it was cached never reaches a reader again.
"""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.api_schema import api_get
from tests.factories import make_category, make_image, make_index, make_news
from wagtail_govnews import response_cache
from wagtail_govnews.models import NewsPage

pytestmark = pytest.mark.django_db

LIST = "/api/govnews/news/"


def titles(client, url: str = LIST) -> list[str]:
    return [item["title"] for item in api_get(client, url).json()["items"]]


def warm(client, page: NewsPage) -> None:
    """Fill the cache with the list, the detail and the article page showing ``page``."""
    assert page.title in titles(client)
    assert api_get(client, f"{LIST}{page.pk}/").json()["title"] == page.title
    assert page.title in client.get(page.url).content.decode()


@pytest.mark.parametrize("kind", ["list", "detail", "article"])
def test_warm_responses_are_cheap_and_equal_cold_ones(
    client, news_index, django_assert_max_num_queries, kind
):
    page = make_news(news_index, "Tin có ảnh", hero_image=make_image(size=(64, 36)))
    url = {"list": LIST, "detail": f"{LIST}{page.pk}/", "article": page.url}[kind]
    client.get(url)  # creates renditions and the site settings row (which invalidates)
    cold = client.get(url)
    # Only the content state (ETag and key); an article page is answered before Wagtail's
    # routing (CachedPageMiddleware), whatever the article holds.
    with django_assert_max_num_queries(1):
        warm_response = client.get(url)
    assert warm_response.status_code == 200
    assert warm_response.content == cold.content
    assert warm_response["Content-Type"] == cold["Content-Type"]


def test_publishing_an_edit_shows_it_everywhere(client, news_index):
    page = make_news(news_index, "Tiêu đề cũ")
    warm(client, page)
    page.title = "Tiêu đề mới"
    page.save_revision().publish()
    assert titles(client) == ["Tiêu đề mới"]
    assert api_get(client, f"{LIST}{page.pk}/").json()["title"] == "Tiêu đề mới"
    html = client.get(page.url).content.decode()
    assert "Tiêu đề mới" in html and "Tiêu đề cũ" not in html


def test_a_draft_edit_does_not_reach_readers(client, news_index):
    page = make_news(news_index, "Bản đã đăng")
    warm(client, page)
    page.title = "Bản nháp chưa duyệt"
    page.save_revision()
    assert titles(client) == ["Bản đã đăng"]
    assert "Bản nháp chưa duyệt" not in client.get(page.url).content.decode()


def test_unpublished_article_disappears(client, news_index):
    page = make_news(news_index, "Tin sẽ gỡ")
    other = make_news(news_index, "Tin còn lại")
    warm(client, other)
    warm(client, page)
    page.unpublish()
    assert titles(client) == ["Tin còn lại"]
    assert client.get(f"{LIST}{page.pk}/").status_code == 404
    assert client.get(page.url).status_code == 404
    assert "Tin sẽ gỡ" not in client.get(other.url).content.decode()  # its other news


@pytest.mark.parametrize("restriction", ["login", "password"])
def test_article_made_private_by_a_script_disappears(client, news_index, restriction):
    """No audit log entry is written here: the signal alone must empty the cache."""
    page = make_news(news_index, "Tin sẽ thành riêng tư")
    warm(client, page)
    PageViewRestriction.objects.create(page=page, restriction_type=restriction, password="mk")
    assert titles(client) == []
    assert client.get(f"{LIST}{page.pk}/").status_code == 404
    response = client.get(page.url)
    assert response.status_code in (200, 302) and "Tin sẽ thành riêng tư" not in (
        response.content.decode() if response.status_code == 200 else ""
    )


def test_a_logged_in_editor_never_fills_the_cache(client, news_index):
    page = make_news(news_index, "Tin cho biên tập viên")
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    editor = User.objects.create_user("editor", password="x")
    client.force_login(editor)
    assert "Tin cho biên tập viên" in client.get(page.url).content.decode()
    client.logout()
    client.cookies.clear()
    response = client.get(page.url)
    assert response.status_code == 302  # to the login page, not a cached copy


def test_moved_article_has_its_new_section(client, news_index):
    page = make_news(news_index, "Tin chuyển mục")
    other_section = make_index("Khoa giáo", "khoa-giao")
    warm(client, page)
    assert titles(client, f"{LIST}?index={news_index.pk}") == ["Tin chuyển mục"]
    page.move(other_section, pos="last-child")
    assert titles(client, f"{LIST}?index={news_index.pk}") == []
    detail = api_get(client, f"{LIST}{page.pk}/").json()
    assert detail["section"]["id"] == other_section.pk and "/khoa-giao/" in detail["url"]


def test_renamed_category_is_shown(client, news_index):
    category = make_category("Giáo dục")
    page = make_news(news_index, "Tin có chuyên mục", categories=[category])
    warm(client, page)
    category.name = "Giáo dục và đào tạo"
    category.save()
    item = api_get(client, LIST).json()["items"][0]
    assert [c["name"] for c in item["categories"]] == ["Giáo dục và đào tạo"]


def test_a_new_article_updates_counts_and_lists(client, news_index):
    make_news(news_index, "Tin một")
    assert api_get(client, f"{LIST}?limit=1").json()["count"] == 1
    make_news(news_index, "Tin hai")
    page = api_get(client, f"{LIST}?limit=1").json()
    assert page["count"] == 2 and [i["title"] for i in page["items"]] == ["Tin hai"]


@pytest.mark.clock
def test_entries_end_when_a_shown_article_expires(client, news_index):
    """Wagtail keeps an expired article live until publish_scheduled runs."""
    page = make_news(news_index, "Tin sắp hết hạn")
    NewsPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() + timedelta(seconds=1))
    response_cache.invalidate()  # the update above bypassed signals on purpose
    page.refresh_from_db()
    warm(client, page)
    time.sleep(1.2)
    assert titles(client) == []
    assert client.get(f"{LIST}{page.pk}/").status_code == 404


@pytest.mark.clock
def test_a_section_page_ends_when_an_article_it_lists_expires(client, news_index):
    page = make_news(news_index, "Tin mục sắp hết hạn")
    NewsPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() + timedelta(seconds=1))
    response_cache.invalidate()  # the update above bypassed signals on purpose
    for _ in range(2):  # the first request ever also creates the site settings
        assert page.title in client.get(news_index.url).content.decode()
    time.sleep(1.2)
    assert page.title not in client.get(news_index.url).content.decode()


@override_settings(WAGTAIL_GOVNEWS={"RESPONSE_CACHE_TIMEOUT": 0})
def test_timeout_zero_turns_the_cache_off(client, news_index, django_assert_max_num_queries):
    page = make_news(news_index, "Tin không lưu đệm")
    client.get(f"{LIST}{page.pk}/")
    with django_assert_max_num_queries(12) as captured:
        client.get(f"{LIST}{page.pk}/")
    assert len(captured.captured_queries) > 1


def test_a_setting_change_empties_the_cache(client, news_index):
    page = make_news(news_index, "Tin chia sẻ")
    networks = [link["network"] for link in api_get(client, f"{LIST}{page.pk}/").json()["share"]]
    assert "facebook" in networks
    with override_settings(WAGTAIL_GOVNEWS={"SHARE_NETWORKS": ["email"]}):
        share = api_get(client, f"{LIST}{page.pk}/").json()["share"]
        assert [link["network"] for link in share] == ["email"]


def test_restriction_written_by_another_process_is_seen(client, news_index):
    """``bulk_create`` sends no signal and writes no log, as a script in another process."""
    page = make_news(news_index, "Tin sẽ bị khóa")
    warm(client, page)
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=page, restriction_type="login")]
    )
    assert titles(client) == []
    assert client.get(f"{LIST}{page.pk}/").status_code == 404
    assert client.get(page.url).status_code == 302


def test_responses_with_a_csrf_token_or_session_data_are_not_stored(rf, news_index):
    """A site template with {% csrf_token %} or messages must not share them with others."""
    from django.contrib.sessions.backends.cache import SessionStore
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    def page_with(use):
        request = rf.get("/vi/tin-tuc/")
        request.session = SessionStore()
        key = response_cache.response_key(request, "test", "state")

        def build():
            use(request)
            return HttpResponse("<p>page</p>")

        response_cache.cached_response(request, key, build)
        return key

    for use in (get_token, lambda request: request.session.__setitem__("seen", True)):
        key = page_with(use)
        assert response_cache._cache().get(key) is None
    key = page_with(lambda request: None)
    assert response_cache._cache().get(key) is not None  # the control: a plain page is kept


def test_equivalent_query_strings_share_one_entry(
    client, news_index, django_assert_max_num_queries
):
    make_news(news_index, "Thành phố khai trương tuyến xe buýt")
    first = client.get(LIST, {"search": "Thành phố", "limit": "5", "locale": "vi"})
    assert first.json()["count"] == 1
    for query in (
        "?locale=vi&limit=5&search=th%C3%A0nh+ph%E1%BB%91",  # another order
        "?limit=05&locale=vi&search=+thanh++pho+",  # leading zero, spaces, no diacritics
        "?search=THANH%20PHO!&locale=vi&limit=5",  # case and punctuation
    ):
        with django_assert_max_num_queries(1):  # the content state only: a cache hit
            again = client.get(LIST + query)
        assert again.json()["items"] == first.json()["items"], query
        assert again["ETag"] == first["ETag"]
    assert client.get(LIST, {"search": "thanh pho xe", "limit": "5"}).json()["count"] == 1


def test_query_variants_per_path_are_bounded(client, news_index, settings):
    settings.WAGTAIL_GOVNEWS = {**settings.WAGTAIL_GOVNEWS, "RESPONSE_CACHE_MAX_VARIANTS": 3}
    make_news(news_index, "Tin một")
    client.get(LIST)  # settings row, renditions
    before = set(response_cache._cache()._cache)
    for day in range(1, 7):
        assert client.get(LIST, {"date_from": f"2020-01-0{day}"}).status_code == 200
    stored = [key for key in response_cache._cache()._cache if ":govnews:response:" in key]
    assert len(stored) == 1 + 3  # the plain list and three variants
    added = set(response_cache._cache()._cache) - before
    assert len(added) == 3 * 2 + 1  # 3 responses, their 3 counts, 1 variant counter
    assert client.get(f"{LIST}?date_from=2020-01-06").status_code == 200  # still answered


def test_cached_pages_are_answered_before_routing_and_still_counted(
    client, news_index, django_assert_max_num_queries
):
    from django.test import Client

    from wagtail_govnews.models.popularity import flush_view_counts

    page = make_news(news_index, "Tin đọc nhiều")
    reader = "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0"
    first = Client(HTTP_USER_AGENT=reader, REMOTE_ADDR="198.51.100.1")
    first.get(page.url)  # creates the site settings row (which invalidates)
    first.get(page.url)  # fills the cache
    with django_assert_max_num_queries(1):
        hit = Client(HTTP_USER_AGENT=reader, REMOTE_ADDR="198.51.100.2").get(page.url)
    assert page.title in hit.content.decode()
    assert flush_view_counts() == 2  # both readers counted, the second before routing

    client.get(news_index.url)  # a section page: answered before routing, never counted
    with django_assert_max_num_queries(1):
        section = Client(HTTP_USER_AGENT=reader, REMOTE_ADDR="198.51.100.3").get(news_index.url)
    assert page.title in section.content.decode()
    assert flush_view_counts() == 0

    page.unpublish()
    assert client.get(page.url).status_code == 404  # the unpublished page is not served
