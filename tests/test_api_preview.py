"""The admin's "Headless frontend" preview mode and ``GET /api/govnews/preview/``."""

from __future__ import annotations

import time
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.api_schema import api_get
from tests.factories import make_category, make_news, news_form_data, paragraph
from wagtail_govnews import preview_tokens as preview
from wagtail_govnews.conf import govnews_settings
from wagtail_govnews.models import GovNewsSettings, NewsPage

FRONTEND = "http://localhost:3000/preview?token={token}"
PREVIEW_URL = "/api/govnews/preview/"


@pytest.fixture
def editor_client(db):
    client = Client()
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def frontend(db):
    """The default site's settings with a headless frontend preview address."""
    settings = GovNewsSettings.for_site(Site.objects.get(is_default_site=True))
    settings.frontend_preview_url = FRONTEND
    settings.save()
    return settings


def edit_form(page: NewsPage, **overrides) -> dict:
    """The edit form of ``page`` as an editor would post it, with ``overrides`` applied."""
    fields = {
        "title": page.title,
        "slug": page.slug,
        "date": "2024-05-02 09:30",
        "lead": page.lead,
        "body": streamfield([("paragraph", rich_text("<p>Nội dung đã đăng.</p>"))]),
        "author": page.author,
    }
    return news_form_data(**(fields | overrides))


def open_headless_preview(editor_client, page: NewsPage, **changes) -> str:
    """Post unsaved edits to the admin preview, open it in headless mode; return the token."""
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    posted = editor_client.post(preview_url, edit_form(page, **changes)).json()
    assert posted["is_valid"], posted
    response = editor_client.get(preview_url, {"mode": "headless"})
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("http://localhost:3000/preview?token=")
    return parse_qs(urlsplit(location).query)["token"][0]


def get_preview(token: str | None, **params):
    query = {"token": token, **params} if token is not None else params
    return api_get(Client(), PREVIEW_URL, data=query, headers={"accept-language": "en"})


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    return body


@pytest.mark.django_db
def test_editor_previews_unsaved_changes_on_the_headless_frontend(
    editor_client, frontend, news_index
):
    category = make_category("Y tế")
    picked = make_news(news_index, "Tin được chọn")
    article = make_news(
        news_index, "Tiêu đề đã đăng", lead="Sapo đã đăng.", body=[paragraph("<p>Cũ</p>")]
    )
    revisions_before = article.revisions.count()

    token = open_headless_preview(
        editor_client,
        article,
        title="Tiêu đề bản nháp",
        lead="Sapo bản nháp.",
        body=streamfield([("paragraph", rich_text("<p>Nội dung bản nháp.</p>"))]),
        categories=[category.pk],
        tags="tiêm chủng, đại hội",
        related_news=inline_formset([{"news": picked.pk}]),
    )

    # Anyone holding the token (the frontend, not logged in) can read the draft.
    response = get_preview(token)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    data = response.json()
    assert data["id"] == article.pk
    assert data["title"] == "Tiêu đề bản nháp"
    assert data["lead"] == "Sapo bản nháp."
    assert [block["type"] for block in data["body"]] == ["paragraph"]
    assert "Nội dung bản nháp." in data["body"][0]["html"]
    assert [item["slug"] for item in data["categories"]] == [category.slug]
    assert sorted(item["slug"] for item in data["tags"]) == ["dai-hoi", "tiem-chung"]
    assert [item["id"] for item in data["other_news"]] == [picked.pk]
    assert data["section"]["id"] == news_index.pk

    # Nothing was saved, and the public API still serves the published article.
    article.refresh_from_db()
    assert article.title == "Tiêu đề đã đăng"
    assert article.revisions.count() == revisions_before
    detail = Client().get(reverse("govnews_api:news_detail", args=(article.pk,)))
    assert detail.status_code == 200
    assert detail.json()["title"] == "Tiêu đề đã đăng"
    assert "public" in detail["Cache-Control"]
    listed = Client().get(reverse("govnews_api:news_list")).json()["items"]
    assert "Tiêu đề đã đăng" in [item["title"] for item in listed]
    assert "Tiêu đề bản nháp" not in [item["title"] for item in listed]


@pytest.mark.django_db
def test_never_published_draft_can_be_previewed(editor_client, frontend, news_index):
    draft = make_news(news_index, "Bản nháp", publish=False)
    token = open_headless_preview(editor_client, draft, title="Bản nháp đã sửa")
    assert get_preview(token).json()["title"] == "Bản nháp đã sửa"
    public = Client().get(reverse("govnews_api:news_detail", args=(draft.pk,)))
    assert public.status_code == 404


@pytest.mark.django_db
def test_default_preview_mode_still_renders_the_site_template(editor_client, frontend, article):
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(article.pk,))
    editor_client.post(preview_url, edit_form(article, title="Xem trước thường"))
    response = editor_client.get(preview_url)
    assert response.status_code == 200
    assert "Xem trước thường" in response.content.decode()


@pytest.mark.django_db
def test_new_unsaved_page_asks_for_a_draft_first(editor_client, frontend, news_index):
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=("wagtail_govnews", "newspage", news_index.pk),
    )
    page = NewsPage(title="Chưa lưu", slug="chua-luu")
    assert editor_client.post(url, edit_form(page)).json()["is_valid"]
    response = editor_client.get(url, {"mode": "headless"})
    assert response.status_code == 200
    assert "Hãy lưu bản nháp" in response.content.decode()


@pytest.mark.django_db
def test_preview_modes_follow_the_site_setting(frontend, article):
    assert [mode for mode, _label in article.preview_modes] == ["", "headless"]
    assert article.default_preview_mode == ""
    frontend.frontend_preview_url = ""
    frontend.save()
    assert [mode for mode, _label in article.preview_modes] == [""]


@pytest.mark.django_db
def test_headless_mode_without_a_frontend_falls_back_to_the_default_preview(editor_client, article):
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(article.pk,))
    editor_client.post(preview_url, edit_form(article, title="Không có frontend"))
    response = editor_client.get(preview_url, {"mode": "headless"})
    assert response.status_code == 200
    assert "Không có frontend" in response.content.decode()


@pytest.mark.clock
@pytest.mark.django_db
def test_expired_token_is_401_and_says_so(frontend, article, monkeypatch):
    token = preview.make_token(article)
    assert get_preview(token).status_code == 200
    later = time.time() + govnews_settings.PREVIEW_MAX_AGE + 1
    # Freeze the clock django.core.signing reads; the cache keeps its own clock.
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: later))
    body = assert_problem(get_preview(token), 401)
    assert "expired" in body["detail"]


@pytest.mark.clock
@pytest.mark.django_db
def test_shorter_max_age_setting_applies_to_existing_tokens(settings, article, monkeypatch):
    token = preview.make_token(article)
    later = time.time() + 120
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: later))
    assert get_preview(token).status_code == 200
    settings.WAGTAIL_GOVNEWS = {"PREVIEW_MAX_AGE": 60}
    assert "expired" in assert_problem(get_preview(token), 401)["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature changed
        lambda token: "other-id" + token[token.index(":") :],  # payload changed
        lambda token: signing.TimestampSigner().sign(token.split(":")[0]),  # wrong salt
        lambda token: "not a token",
    ],
    ids=["signature", "payload", "salt", "garbage"],
)
def test_forged_tokens_are_401(article, tamper):
    token = preview.make_token(article)
    body = assert_problem(get_preview(tamper(token)), 401)
    assert "expired" not in body["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{}, {"token": ""}])
def test_missing_token_is_401(query, db):
    assert_problem(api_get(Client(), PREVIEW_URL, data=query), 401)


@pytest.mark.django_db
def test_valid_token_whose_data_is_gone_is_404(article):
    token = preview.make_token(article)
    preview.discard(token)
    assert_problem(get_preview(token), 404)


@pytest.mark.django_db
def test_unknown_query_parameters_are_400(article):
    token = preview.make_token(article)
    body = assert_problem(get_preview(token, page="2"), 400)
    assert "page" in body["detail"]


@pytest.mark.django_db
def test_preview_is_in_the_openapi_document(db):
    schema = Client().get("/api/govnews/openapi.json").json()
    operation = schema["paths"][PREVIEW_URL]["get"]
    assert set(operation["responses"]) == {"200", "400", "401", "404"}
    assert reverse("govnews_api:news_preview") == PREVIEW_URL


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)//{token}",
        "ftp://example.gov.vn/preview?token={token}",
        "http://localhost:3000/preview",
        "localhost:3000/preview?token={token}",
        "http://[::1/preview?token={token}",
    ],
)
@pytest.mark.django_db
def test_frontend_preview_url_is_validated(url):
    settings = GovNewsSettings.for_site(Site.objects.get(is_default_site=True))
    settings.frontend_preview_url = url
    with pytest.raises(ValidationError) as error:
        settings.full_clean()
    assert "frontend_preview_url" in error.value.message_dict


@pytest.mark.parametrize("url", ["", FRONTEND, "https://www.example.gov.vn/xem-truoc/{token}/"])
@pytest.mark.django_db
def test_valid_frontend_preview_urls_pass(url):
    settings = GovNewsSettings.for_site(Site.objects.get(is_default_site=True))
    settings.frontend_preview_url = url
    settings.full_clean()


@pytest.mark.django_db
def test_settings_admin_rejects_a_bad_frontend_url(editor_client):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=("wagtail_govnews", "govnewssettings", site.pk))
    form = nested_form_data(
        {
            "portal_name": "Cổng thử",
            "zalo_oa_id": "",
            "frontend_preview_url": "javascript:alert(1)",
            "identity_translations": streamfield([]),
            "social_accounts": inline_formset([]),
        }
    )
    response = editor_client.post(url, form)
    assert response.status_code == 200
    assert "frontend_preview_url" in response.context["form"].errors
    form["frontend_preview_url"] = FRONTEND
    assert editor_client.post(url, form).status_code == 302
    assert GovNewsSettings.for_site(site).frontend_preview_url == FRONTEND


@pytest.mark.django_db
def test_draft_whose_section_is_gone_is_404(article):
    token = preview.make_token(article)
    payload_key = preview._cache_key(preview.preview_id_for_token(token))
    payload = cache.get(payload_key)
    payload["data"] = payload["data"].replace(article.path, "9999" + article.path[4:])
    cache.set(payload_key, payload)
    assert_problem(get_preview(token), 404)
