"""View counts that cannot be bought: tokens, origins, one view per client, rate limits."""

from __future__ import annotations

import time

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from wagtail import hooks

from tests.conftest import DAY_EDGES
from tests.factories import make_news
from wagtail_govnews.models.popularity import flush_view_counts
from wagtail_govnews.view_tokens import BUCKET_SECONDS, check_view_token, make_view_token
from wagtail_govnews.viewcount import ALLOW_VIEW_COUNT_HOOK

pytestmark = [pytest.mark.django_db, pytest.mark.clock]

READER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"
FRONTEND = "http://127.0.0.1:3000"  # in tests/settings.py CORS_ALLOWED_ORIGINS


def reader(address: str = "203.0.113.7", user_agent: str = READER, **headers) -> Client:
    return Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=address, **headers)


def beacon(client: Client, page, token: str | None = None, **headers):
    token = make_view_token(page.pk) if token is None else token
    return client.post(f"/api/govnews/news/{page.pk}/views/?token={token}", **headers)


@pytest.mark.slow
@pytest.mark.clock(moments=DAY_EDGES)  # a day's count: weekdays do not matter
def test_two_thousand_beacons_from_one_client_add_at_most_one_view(article):
    client = reader()
    statuses = {beacon(client, article, HTTP_ORIGIN=FRONTEND).status_code for _ in range(2000)}
    assert statuses <= {202, 429} and 429 in statuses  # the rate limit answered too
    assert flush_view_counts() == 1


def test_fifty_distinct_clients_add_fifty(article):
    for n in range(50):
        assert beacon(reader(f"198.51.100.{n + 1}"), article).status_code == 202
    assert flush_view_counts() == 50


def test_a_cross_site_beacon_adds_nothing(article):
    refused = beacon(reader(), article, HTTP_ORIGIN="http://evil.example")
    assert refused.status_code == 403
    assert refused["Content-Type"].startswith("application/problem+json")
    assert (
        "cổng thông tin này" in refused.json()["detail"]
    )  # "this site's own pages", in Vietnamese
    no_origin = beacon(reader("203.0.113.8"), article, HTTP_SEC_FETCH_SITE="cross-site")
    assert no_origin.status_code == 403
    assert flush_view_counts() == 0
    same_site = beacon(reader("203.0.113.9"), article, HTTP_ORIGIN="http://testserver")
    assert same_site.status_code == 202
    assert flush_view_counts() == 1


@pytest.mark.parametrize("token", ["", "nonsense", "1.abc", "-1.abc", "x" * 65])
def test_a_beacon_without_a_valid_token_adds_nothing(article, token):
    url = f"/api/govnews/news/{article.pk}/views/"
    client = reader()
    response = client.post(f"{url}?token={token}" if token else url)
    assert response.status_code in (400, 403)
    assert response["Content-Type"].startswith("application/problem+json")
    assert flush_view_counts() == 0


def test_a_token_counts_only_for_its_article_and_only_while_fresh(article, news_index):
    other = make_news(news_index, "Tin khác")
    assert beacon(reader(), other, token=make_view_token(article.pk)).status_code == 403
    issued = time.time()
    token = make_view_token(article.pk, now=issued)
    assert check_view_token(article.pk, token, now=issued + 3600)
    assert not check_view_token(article.pk, token, now=issued + 3600 + BUCKET_SECONDS + 1)
    assert not check_view_token(article.pk, token, now=issued - BUCKET_SECONDS)  # from later
    with time_machine.travel(issued + 2 * 3600, tick=False):
        assert beacon(reader(), article, token=token).status_code == 403
    assert flush_view_counts() == 0


def test_tokens_come_with_a_published_article_only(article, news_index):
    detail = reader().get(f"/api/govnews/news/{article.pk}/").json()
    assert check_view_token(article.pk, detail["view_token"])
    fresh = reader().get(f"/api/govnews/news/{article.pk}/views/")
    assert fresh.status_code == 200 and "no-store" in fresh["Cache-Control"]
    assert check_view_token(article.pk, fresh.json()["token"])
    assert fresh.json()["max_age"] == 3600
    draft = make_news(news_index, "Bản nháp", publish=False)
    assert reader().get(f"/api/govnews/news/{draft.pk}/views/").status_code == 404
    assert beacon(reader(), draft).status_code == 404
    assert flush_view_counts() == 0


def test_page_views_count_once_per_client_and_article(article, news_index):
    for _ in range(5):
        assert reader().get(article.url).status_code == 200
    other = make_news(news_index, "Tin khác")
    reader().get(other.url)
    reader("203.0.113.99").get(article.url)  # another reader
    reader(user_agent=READER + " Edg/126.0").get(article.url)  # another browser, same address
    assert flush_view_counts() == 4


def test_another_sites_images_frames_and_scripts_do_not_count(article):
    embedded = [("no-cors", "image"), ("navigate", "iframe"), ("no-cors", "script")]
    for n, (mode, dest) in enumerate(embedded):
        client = reader(f"192.0.2.{n + 1}", HTTP_SEC_FETCH_MODE=mode, HTTP_SEC_FETCH_DEST=dest)
        assert client.get(article.url, HTTP_SEC_FETCH_SITE="cross-site").status_code == 200
    assert flush_view_counts() == 0
    link_from_elsewhere = reader(
        HTTP_SEC_FETCH_MODE="navigate", HTTP_SEC_FETCH_DEST="document"
    ).get(article.url, HTTP_SEC_FETCH_SITE="cross-site")
    assert link_from_elsewhere.status_code == 200
    assert flush_view_counts() == 1


def test_a_client_is_rate_limited_across_articles(news_index, settings):
    settings.WAGTAIL_GOVNEWS = {"VIEW_RATE_LIMIT": 3}
    pages = [make_news(news_index, f"Tin {n}") for n in range(5)]
    with time_machine.travel(time.time() // 60 * 60 + 1, tick=False):
        assert [beacon(reader(), page).status_code for page in pages] == [202] * 3 + [429] * 2
        assert reader("203.0.113.50").get(pages[4].url).status_code == 200  # others still count
    assert flush_view_counts() == 4


def test_one_ipv6_subscriber_is_one_client(article):
    for host in ("1", "2", "ffff:1"):
        beacon(reader(f"2001:db8:1:2::{host}"), article)
    beacon(reader("2001:db8:1:3::1"), article)  # another /64
    assert flush_view_counts() == 2


def test_behind_a_proxy_the_forwarded_address_is_the_client(article, settings):
    settings.WAGTAIL_GOVNEWS = {"PROXY_COUNT": 1}
    for n in range(3):
        forwarded = f"10.9.9.9, 198.51.100.{n + 1}"  # spoofed first entry, then nginx's
        beacon(reader("127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded), article)
    beacon(reader("127.0.0.1", HTTP_X_FORWARDED_FOR="66.6.6.6, 198.51.100.1"), article)
    assert flush_view_counts() == 3


def test_no_address_or_user_agent_is_kept(article):
    address = "203.0.113.77"
    beacon(reader(address), article)
    stored = repr(list(cache._cache.items()))  # locmem: every key and pickled value
    assert address not in stored and "203.0.113" not in stored
    assert "Chrome/126" not in stored
    assert flush_view_counts() == 1


def test_the_client_key_changes_every_day(article):
    with time_machine.travel("2026-03-02 10:00 +07:00", tick=False):
        beacon(reader(), article)
        beacon(reader(), article)
    with time_machine.travel("2026-03-03 10:00 +07:00", tick=False):
        beacon(reader(), article)
    seen = [key for key in cache._cache if ":govnews:views:seen:" in key]
    assert len(seen) == 2  # two days, two unlinkable keys for one reader


def test_a_site_can_refuse_views_with_a_hook(article, news_index):
    refused = make_news(news_index, "Không đếm")

    def allow(request, page_id):
        return page_id != refused.pk

    with hooks.register_temporarily(ALLOW_VIEW_COUNT_HOOK, allow):
        beacon(reader(), refused)
        beacon(reader(), article)
    assert flush_view_counts() == 1


def test_a_cached_detail_never_hands_out_an_expired_token(article):
    """The detail's ETag and cache key follow the token's epoch: after half the token's
    life a revalidation gets a new body with a fresh token, not a 304 for the old one."""
    url = f"/api/govnews/news/{article.pk}/"
    start = time.time() // 1800 * 1800 + 10
    with time_machine.travel(start, tick=False):
        first = reader().get(url)
        assert reader().get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    with time_machine.travel(start + 1800, tick=False):
        again = reader().get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 200
        assert check_view_token(article.pk, again.json()["view_token"])
    with time_machine.travel(start + 3 * 3600, tick=False):
        assert not check_view_token(article.pk, first.json()["view_token"])
