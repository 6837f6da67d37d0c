"""``Cache-Control`` of pages (``PageCacheControlMiddleware``): public for anonymous readers,
``private, no-store`` for editors, previews, sessions and anything personal."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import override_settings
from django.urls import reverse

from tests.factories import make_category, make_image, news_form
from wagtail_govnews.cache_control import PageCacheControlMiddleware

PUBLIC = "public, max-age=60, s-maxage=600, stale-while-revalidate=60"
PRIVATE = "private, no-store"

pytestmark = pytest.mark.django_db


def test_readers_pages_are_public_rendered_or_cached(client, article):
    rendered, cached = client.get(article.url), client.get(article.url)
    assert rendered.status_code == cached.status_code == 200
    assert rendered["Cache-Control"] == cached["Cache-Control"] == PUBLIC
    assert client.get(article.url + "?ref=home")["Cache-Control"] == PUBLIC


def test_sections_are_public_and_the_setting_changes_it(client, news_index):
    assert client.get(news_index.url)["Cache-Control"] == PUBLIC
    with override_settings(WAGTAIL_GOVNEWS={"PAGE_CACHE_CONTROL": "public, max-age=5"}):
        assert client.get(news_index.url)["Cache-Control"] == "public, max-age=5"
    with override_settings(WAGTAIL_GOVNEWS={"PAGE_CACHE_CONTROL": ""}):
        assert not client.get(news_index.url).has_header("Cache-Control")


def test_editors_get_private_pages(editor_client, article):
    assert editor_client.get(article.url)["Cache-Control"] == PRIVATE
    admin = editor_client.get(reverse("wagtailadmin_home"))
    assert admin.status_code == 200
    assert "private" in admin["Cache-Control"] and "no-store" in admin["Cache-Control"]


def test_previews_and_drafts_are_private(editor_client, article):
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(article.pk,))
    form = news_form(make_image(), make_category(), title="Bản nháp chưa đăng")
    assert editor_client.post(preview_url, form).json()["is_valid"]
    preview = editor_client.get(preview_url)
    assert "Bản nháp chưa đăng" in preview.content.decode()
    assert "no-store" in preview["Cache-Control"] and "private" in preview["Cache-Control"]
    draft = editor_client.get(reverse("wagtailadmin_pages:view_draft", args=(article.pk,)))
    assert draft.status_code == 200
    assert "no-store" in draft["Cache-Control"] and "private" in draft["Cache-Control"]


def test_a_visitors_session_makes_pages_private(client, article):
    client.cookies[settings.SESSION_COOKIE_NAME] = "a-session-of-theirs"
    assert client.get(article.url)["Cache-Control"] == PRIVATE


def test_errors_and_posts_are_private(client, article):
    assert client.get(article.url + "no-such-page/")["Cache-Control"] == PRIVATE
    assert client.post(article.url)["Cache-Control"] == PRIVATE


def test_a_page_with_a_csrf_token_is_private(rf):
    def form_page(request: HttpRequest) -> HttpResponse:
        return HttpResponse(f'<form method="post"><input value="{get_token(request)}"></form>')

    chain = PageCacheControlMiddleware(CsrfViewMiddleware(form_page))
    first = chain(rf.get("/contact/"))
    request = rf.get("/contact/")  # a reader who already has a CSRF cookie
    request.COOKIES[settings.CSRF_COOKIE_NAME] = first.cookies[settings.CSRF_COOKIE_NAME].value
    again = chain(request)
    assert first["Cache-Control"] == again["Cache-Control"] == PRIVATE


def test_responses_with_their_own_cache_control_keep_it(client, article):
    qr = client.get(f"/govnews/news/{article.pk}/qr.png")
    assert qr["Cache-Control"] == "public, max-age=86400"
    api = client.get("/api/govnews/news/")
    assert api["Cache-Control"] == "public, max-age=60, s-maxage=600, stale-while-revalidate=60"
