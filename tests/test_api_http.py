"""HTTP edges of the headless API: HEAD, 405, unknown paths, and parameters at their bounds.

Every error under ``/api/govnews/`` is a problem document, never an HTML page or a redirect
to a language prefix (the test URLs use ``i18n_patterns`` as the example does).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import RequestFactory, override_settings
from django.urls import resolve
from wagtail.models import Locale

from tests.api_schema import api_get
from tests.factories import make_news
from wagtail_govnews.contrib.api import api

API = "/api/govnews"
LIST = f"{API}/news/"
PROBLEM = "application/problem+json"
ALLOWED_ORIGIN = "http://localhost:3000"


@pytest.fixture
def published(news_index):
    return make_news(news_index, "Khai trương cầu mới", date=datetime(2024, 5, 1, tzinfo=UTC))


def readable_urls(page) -> list[str]:
    """A URL of every GET endpoint of the API (and its own pages) that answers 200."""
    return [
        f"{LIST}?limit=5",
        f"{LIST}{page.pk}/",
        f"{LIST}find/?path={page.url}",
        f"{LIST}most-read/",
        f"{LIST}{page.pk}/qr.svg",
        f"{LIST}{page.pk}/qr.png",
        f"{API}/social/",
        f"{API}/openapi.json",
        f"{API}/docs/",
    ]


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    assert "Location" not in response
    body = response.json()
    assert body["status"] == status and body["type"] == "about:blank" and body["detail"]
    return body


# HEAD


@pytest.mark.django_db
def test_head_answers_with_the_headers_of_get(client, published):
    for url in readable_urls(published):
        get, head = client.get(url), client.head(url)

        assert get.status_code == head.status_code == 200, url
        for header in ("Content-Type", "ETag", "Last-Modified", "Cache-Control"):
            assert head.get(header) == get.get(header), (url, header)
        assert head.content == b""


@pytest.mark.django_db
def test_head_sends_no_body_but_its_length(rf: RequestFactory, published):
    """The API itself drops the body of a HEAD (not only Django's test client)."""
    for url in readable_urls(published):
        match = resolve(url.partition("?")[0])
        get = match.func(rf.get(url), *match.args, **match.kwargs)
        head = match.func(rf.head(url), *match.args, **match.kwargs)

        assert head.status_code == get.status_code == 200, url
        assert head.content == b"", url
        assert int(head["Content-Length"]) == len(get.content) > 0, url


@pytest.mark.django_db
def test_head_revalidates_like_get(client, published):
    etag = client.get(f"{LIST}{published.pk}/")["ETag"]

    response = client.head(f"{LIST}{published.pk}/", headers={"if-none-match": etag})

    assert response.status_code == 304


@pytest.mark.django_db
def test_head_gets_the_cors_headers_cors_advertises(client, published):
    preflight = client.options(
        LIST, headers={"Origin": ALLOWED_ORIGIN, "Access-Control-Request-Method": "HEAD"}
    )
    assert "HEAD" in preflight["Access-Control-Allow-Methods"]

    response = client.head(LIST, headers={"Origin": ALLOWED_ORIGIN})

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN


@pytest.mark.django_db
def test_head_of_an_error_is_the_error_without_body(client, db):
    response = client.head(f"{LIST}?limit=0")

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM


# 405


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options", "trace"])
def test_a_wrong_method_is_a_405_problem_with_allow(client, published, method):
    for url in readable_urls(published):
        response = getattr(client, method)(url)

        body = assert_problem(response, 405)
        assert response["Allow"] == "GET, HEAD", url
        assert method.upper() in body["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_the_view_beacon_allows_get_head_and_post(client, published, method):
    """GET (and HEAD) hand out a view token, POST counts a view; nothing else is allowed."""
    response = getattr(client, method)(f"{LIST}{published.pk}/views/")

    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM
    assert response["Allow"] == "GET, HEAD, POST"


# Unknown paths


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        f"{API}/",
        f"{API}/nope/",
        f"{API}/nope",
        f"{API}/unknown",
        f"{API}/news/1/qr.gif",
        f"{API}/news/1/qr.svg/",
        f"{API}/news/1/qr.svg.png",
        f"{API}/news/1/views/extra/",
        f"{API}/social/x/",
        f"{API}/%0A",
        f"{API}/docs/../../admin/",
    ],
)
@pytest.mark.parametrize("language", ["vi", "en"])
def test_an_unknown_path_is_a_404_problem_never_a_language_redirect(client, path, language):
    response = client.get(path, headers={"accept-language": language})

    body = assert_problem(response, 404)
    assert response.wsgi_request.path in body["detail"]
    assert_problem(client.post(path), 404)
    assert client.head(path).status_code == 404


@pytest.mark.django_db
def test_an_endpoint_without_its_final_slash_redirects_to_it_not_to_a_language(client, db):
    response = client.get(f"{API}/news?limit=1")

    assert response.status_code == 301
    assert response["Location"] == f"{LIST}?limit=1"


# Parameters


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["1893456000", "0", "20240501", "2024-5-1", "2024-05-01T00:00"])
@pytest.mark.parametrize("name", ["date_from", "date_to"])
def test_a_date_not_written_yyyy_mm_dd_is_a_400(client, db, name, value):
    response = api_get(client, LIST, data={name: value}, headers={"accept-language": "en"})

    body = assert_problem(response, 400)
    [error] = body["errors"]
    assert error["loc"] == ["query", name]
    assert "must be a date written YYYY-MM-DD" in error["msg"]


@pytest.mark.django_db
def test_dates_in_reverse_give_an_empty_list(client, published):
    response = api_get(client, LIST, data={"date_from": "2024-05-02", "date_to": "2024-04-30"})

    assert response.status_code == 200
    assert response.json()["items"] == []


@pytest.mark.django_db
def test_an_unknown_section_is_a_404_problem(client, published):
    response = api_get(client, LIST, data={"index": 2**31 - 1})

    assert_problem(response, 404)


@pytest.mark.django_db
def test_a_language_of_the_site_without_pages_gives_empty_lists(client, published):
    assert not Locale.objects.filter(language_code="en").exists()

    for url in (LIST, f"{LIST}most-read/"):
        response = api_get(client, url, data={"locale": "en"})
        assert response.status_code == 200
        assert response.json()["items"] == []
    assert [item["id"] for item in api_get(client, LIST, data={"locale": "vi"}).json()["items"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("cursor", "listed"), [("9" * 19 + "_1", True), ("-" + "9" * 19 + "_1", False)]
)
def test_a_cursor_beyond_the_calendar_is_read_as_far_future_or_past(
    client, published, cursor, listed
):
    response = api_get(client, LIST, data={"before": cursor})

    assert response.status_code == 200
    assert bool(response.json()["items"]) is listed


# The OpenAPI document states the bounds in force


def parameter(document: dict, path: str, name: str) -> dict:
    [found] = [p for p in document["paths"][path]["get"]["parameters"] if p["name"] == name]
    return next(branch for branch in found["schema"]["anyOf"] if branch.get("type") != "null")


def test_openapi_states_the_maximum_limit_in_force():
    assert parameter(api.get_openapi_schema(path_prefix=""), "/news/", "limit")["maximum"] == 100
    with override_settings(WAGTAIL_GOVNEWS={"API_MAX_LIMIT": 7}):
        assert parameter(api.get_openapi_schema(path_prefix=""), "/news/", "limit")["maximum"] == 7


def test_openapi_lists_the_site_languages_as_locale_values():
    for path in ("/news/", "/news/most-read/"):
        assert parameter(api.get_openapi_schema(path_prefix=""), path, "locale")["enum"] == [
            "vi",
            "en",
        ]
    with override_settings(WAGTAIL_CONTENT_LANGUAGES=[("vi", "Tiếng Việt")]):
        assert parameter(api.get_openapi_schema(path_prefix=""), "/news/", "locale")["enum"] == [
            "vi"
        ]


def test_openapi_documents_dates_and_text_without_nul():
    document = api.get_openapi_schema(path_prefix="")
    for name in ("date_from", "date_to"):
        assert parameter(document, "/news/", name) == {"type": "string", "format": "date"}
    for name in ("category", "tag", "search"):
        assert parameter(document, "/news/", name)["pattern"] == "^[^\\u0000]*$"


@pytest.mark.django_db
def test_json_is_readable_utf8_text(client, published):
    """Vietnamese stays Vietnamese on the wire (no \\u escapes), in answers and in problems."""
    published.title = "Thành phố Đà Nẵng"
    published.save_revision().publish()
    body = client.get(f"{LIST}{published.pk}/").content
    assert "Thành phố Đà Nẵng".encode() in body and b"\\u" not in body
    problem = client.get(LIST, {"locale": "xx"})
    assert problem.status_code == 400 and b"\\u" not in problem.content
