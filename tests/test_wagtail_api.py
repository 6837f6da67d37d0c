"""Wagtail's own APIs (v2 at /api/v2/, v3 at /api/v3/) and CORS on the API paths."""

from datetime import UTC, datetime

import pytest
from django.conf import settings
from wagtail.models import PageViewRestriction

from tests.factories import (
    gallery_block,
    image_block,
    make_category,
    make_image,
    make_news,
    paragraph,
)

LIST_FIELDS = ["date", "lead", "author", "categories", "tags", "hero_image", "source_name"]
NEWS_LIST_URL = "/api/v2/pages/?type=wagtail_govnews.NewsPage&fields=" + ",".join(LIST_FIELDS)
ALLOWED_ORIGIN = "http://localhost:3000"


@pytest.fixture
def published(news_index):
    """A fully filled-in published article."""
    image = make_image("Ảnh bìa")
    return make_news(
        news_index,
        "Khánh thành trường học mới",
        date=datetime(2024, 3, 7, 10, 5, tzinfo=UTC),
        lead="Sáng nay, trường học mới đã được khánh thành.",
        author="Hoàng Minh",
        hero_image=image,
        categories=[make_category("Giáo dục")],
        tags=["trường học", "giáo dục"],
        source_name="Phòng Giáo dục",
        source_url="https://example.org/",
        body=[
            paragraph("<p>Đoạn văn đầu.</p>"),
            image_block(image, "Quang cảnh buổi lễ."),
            gallery_block([make_image(), make_image()]),
        ],
    )


@pytest.fixture
def hidden(news_index):
    """A draft and a private (view-restricted) article that anonymous users must not see."""
    draft = make_news(news_index, "Bản nháp chưa đăng", publish=False)
    private = make_news(news_index, "Tin nội bộ")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    return [draft, private]


def test_v2_news_list_has_requested_fields(client, published):
    response = client.get(NEWS_LIST_URL)

    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["id"] == published.pk
    assert item["title"] == "Khánh thành trường học mới"
    assert item["date"].startswith("2024-03-07T")
    assert item["lead"] == "Sáng nay, trường học mới đã được khánh thành."
    assert item["author"] == "Hoàng Minh"
    assert item["source_name"] == "Phòng Giáo dục"
    assert [category["id"] for category in item["categories"]] == [published.categories.get().pk]
    assert sorted(item["tags"]) == ["giáo dục", "trường học"]
    assert item["hero_image"]["id"] == published.hero_image_id


def test_v2_news_list_hides_drafts_and_private_pages(client, published, hidden):
    response = client.get(NEWS_LIST_URL)

    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [published.pk]
    for page in hidden:
        # follow: Django's LocaleMiddleware turns a 404 into a redirect to /vi/api/…, a 404 too.
        response = client.get(f"/api/v2/pages/{page.pk}/", follow=True)
        assert response.status_code == 404
        assert page.title not in response.content.decode()


def test_v2_detail_has_body_and_hero_rendition(client, published):
    response = client.get(f"/api/v2/pages/{published.pk}/")

    assert response.status_code == 200
    data = response.json()
    assert [block["type"] for block in data["body"]] == ["paragraph", "image", "gallery"]
    assert data["body"][1]["value"]["caption"] == "Quang cảnh buổi lễ."
    assert data["source_url"] == "https://example.org/"
    thumbnail = data["hero_image_thumbnail"]
    assert (thumbnail["width"], thumbnail["height"]) == (1200, 675)
    assert ".fill-1200x675" in thumbnail["url"]


@pytest.mark.skipif(not settings.WAGTAIL_API_V3, reason="Wagtail 7.4 has no API v3")
def test_v3_pages_answer(client, published, hidden):
    response = client.get("/api/v3/pages/?type=wagtail_govnews.NewsPage")

    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [published.pk]

    detail = client.get(f"/api/v3/pages/{published.pk}/")
    assert detail.status_code == 200
    assert detail.json()["lead"] == "Sáng nay, trường học mới đã được khánh thành."
    assert detail.json()["hero_image_thumbnail"]["width"] == 1200


# CORS: only /api/ paths, only configured origins, read-only methods.


def test_cors_allows_a_configured_origin_on_the_api(client, published):
    response = client.get("/api/v2/pages/", headers={"Origin": ALLOWED_ORIGIN})

    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN
    exposed = response.headers["Access-Control-Expose-Headers"].lower()
    assert "etag" in exposed
    assert "last-modified" in exposed


def test_cors_ignores_an_unknown_origin(client, published):
    response = client.get("/api/v2/pages/", headers={"Origin": "https://evil.example"})

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers


def test_cors_headers_never_on_html_pages(client, published):
    response = client.get(published.url, headers={"Origin": ALLOWED_ORIGIN})

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers


def test_cors_preflight_allows_conditional_requests(client, db):
    response = client.options(
        "/api/v2/pages/",
        headers={
            "Origin": ALLOWED_ORIGIN,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )

    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN
    assert "GET" in response.headers["Access-Control-Allow-Methods"]
    assert "POST" not in response.headers["Access-Control-Allow-Methods"]
    allowed_headers = response.headers["Access-Control-Allow-Headers"].lower()
    assert "if-none-match" in allowed_headers
    assert "if-modified-since" in allowed_headers


# The stock APIs as the example mounts them (example_project/example_project/stock_apis.py):
# pages only, and Wagtail's known 500s answered with 400 in each API's own error format.

STOCK_APIS = ["/api/v2/"] + (["/api/v3/"] if settings.WAGTAIL_API_V3 else [])
NOT_MOUNTED = ["images/", "documents/", "redirects/", "snippets/", "sites/", "locales/"]


@pytest.fixture
def uploads(db):
    """An image, a document and a redirect, which a mounted endpoint would list."""
    from django.core.files.base import ContentFile
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents.models import Document

    document = Document.objects.create(title="Công văn", file=ContentFile(b"%PDF", "cv.pdf"))
    Redirect.objects.create(old_path="/tin-cu", redirect_link="https://example.org/")
    return [make_image("Ảnh gốc"), document]


@pytest.mark.parametrize("api", STOCK_APIS)
@pytest.mark.parametrize("endpoint", NOT_MOUNTED)
def test_only_pages_are_mounted(client, published, uploads, api, endpoint):
    response = client.get(f"{api}{endpoint}", follow=True)

    assert response.status_code == 404
    assert b"download_url" not in response.content
    assert b"tin-cu" not in response.content


@pytest.mark.urls("example_project.urls")
def test_the_example_project_mounts_only_pages(client, published, uploads):
    for api in STOCK_APIS:
        assert client.get(f"{api}pages/").status_code == 200
        for endpoint in NOT_MOUNTED:
            assert client.get(f"{api}{endpoint}", follow=True).status_code == 404
        assert client.get(f"{api}pages/?offset={2**63}").status_code == 400


def stock_error(response) -> str:
    """The message of a v2 (``{"message"}``) or v3 (problem document) error."""
    body = response.json()
    if response.wsgi_request.path.startswith("/api/v3/"):
        assert response["Content-Type"] == "application/problem+json"
        assert body["status"] == response.status_code
        return body["detail"]
    return body["message"]


@pytest.mark.parametrize("api", STOCK_APIS)
@pytest.mark.parametrize(
    ("query", "message"),
    [
        (f"offset={2**63}", "offset must be at most 9223372036854775807"),
        (f"offset={10**30}&search=a", "offset must be at most"),
        ("search=a%00b", "must not contain NUL characters"),
        ("type=wagtail_govnews.NewsPage%00", "must not contain NUL characters"),
        ("a%00b=1", "must not contain NUL characters"),
        ("search=a&search_operator=xyz", "search_operator must be 'and' or 'or'"),
    ],
)
def test_wagtail_500s_are_400s_at_the_mount(client, published, api, query, message):
    for path in ("pages/", f"pages/{published.pk}/", "pages/find/"):
        response = client.get(f"{api}{path}?{query}")

        assert response.status_code == 400, path
        assert message in stock_error(response)


@pytest.mark.parametrize("api", STOCK_APIS)
@pytest.mark.parametrize(
    "query", [f"offset={2**63 - 1}", "search=khánh thành", "search=a&search_operator=or"]
)
def test_the_guard_lets_valid_queries_through(client, published, api, query):
    response = client.get(f"{api}pages/?{query}")

    assert response.status_code == 200
