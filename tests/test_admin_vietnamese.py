"""The news workflow in the admin, for an editor whose admin language is Vietnamese.

Wagtail's Vietnamese catalogue leaves much of its admin in English; the package's catalogue
supplies those strings (wagtail_govnews/admin_i18n/). Each screen of the workflow is read as
the editor gets it: the strings that used to be English must be Vietnamese, and the English
gone. The News listing names the section column "Chuyên mục" and shows dates as
dd/mm/yyyy HH:MM; avatars never come from gravatar.com.
"""

from __future__ import annotations

import ast
import html
import re
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from tests.factories import make_category, make_image, make_index, make_news, news_form
from wagtail_govnews import admin_i18n, checks
from wagtail_govnews.admin_i18n import javascript

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w+\}")


def set_admin_language(language: str) -> None:
    profile = UserProfile.get_for_user(get_user_model().objects.get(username="editor"))
    profile.preferred_language = language
    profile.save()


@pytest.fixture
def vi_editor(editor_client):
    """The editor's client, with Vietnamese chosen as admin language in their account."""
    set_admin_language("vi")
    return editor_client


@pytest.fixture
def desk(db):
    """A section with a live article whose dateline is 05/12/2026 08:17 in Hanoi."""
    section = make_index("Thời sự", "thoi-su")
    article = make_news(
        section,
        "Khai mạc kỳ họp Hội đồng nhân dân thành phố",
        author="Thu Hà",
        date=datetime(2026, 12, 5, 1, 17, tzinfo=UTC),
        categories=[make_category("Chính quyền")],
    )
    return SimpleNamespace(section=section, article=article)


def text_of(response) -> str:
    """The page unescaped, with the JSON the admin's scripts render (the sidebar, the bulk
    actions) decoded: what the editor reads or hears is in there."""
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda match: chr(int(match[1], 16)), page)


def assert_vietnamese(page: str, expected: list[str], gone: list[str]) -> None:
    missing = [text for text in expected if text not in page]
    left = [text for text in gone if re.search(rf"(?<![\w-]){re.escape(text)}(?![\w-])", page)]
    assert (missing, left) == ([], [])


@pytest.mark.django_db
def test_dashboard_and_sidebar(vi_editor, desk):
    page = text_of(vi_editor.get(reverse("wagtailadmin_home")))
    assert_vietnamese(
        page,
        ["Ảnh", "Tài liệu", "Báo cáo", "Trợ giúp", "Tìm trong tất cả các trang…", "Chủ đề tin"],
        ['"Images"', '"Documents"', '"Reports"', '"Help"', "Search all pages…"],
    )


@pytest.mark.django_db
def test_news_listing_with_a_filter(vi_editor, desk):
    make_news(desk.section, "Tin khác cùng chuyên mục", author="Lan Anh")
    url = reverse("govnews_news:index")
    page = text_of(vi_editor.get(url, {"section": desk.section.pk, "status": "live"}))
    assert_vietnamese(
        page,
        [
            "Chuyên mục",
            "Chủ đề",
            "Ngày đăng",
            "Cập nhật",
            "1-2 trong số 2 bài tin",
            "Hiện bộ lọc",
            "Lọc theo",
            "Ngày cập nhật",
            "Người tạo",
            "Thao tác hàng loạt",
            "đang đăng",
            "Tìm kiếm…",
        ],
        ["Tập", "Updated", "Show filters", "Filter by", "Owner", "1-2 of 2", "Search…", "ago"],
    )
    # The section column, absolute dates in the editor's (the portal's) time zone.
    assert re.search(r"<th[^>]*>\s*Chuyên mục\s*</th>", page)
    # A no-break space between the date and the time.
    assert '<time datetime="2026-12-05T08:17:00+07:00">05/12/2026\xa008:17</time>' in page
    updated = timezone.localtime(desk.article.latest_revision_created_at)
    assert updated.strftime("%d/%m/%Y\xa0%H:%M") in page
    assert "giờ trước" not in page and "phút trước" not in page


@pytest.mark.django_db
def test_edit_form_publishing_and_schedule(vi_editor, desk):
    page = text_of(vi_editor.get(reverse("wagtailadmin_pages:edit", args=(desk.article.pk,))))
    assert_vietnamese(
        page,
        [
            "Lưu nháp",
            "Xuất bản",
            "Thao tác khác",
            "Tiêu đề trang như bạn muốn bạn đọc nhìn thấy",
            "Chủ đề & tin liên quan",
            # The status side panel and the schedule dialog.
            "Đang đăng",
            "Xem lịch sử",
            "Hẹn giờ",
            "Hẹn giờ xuất bản",
            "Chưa hẹn giờ xuất bản",
            "Thời điểm xuất bản",
            "Thời điểm hết hạn",
            "Lưu lịch",
            "Mọi người đều xem được",
            "Xuất bản lần đầu",
            # Wagtail's scripts: the package's additions to their catalogue.
            '"Collapse all": "Thu gọn tất cả"',
            '"Insert a block": "Chèn khối"',
        ],
        [
            "Save draft",
            "Set schedule",
            "Set publishing schedule",
            "Save schedule",
            "No publishing schedule set",
            "View history",
            "Visible to all",
            "First published",
            "The page title as you'd like it to be seen by the public",
        ],
    )


@pytest.mark.django_db
def test_publish_and_schedule_messages(vi_editor, desk):
    add = reverse("wagtailadmin_pages:add", args=("wagtail_govnews", "newspage", desk.section.pk))
    image, category = make_image(), make_category()
    published = vi_editor.post(
        add, news_form(image, category) | {"action-publish": "publish"}, follow=True
    )
    assert "Đã tạo và xuất bản trang 'Đại hội đại biểu Đoàn phường'." in text_of(published)
    go_live = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    form = news_form(image, category, title="Tin hẹn giờ", slug="tin-hen-gio", go_live_at=go_live)
    scheduled = text_of(vi_editor.post(add, form | {"action-publish": "publish"}, follow=True))
    assert "Đã tạo trang 'Tin hẹn giờ' và hẹn giờ xuất bản." in scheduled
    assert "has been scheduled" not in scheduled and "created and" not in scheduled


@pytest.mark.django_db
def test_image_chooser(vi_editor, desk):
    make_image("Toàn cảnh hội trường")
    page = vi_editor.get(reverse("wagtailimages_chooser:choose")).json()["html"]
    assert_vietnamese(
        html.unescape(page),
        ["Chọn ảnh", "Tải lên", "Ảnh mới nhất", "Toàn cảnh hội trường"],
        ["Latest images", "Choose an image", "Upload"],
    )


@pytest.mark.django_db
def test_english_editors_keep_english(editor_client, desk):
    set_admin_language("en")
    page = text_of(editor_client.get(reverse("govnews_news:index")))
    assert "Section" in page and "Updated" in page and "Chuyên mục" not in page
    assert "05/12/2026\xa008:17" in page  # a newsroom's dates, in either language
    edit = text_of(editor_client.get(reverse("wagtailadmin_pages:edit", args=(desk.article.pk,))))
    assert "Save draft" in edit and "Thu gọn tất cả" not in edit


@pytest.mark.django_db
def test_no_gravatar_in_the_admin(vi_editor, desk, settings):
    from example_project import settings as example

    assert example.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    for url in (
        reverse("wagtailadmin_home"),
        reverse("govnews_news:index"),
        reverse("wagtailadmin_pages:edit", args=(desk.article.pk,)),
        reverse("wagtailadmin_account"),
    ):
        page = text_of(vi_editor.get(url))
        assert "gravatar" not in page.lower(), url
        assert "wagtailadmin/images/default-user-avatar" in page, url


def supplied() -> list[tuple[str, ...]]:
    """Every msgid the package supplies: (msgid,) or (singular, plural)."""
    modules = [*admin_i18n.SCREENS, javascript]
    return [(msgid,) for module in modules for msgid in module.STRINGS] + [
        pair for module in modules for pair in module.PLURALS
    ]


@pytest.mark.parametrize("msgid", supplied(), ids=lambda msgid: msgid[0][:40])
def test_every_supplied_string_is_translated(msgid):
    with translation.override("vi"):
        text = translation.gettext(msgid[0]) if len(msgid) == 1 else translation.ngettext(*msgid, 2)
    assert text != msgid[0], "not translated"
    assert unicodedata.normalize("NFC", text) == text
    assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(msgid[-1]))
    assert sorted(re.findall(r"</?\w+", text)) == sorted(re.findall(r"</?\w+", msgid[0]))


def test_plurals_are_marked_for_makemessages():
    """Each module's ``_plurals`` calls ngettext on exactly its PLURALS (or makemessages drops
    them from the catalogue)."""
    for module in [*admin_i18n.SCREENS, javascript]:
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        marked = [
            tuple(arg.value for arg in node.args[:2])
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "ngettext"
        ]
        assert marked == list(module.PLURALS), module.__name__


def test_the_package_catalogue_wins_over_wagtails():
    """Wagtail's catalogue says "Tập" (a volume) for a parent page; the package's wins."""
    with translation.override("vi"):
        assert translation.gettext("Parent") == "Trang cha"
        assert translation.gettext("%(label)s and Publish") == "%(label)s và xuất bản"


def test_script_catalogue_is_empty_in_english():
    with translation.override("en"):
        assert admin_i18n.script_catalog_tag() == ""
    with translation.override("vi"):
        catalog = admin_i18n.script_catalog()
    assert catalog["Collapse all"] == "Thu gọn tất cả"
    assert catalog["%(num)s error"] == ["%(num)s lỗi", "%(num)s lỗi"]


def test_script_catalogue_cannot_close_its_script(monkeypatch):
    monkeypatch.setattr(javascript, "STRINGS", ("</script><b>",))
    monkeypatch.setattr(javascript, "PLURALS", ())
    monkeypatch.setattr(admin_i18n, "gettext", lambda msgid: msgid + "!")
    tag = admin_i18n.script_catalog_tag()
    assert tag.count("</script>") == 1 and "\\u003C/script\\u003E" in tag


def fake_apps(*names: str) -> list[SimpleNamespace]:
    return [SimpleNamespace(name=name) for name in names]


def test_app_order_check(monkeypatch):
    assert checks.check_app_order() == []  # the suite's settings: the package comes first
    order = fake_apps("home", "wagtail_localize", "wagtail.admin", "wagtail_govnews", "wagtail")
    monkeypatch.setattr(apps, "get_app_configs", lambda: order)
    [warning] = checks.check_app_order()
    assert warning.id == "wagtail_govnews.W005"
    assert "wagtail.admin, wagtail_localize" in warning.msg
