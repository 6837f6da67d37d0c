"""The news API: list, detail, find, QR, social — content, filters, errors, caching, queries."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from tests.api_schema import SNAPSHOT, api_get, openapi_document
from tests.factories import (
    gallery_block,
    image_block,
    make_category,
    make_image,
    make_index,
    make_news,
    paragraph,
)
from tests.qr_decode import decode, decode_svg
from wagtail_govnews import response_cache

BASE = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
LIST = "/api/govnews/news/"


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["items"]]


@pytest.fixture
def newsroom(news_index):
    """Three sections' worth of articles in two categories, plus hidden ones."""
    education, health = make_category("Giáo dục"), make_category("Y tế")
    science = make_index("Khoa giáo", "khoa-giao")
    pages = {
        "school": make_news(
            news_index,
            "Trường học mới",
            date=BASE,
            categories=[education],
            tags=["tuyển sinh"],
            hero_image=make_image(),
            lead="Sapo trường học.",
            author="An",
        ),
        "hospital": make_news(
            news_index,
            "Bệnh viện quận",
            date=BASE + timedelta(days=2),
            categories=[health],
        ),
        "lab": make_news(science, "Phòng thí nghiệm", date=BASE + timedelta(days=1)),
    }
    make_news(news_index, "Bản nháp", publish=False)
    private = make_news(news_index, "Riêng tư", date=BASE + timedelta(days=5))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    pages["science"] = science
    return pages


@pytest.mark.django_db
def test_list_newest_first_with_news_fields(client, newsroom):
    response = api_get(client, LIST)
    assert response.status_code == 200
    body = response.json()
    assert [item["title"] for item in body["items"]] == [
        "Bệnh viện quận",
        "Phòng thí nghiệm",
        "Trường học mới",
    ]
    assert body["count"] == 3
    school = body["items"][2]
    assert school["url"] == newsroom["school"].full_url
    assert school["dateline"] == "Thứ Tư, 01/05/2024 15:00"
    assert school["date"] == "2024-05-01T15:00:00+07:00"
    assert school["lead"] == "Sapo trường học."
    assert school["categories"] == [
        {"id": school["categories"][0]["id"], "name": "Giáo dục", "slug": "giao-duc"}
    ]
    assert school["tags"] == [{"name": "tuyển sinh", "slug": "tuyen-sinh"}]
    hero = school["hero_image"]
    assert [r["filter"] for r in hero["renditions"]] == ["width-480", "width-800", "width-1200"]
    assert hero["srcset"].count("w,") == 2
    assert "original_images" not in json.dumps(body)
    assert hero["url"].startswith("http://testserver/media/images/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"category": "giao-duc"}, ["school"]),
        ({"tag": "tuyen-sinh"}, ["school"]),
        ({"date_from": "2024-05-02"}, ["hospital", "lab"]),
        ({"date_to": "2024-05-01"}, ["school"]),
        ({"date_from": "2024-05-02", "date_to": "2024-05-02"}, ["lab"]),
        ({"locale": "vi"}, ["hospital", "lab", "school"]),
        ({"search": "thí nghiệm"}, ["lab"]),
        ({"limit": 1, "offset": 1}, ["lab"]),
        ({"category": "khong-co"}, []),
    ],
)
def test_list_filters(client, newsroom, query, expected):
    response = api_get(client, LIST, data=query)
    assert response.status_code == 200
    assert ids(response) == [newsroom[name].pk for name in expected]


@pytest.mark.django_db
def test_list_index_filter_and_paging_links(client, newsroom):
    response = api_get(client, LIST, data={"index": newsroom["science"].pk})
    assert ids(response) == [newsroom["lab"].pk]
    page = api_get(client, LIST, data={"limit": 2}).json()
    assert page["next"] == "http://testserver/api/govnews/news/?limit=2&offset=2"
    assert page["previous"] is None
    last = api_get(client, page["next"]).json()
    assert last["next"] is None and [item["title"] for item in last["items"]] == ["Trường học mới"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"limit": 101}, "limit must be at most 100"),
        ({"limit": 0}, "Invalid query parameters"),
        ({"offset": -1}, "Invalid query parameters"),
        ({"date_from": "29/12/2022"}, "must be a date written YYYY-MM-DD"),
        ({"locale": "xx"}, "must be one of the site's languages: vi, en"),
        ({"index": "abc"}, "Invalid query parameters"),
        ({"fields": "title"}, "Unknown query parameter(s): fields"),
    ],
)
def test_list_bad_input_is_a_400_problem(client, newsroom, query, message):
    response = api_get(client, LIST, data=query, headers={"accept-language": "en"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert message in response.json()["detail"] + json.dumps(response.json().get("errors"))


@pytest.mark.django_db
def test_problem_messages_follow_accept_language(client, newsroom):
    vietnamese = api_get(client, LIST, data={"limit": 101}, headers={"accept-language": "vi"})
    assert vietnamese.json()["detail"] == "limit tối đa là 100 (nhận được 101)."
    english = api_get(client, LIST, data={"limit": 101}, headers={"accept-language": "en"})
    assert english.json()["detail"] == "limit must be at most 100 (got 101)."


@pytest.mark.django_db
@override_settings(WAGTAIL_GOVNEWS={"API_MAX_LIMIT": 5, "API_DEFAULT_LIMIT": 2})
def test_limit_defaults_and_cap_are_configurable(client, newsroom):
    assert api_get(client, LIST).json()["limit"] == 2
    assert api_get(client, LIST, data={"limit": 6}).status_code == 400


@pytest.fixture
def rich_article(news_index, social_accounts):
    target = make_news(news_index, "Bài được liên kết", date=BASE)
    photos = [make_image(description=f"Mô tả {n}") for n in range(3)]
    return make_news(
        news_index,
        "Bài đầy đủ",
        date=BASE + timedelta(days=1),
        lead="Sapo.",
        author="Lan",
        source_name="Sở Y tế",
        source_url="https://example.gov.vn/so-y-te",
        original_url="https://example.gov.vn/goc",
        body=[
            paragraph(f'<p>Xem <a linktype="page" id="{target.pk}">bài này</a>.</p>'),
            image_block(photos[0], caption="Quang cảnh.", alt_text="Hội trường", credit="Ảnh: An"),
            gallery_block(photos, layout="slideshow", title="Bộ ảnh"),
            {"type": "heading", "value": {"text": "Mục", "level": "h2"}},
            {"type": "quote", "value": {"quote": "Trích dẫn", "attribution": "Ông B"}},
            {
                "type": "table",
                "value": {
                    "data": [["A", "B"], ["1", None]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Bảng",
                },
            },
        ],
    )


@pytest.mark.django_db
def test_detail_resolves_everything(client, rich_article):
    response = api_get(client, f"{LIST}{rich_article.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Bài đầy đủ"
    assert data["dateline"] == "Thứ Năm, 02/05/2024 15:00"
    assert data["source"] == {"name": "Sở Y tế", "url": "https://example.gov.vn/so-y-te"}
    assert data["original_url"] == "https://example.gov.vn/goc"
    assert data["section"]["title"] == "Tin tức"
    types = [block["type"] for block in data["body"]]
    assert types == ["paragraph", "image", "gallery", "heading", "quote", "table"]
    assert 'href="/vi/tin-tuc/bai-duoc-lien-ket/"' in data["body"][0]["html"]
    image = data["body"][1]
    assert (image["caption"], image["alt"], image["credit"]) == (
        "Quang cảnh.",
        "Hội trường",
        "Ảnh: An",
    )
    gallery = data["body"][2]
    assert gallery["layout"] == "slideshow"
    assert [photo["alt"] for photo in gallery["images"]] == [
        "Mô tả ảnh 1",
        "Mô tả ảnh 2",
        "Mô tả ảnh 3",
    ]
    assert data["body"][5]["rows"] == [["A", "B"], ["1", None]]
    assert data["qr"]["value"] == rich_article.full_url
    assert [link["network"] for link in data["share"]] == [
        "facebook",
        "zalo",
        "x",
        "linkedin",
        "telegram",
        "email",
        "copy",
    ]
    assert [item["title"] for item in data["other_news"]] == ["Bài được liên kết"]
    assert data["translations"] == []


@pytest.mark.django_db
def test_qr_endpoints_decode_to_the_article_url(client, article):
    svg = api_get(client, f"{LIST}{article.pk}/qr.svg")
    png = api_get(client, f"{LIST}{article.pk}/qr.png")
    assert svg["Content-Type"] == "image/svg+xml" and png["Content-Type"] == "image/png"
    assert decode_svg(svg.content.decode()) == [article.full_url]
    assert decode(png.content) == [article.full_url]
    assert png["Cache-Control"] == "public, max-age=86400"
    assert png["ETag"]


@pytest.mark.django_db
@pytest.mark.parametrize("path_form", ["path", "no-slash", "full-url"])
def test_find_by_public_path(client, article, path_form):
    path = {"path": article.url, "no-slash": article.url.rstrip("/"), "full-url": article.full_url}[
        path_form
    ]
    response = api_get(client, f"{LIST}find/", data={"path": path})
    assert response.status_code == 200
    assert response.json()["id"] == article.pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/vi/tin-tuc/khong-co/", "/en/tin-tuc/", "/vi/tin-tuc/", "", "/vi/"]
)
def test_find_unknown_paths_are_404(client, article, path):
    response = api_get(client, f"{LIST}find/", data={"path": path})
    assert response.status_code in (400, 404)
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
def test_find_requires_path(client, article):
    response = api_get(client, f"{LIST}find/")
    assert response.status_code == 400


@pytest.mark.clock
@pytest.mark.django_db
def test_hidden_articles_never_appear(client, newsroom, news_index):
    draft = make_news(news_index, "Nháp 2", publish=False)
    scheduled = make_news(news_index, "Hẹn giờ", publish=False)
    scheduled.go_live_at = datetime.now(UTC) + timedelta(days=1)
    scheduled.save_revision().publish()
    scheduled.refresh_from_db()
    assert not scheduled.live
    private = make_news(news_index, "Riêng tư 2")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    listing = json.dumps(api_get(client, LIST).json())
    assert "Nháp" not in listing and "Riêng tư" not in listing and "Hẹn giờ" not in listing
    for page in (draft, private, scheduled):
        for suffix in ("", "qr.svg", "qr.png"):
            assert api_get(client, f"{LIST}{page.pk}/{suffix}").status_code == 404
        assert (
            api_get(client, f"{LIST}find/", data={"path": f"/vi/tin-tuc/{page.slug}/"}).status_code
            == 404
        )


@pytest.mark.django_db
def test_social_accounts_with_qr(client, social_accounts):
    data = api_get(client, "/api/govnews/social/").json()
    assert data["portal_name"] == "Cổng thông tin thử nghiệm"
    assert [item["url"] for item in data["items"]] == [account.url for account in social_accounts]
    for item in data["items"]:
        assert decode_svg(item["qr_svg"]) == [item["url"]]


@pytest.mark.django_db
def test_etag_and_last_modified_revalidate_with_304(client, article, django_assert_max_num_queries):
    for url in (LIST, f"{LIST}{article.pk}/", "/api/govnews/social/", f"{LIST}{article.pk}/qr.png"):
        client.get(url)  # the first request ever creates the portal settings
        first = api_get(client, url)
        assert first.status_code == 200
        assert first["ETag"] and first["Last-Modified"]
        assert first["Cache-Control"].startswith("public")
        with django_assert_max_num_queries(2):
            again = client.get(url, headers={"if-none-match": first["ETag"]})
        assert again.status_code == 304 and again.content == b""
        since = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
        assert since.status_code == 304


@pytest.mark.django_db
def test_etag_changes_when_content_is_published(client, article, news_index):
    etag = client.get(LIST)["ETag"]
    make_news(news_index, "Tin mới")
    assert client.get(LIST, headers={"if-none-match": etag}).status_code == 200
    article_etag = client.get(f"{LIST}{article.pk}/")["ETag"]
    article.unpublish()
    assert (
        client.get(f"{LIST}{article.pk}/", headers={"if-none-match": article_etag}).status_code
        == 404
    )


@pytest.mark.django_db
@override_settings(WAGTAIL_GOVNEWS={"API_CACHE_CONTROL": "public, max-age=5"})
def test_cache_control_is_configurable(client, article):
    assert client.get(LIST)["Cache-Control"] == "public, max-age=5"


def _queries(client, url, django_assert_max_num_queries, limit) -> int:
    """Queries of a request with renditions warm and the response cache cold."""
    client.get(url)  # warm renditions
    response_cache.invalidate()
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.slow  # 100 articles with images
@pytest.mark.django_db
def test_list_queries_constant_in_items(client, news_index, django_assert_max_num_queries):
    category = make_category()
    counts = []
    for total in (1, 20, 100):
        while len(news_index.get_children()) < total:
            make_news(
                news_index,
                "Tin",
                hero_image=make_image(size=(64, 36)),
                categories=[category],
                tags=["a", "b"],
            )
        counts.append(_queries(client, f"{LIST}?limit=100", django_assert_max_num_queries, 8))
    assert len(set(counts)) == 1, counts


@pytest.mark.django_db
def test_detail_queries_constant_in_images_and_links(
    client, news_index, django_assert_max_num_queries
):
    target = make_news(news_index, "Đích")
    one_link = f'<p><a linktype="page" id="{target.pk}">x</a></p>'
    photo = make_image(size=(64, 36))
    small = make_news(news_index, "Nhỏ", body=[gallery_block([photo]), paragraph(one_link)])
    no_links = make_news(news_index, "Không liên kết", body=[gallery_block([photo])])
    links = "".join(f'<a linktype="page" id="{target.pk}">{n}</a>' for n in range(30))
    big = make_news(
        news_index,
        "Lớn",
        body=[gallery_block([make_image(size=(64, 36)) for _ in range(12)]) for _ in range(5)]
        + [paragraph(f"<p>{links}</p>"), paragraph(f"<p>{links}</p>")],
    )
    first = _queries(client, f"{LIST}{small.pk}/", django_assert_max_num_queries, 12)
    second = _queries(client, f"{LIST}{big.pk}/", django_assert_max_num_queries, 12)
    assert first == second
    assert _queries(client, f"{LIST}{no_links.pk}/", django_assert_max_num_queries, 12) < first


@pytest.mark.django_db
def test_openapi_document_matches_the_committed_snapshot(client):
    served = client.get("/api/govnews/openapi.json")
    assert served.status_code == 200
    assert served.json() == openapi_document()
    assert json.loads(SNAPSHOT.read_text()) == openapi_document(), (
        "The API changed: run `make openapi` and commit docs/reference/openapi.json"
    )
    assert client.get("/api/govnews/docs/").status_code == 200
