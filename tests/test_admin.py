"""Editors in the Wagtail admin: create, edit, preview news; edit settings and categories."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Site

from tests.factories import make_category, make_image, news_form
from wagtail_govnews.models import NewsPage


@pytest.mark.django_db
def test_editor_creates_and_publishes_news(editor_client, news_index):
    image, category = make_image(), make_category()
    url = reverse("wagtailadmin_pages:add", args=("wagtail_govnews", "newspage", news_index.pk))
    assert editor_client.get(url).status_code == 200
    form = news_form(image, category) | {"action-publish": "publish"}
    response = editor_client.post(url, form)
    assert response.status_code == 302, response.context["form"].errors
    page = NewsPage.objects.get(title="Đại hội đại biểu Đoàn phường")
    assert page.live
    assert page.slug == "dai-hoi-dai-bieu-doan-phuong"
    assert [block.block_type for block in page.body] == ["paragraph", "image", "gallery"]
    assert sorted(tag.slug for tag in page.tags.all()) == ["dai-hoi", "thanh-nien"]
    assert list(page.categories.all()) == [category]
    html = editor_client.get(page.url).content.decode()
    assert "Quang cảnh đại hội." in html
    assert "Thứ Năm, 02/05/2024 09:30" in html


@pytest.mark.django_db
def test_invalid_urls_are_form_errors_not_500(editor_client, news_index):
    image, category = make_image(), make_category()
    url = reverse("wagtailadmin_pages:add", args=("wagtail_govnews", "newspage", news_index.pk))
    response = editor_client.post(url, news_form(image, category, source_url="javascript:alert(1)"))
    assert response.status_code == 200
    assert "source_url" in response.context["form"].errors
    assert not NewsPage.objects.exists()


@pytest.mark.django_db
def test_edit_and_preview_pages_render(editor_client, article):
    edit = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    html = editor_client.get(edit).content.decode()
    for tab in (
        "Nội dung",
        "Hình ảnh",
        "Nguồn tin &amp; tác giả",
        "Chủ đề &amp; tin liên quan",
    ):
        assert tab in html
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(article.pk,))
    form = news_form(make_image(), make_category(), title="Bản xem trước")
    assert editor_client.post(preview_url, form).json()["is_valid"]
    preview = editor_client.get(preview_url).content.decode()
    assert "Bản xem trước" in preview
    assert "Bản xem trước" not in editor_client.get(article.url).content.decode()


@pytest.mark.django_db
def test_settings_and_category_admin(editor_client, social_accounts):
    site = Site.objects.get(is_default_site=True)
    settings_url = reverse(
        "wagtailsettings:edit", args=("wagtail_govnews", "govnewssettings", site.pk)
    )
    html = editor_client.get(settings_url).content.decode()
    assert "Fanpage thử" in html
    make_category("Y tế")
    listing = editor_client.get(reverse("wagtailsnippets_wagtail_govnews_newscategory:list"))
    assert "Y tế" in listing.content.decode()
