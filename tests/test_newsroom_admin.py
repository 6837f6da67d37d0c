"""The newsroom in the Wagtail admin: validation, notices, scheduling, workflows, News listing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.models import Workflow, WorkflowState
from wagtail.test.utils.form_data import streamfield
from wagtail.users.models import UserProfile

from tests.factories import make_category, make_image, make_index, make_news, news_form
from wagtail_govnews.models import NewsPage


def add_url(index) -> str:
    return reverse("wagtailadmin_pages:add", args=("wagtail_govnews", "newspage", index.pk))


def post_news(client, index, **overrides):
    """Post the add form with "Publish" (drafts defer checking required fields)."""
    form = news_form(make_image(), make_category(), **overrides)
    return client.post(add_url(index), form | {"action-publish": "publish"})


def form_errors(response) -> dict[str, list[str]]:
    assert response.status_code == 200, "the form should be shown again with errors"
    return {
        name: [str(e) for e in errors] for name, errors in response.context["form"].errors.items()
    }


@pytest.mark.django_db
def test_edit_form_has_newsroom_tabs_and_vietnamese_help(editor_client, article):
    html = editor_client.get(
        reverse("wagtailadmin_pages:edit", args=(article.pk,))
    ).content.decode()
    for text in ("Trạng thái và đính chính", "Số hiệu văn bản", "Lưu trữ / đã cũ", "Quảng bá"):
        assert text in html, text


@pytest.mark.django_db
def test_edit_form_speaks_english_to_english_editors(editor_client, article):
    profile = UserProfile.get_for_user(get_user_model().objects.get(username="editor"))
    profile.preferred_language = "en"
    profile.save()
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))).content
    for text in ("Status and corrections", "Official document number", "Archived / outdated"):
        assert text in html.decode(), text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"date": "2999-01-01 09:00"}, "date", "366"),
        ({"notice": "Số liệu đã được sửa."}, "notice_date", "ngày"),
        ({"notice_date": "2024-05-03 10:00"}, "notice", ""),
        ({"original_url": "not a url"}, "original_url", ""),
        ({"source_url": "javascript:alert(1)"}, "source_url", ""),
    ],
)
def test_invalid_input_is_a_clear_form_error(editor_client, news_index, overrides, field, message):
    errors = form_errors(post_news(editor_client, news_index, **overrides))
    assert field in errors
    assert message in " ".join(errors[field])
    assert not NewsPage.objects.exists()


@pytest.mark.django_db
def test_gallery_without_images_is_refused(editor_client, news_index):
    body = streamfield([("gallery", {"title": "Ảnh", "layout": "grid", "images": streamfield([])})])
    response = post_news(editor_client, news_index, body=body)
    assert "body" in form_errors(response)
    assert not NewsPage.objects.exists()


@pytest.mark.django_db
def test_notice_archive_and_document_number_reach_page_and_api(editor_client, news_index):
    response = editor_client.post(
        add_url(news_index),
        news_form(
            make_image(),
            make_category(),
            is_archived="on",
            document_number="1234/QĐ-UBND",
            notice_kind="correction",
            notice_date="2024-05-03 10:00",
            notice="Sửa <b>số liệu</b> ở đoạn 2.",
        )
        | {"action-publish": "publish"},
    )
    assert response.status_code == 302
    page = NewsPage.objects.get()
    assert page.is_archived and page.document_number == "1234/QĐ-UBND"
    client = Client()
    html = client.get(page.url).content.decode()
    assert "govnews-banner--archived" in html
    assert "1234/QĐ-UBND" in html
    assert "Sửa &lt;b&gt;số liệu&lt;/b&gt; ở đoạn 2." in html  # escaped
    assert "Thứ Sáu, 03/05/2024 10:00" in html
    assert html.index("govnews-dateline") < html.index("govnews-notice")
    printed = client.get(page.url + "print/").content.decode()
    assert "govnews-banner--archived" in printed and "Sửa &lt;b&gt;số liệu" in printed
    data = client.get(f"/api/govnews/news/{page.pk}/").json()
    assert data["is_archived"] is True
    assert data["document_number"] == "1234/QĐ-UBND"
    assert data["notice"]["kind"] == "correction"
    assert data["notice"]["text"] == "Sửa <b>số liệu</b> ở đoạn 2."
    assert data["notice"]["dateline"] == "Thứ Sáu, 03/05/2024 10:00"
    listed = client.get("/api/govnews/news/").json()["items"][0]
    assert listed["is_archived"] is True


@pytest.mark.clock
@pytest.mark.django_db
def test_scheduled_news_stays_hidden_until_go_live(editor_client, news_index):
    go_live = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    form = news_form(make_image(), make_category(), title="Tin hẹn giờ", go_live_at=go_live)
    response = editor_client.post(add_url(news_index), form | {"action-publish": "publish"})
    assert response.status_code == 302
    page = NewsPage.objects.get(title="Tin hẹn giờ")
    assert not page.live
    assert page.get_latest_revision().approved_go_live_at is not None
    listing = editor_client.get(reverse("govnews_news:index"), {"status": "scheduled"})
    assert titles(listing) == {"Tin hẹn giờ"}
    assert Client().get(f"/api/govnews/news/{page.pk}/").status_code == 404


@pytest.mark.django_db
def test_news_goes_through_the_moderation_workflow(editor_client, news_index):
    workflow = Workflow.objects.get(name="Moderators approval")
    workflow.workflow_pages.create(page=news_index)
    form = news_form(make_image(), make_category(), title="Tin chờ duyệt")
    response = editor_client.post(add_url(news_index), form | {"action-submit": "submit"})
    assert response.status_code == 302
    page = NewsPage.objects.get(title="Tin chờ duyệt")
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not page.live
    task_state = state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)
    )
    response = editor_client.post(approve, {"comment": ""})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live


@pytest.fixture
def newsroom(db):
    """Two sections, two categories, articles by different authors in different states."""
    city, science = make_index(), make_index("Khoa giáo", "khoa-giao")
    traffic, health = make_category("Giao thông"), make_category("Y tế")
    day = datetime(2024, 5, 2, 9, 30, tzinfo=UTC)
    return {
        "city": city,
        "science": science,
        "traffic": traffic,
        "bus": make_news(city, "Tuyến buýt mới", author="Lan Anh", categories=[traffic], date=day),
        "clinic": make_news(
            science,
            "Trạm y tế mới",
            author="Minh Khôi",
            categories=[health],
            date=day + timedelta(days=30),
            is_archived=True,
        ),
        "draft": make_news(city, "Bản nháp đường mới", publish=False, categories=[traffic]),
    }


def titles(response) -> set[str]:
    assert response.status_code == 200
    return {page.title for page in response.context["pages"]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"Tuyến buýt mới", "Trạm y tế mới", "Bản nháp đường mới"}),
        ({"section": "science"}, {"Trạm y tế mới"}),
        # A draft's categories live in its revision until it is published.
        ({"category": "traffic"}, {"Tuyến buýt mới"}),
        ({"author": "minh"}, {"Trạm y tế mới"}),
        ({"status": "draft"}, {"Bản nháp đường mới"}),
        ({"status": "live"}, {"Tuyến buýt mới", "Trạm y tế mới"}),
        ({"status": "archived"}, {"Trạm y tế mới"}),
        ({"date_from": "2024-05-01", "date_to": "2024-05-10"}, {"Tuyến buýt mới"}),
        ({"q": "buýt"}, {"Tuyến buýt mới"}),
    ],
)
def test_news_listing_filters(editor_client, newsroom, query, expected):
    params = {
        key: newsroom[value].pk if key in ("section", "category") else value
        for key, value in query.items()
    }
    assert titles(editor_client.get(reverse("govnews_news:index"), params)) == expected


@pytest.mark.django_db
def test_news_listing_has_bulk_actions_and_menu_item(editor_client, newsroom):
    html = editor_client.get(reverse("govnews_news:index")).content.decode()
    assert "data-bulk-action-checkbox" in html
    assert (
        reverse("govnews_news:index")
        in editor_client.get(reverse("wagtailadmin_home")).content.decode()
    )


@pytest.mark.django_db
def test_news_listing_bad_filters_are_not_500(editor_client, newsroom):
    for params in ({"section": "x"}, {"date_from": "2024-99-99"}, {"status": "nope"}):
        assert editor_client.get(reverse("govnews_news:index"), params).status_code == 200


@pytest.mark.django_db
def test_bulk_unpublish_from_the_news_listing(editor_client, newsroom):
    listing = reverse("govnews_news:index")
    chosen = [newsroom["bus"].pk, newsroom["clinic"].pk]
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "unpublish"))
    query = urlencode({"id": chosen, "next": listing}, doseq=True)
    response = editor_client.post(f"{url}?{query}")
    assert response.status_code == 302
    assert response["Location"] == listing
    assert not NewsPage.objects.filter(pk__in=chosen, live=True).exists()
    assert titles(editor_client.get(listing, {"status": "live"})) == set()
