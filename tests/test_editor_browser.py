"""From editor to visitor in a real browser: write, illustrate and publish an article, then read it.

Debian's Chromium, driven by Playwright, talks to a real example-portal server
(:mod:`tests.portal_server`) loaded with the demo content. The editor logs in, writes an
article with a lead, a captioned photo and a gallery of three photos (re-ordered), fills in
the source and the original article and publishes; the visitor's page must then show every
part, its QR code (read from a screenshot) must decode to the article's address, its share
links must open the right networks and the language switcher must lead to the translation.
Then the editor translates a demo article with a table into English in wagtail-localize's
translation editor (every caption and cell is offered, as is every gallery caption and credit),
translates the table's caption there and publishes; the English page shows it.
Screenshots land in ``tests/artifacts/`` (git-ignored).
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit
from urllib.request import urlopen

from tests.browser import BROWSER_TEST_MARKS, CHROMIUM, CHROMIUM_FLAGS
from tests.portal_server import PortalServer, portal_server
from tests.qr_decode import decode

try:
    from playwright.sync_api import Page, expect, sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None

pytestmark = BROWSER_TEST_MARKS

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
TITLE = "Phường Bến Thành khánh thành nhà văn hoá cộng đồng mới"
LEAD = "Sáng nay, phường đưa vào sử dụng nhà văn hoá ba tầng phục vụ sinh hoạt của người dân."
CAPTION = "Lãnh đạo phường cắt băng khánh thành."
GALLERY = ["Hội trường tầng hai.", "Thư viện thiếu nhi.", "Sân chơi ngoài trời."]
SOURCE = ("UBND phường Bến Thành", "https://example.gov.vn/ben-thanh")
ORIGINAL = "https://example.gov.vn/tin/khanh-thanh-nha-van-hoa"
AUTHOR = "Trần Mai Anh"
DOCUMENT = "125/TB-UBND"
#: A demo article that has an English translation (see home/demo/content.py).
TRANSLATED_PATH = "/vi/khoa-giao/hoi-nghi-tong-ket-cong-tac-khoa-giao-nam-2022/"


@contextmanager
def chromium_tabs(portal: PortalServer):
    """Chromium with an editor's tab and an anonymous visitor's tab on the portal.

    Only the portal is reachable: any other host (a share link's network) gets a blank page.
    """
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)

        def stub_outside(route) -> None:
            if route.request.url.startswith(portal.base_url):
                route.continue_()
            else:
                route.fulfill(status=200, content_type="text/html", body="<title>stub</title>")

        tabs = {}
        for role in ("editor", "visitor"):
            context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
            context.route("**/*", stub_outside)
            tabs[role] = context.new_page()
            tabs[role].set_default_timeout(20_000)
        try:
            yield tabs
        finally:
            chromium.close()


def api(portal: PortalServer, path: str) -> dict:
    # Generous: a cold list on a loaded 2-core CI machine can take seconds (a liveness limit).
    with urlopen(portal.base_url + path, timeout=60) as response:
        return json.load(response)


def choose_image(page: Page, field: str, nth: int) -> None:
    """Open the image chooser of a block field and pick the ``nth`` image of the library."""
    page.locator(f"#{field}-chooser button.chooser__choose-button").click()
    modal = page.locator(".modal")
    expect(modal).to_be_visible()
    modal.locator("a.image-choice").nth(nth).click()
    expect(modal).to_be_hidden()
    expect(page.locator(f"#{field}")).not_to_have_value("")


def add_block(page: Page, label: str) -> None:
    page.locator("[data-contentpath=body] button.c-sf-add-button").last.click()
    page.get_by_role("option", name=label, exact=True).click()


def write_article(page: Page, portal: PortalServer, section_id: int) -> None:
    """Everything an editor does in the admin, through its forms, buttons and modals."""
    page.goto(portal.base_url + "/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "admin")
    page.click("button[type=submit]")
    expect(page).to_have_url(portal.base_url + "/admin/")
    gravatar_requests: list[str] = []
    page.on(
        "request",
        lambda request: (
            gravatar_requests.append(request.url) if "gravatar" in request.url else None
        ),
    )
    page.goto(f"{portal.base_url}/admin/pages/add/wagtail_govnews/newspage/{section_id}/")
    # The admin in Vietnamese, Wagtail's script strings included (the package adds them).
    expect(page.get_by_role("button", name="Thu gọn tất cả")).to_be_visible()
    expect(page.locator("footer button[type=submit]").first).to_contain_text("Lưu nháp")
    page.fill("#id_title", TITLE)
    page.fill("#id_lead", LEAD)  # leaving the title fills the slug, folded to ASCII
    expect(page.locator("#id_slug")).to_have_value(
        "phuong-ben-thanh-khanh-thanh-nha-van-hoa-cong-dong-moi"
    )

    add_block(page, "Ảnh có chú thích")
    choose_image(page, "body-0-value-image", 0)
    page.fill("#body-0-value-caption", CAPTION)
    page.fill("#body-0-value-alt_text", "Lễ cắt băng trước nhà văn hoá")
    page.fill("#body-0-value-credit", "Ảnh: Minh Đức")

    add_block(page, "Bộ ảnh")
    page.fill("#body-1-value-title", "Hình ảnh nhà văn hoá")
    add_photo = page.locator("[data-contentpath=body] [data-streamfield-list-add]")
    # The list starts with one photo; add two more, then move the last one up to second place.
    for n, caption in enumerate([GALLERY[0], GALLERY[2], GALLERY[1]]):
        if n:
            add_photo.last.click()
        choose_image(page, f"body-1-value-images-{n}-value-image", n + 1)
        page.fill(f"#body-1-value-images-{n}-value-caption", caption)
    panel = "xpath=ancestor::section[contains(@class, 'w-panel')][1]"
    photo = page.locator("#body-1-value-images-2-value-caption").locator(panel)
    photo.locator("[data-streamfield-action=MOVE_UP]").first.click()
    expect(page.locator("input[name=body-1-value-images-2-order]")).to_have_value("1")

    page.get_by_role("tab", name="Nguồn tin & tác giả").click()
    page.fill("#id_author", AUTHOR)
    page.fill("#id_document_number", DOCUMENT)
    page.fill("#id_source_name", SOURCE[0])
    page.fill("#id_source_url", SOURCE[1])
    page.fill("#id_original_url", ORIGINAL)

    page.locator("footer .w-dropdown__toggle, [data-w-dropdown-target=toggle]").last.click()
    page.locator("button[name=action-publish]").click()
    page.wait_for_load_state()
    errors = page.locator(".error-message, .w-field__errors").all_inner_texts()
    assert not [text.strip() for text in errors if text.strip()]  # names the field on failure
    expect(page.locator(".messages .success, .messages li")).to_contain_text(TITLE)
    page.goto(f"{portal.base_url}/admin/govnews_news/")
    expect(page.locator("table.listing")).to_contain_text(TITLE)
    expect(page.locator("table.listing thead")).to_contain_text("Chuyên mục")
    assert gravatar_requests == []  # avatars never come from gravatar.com
    page.screenshot(path=str(ARTIFACTS / "admin-news-listing.png"))


def test_editor_to_visitor_in_a_real_browser(tmp_path):
    """One server and one article for every check (a single test keeps them on one worker)."""
    ARTIFACTS.mkdir(exist_ok=True)
    with portal_server(tmp_path) as portal, chromium_tabs(portal) as tabs:
        news = api(portal, "/api/govnews/news/?locale=vi&limit=100")["items"]
        section = next(
            item["section_id"] for item in news if item["path"].startswith("/vi/tin-tuc/")
        )
        write_article(tabs["editor"], portal, section)
        found = api(portal, f"/api/govnews/news/?locale=vi&search={quote(TITLE)}")["items"]
        assert [item["title"] for item in found] == [TITLE]
        published = api(portal, f"/api/govnews/news/{found[0]['id']}/")

        visitor = tabs["visitor"]
        check_every_part_of_the_article(visitor, published)
        check_qr_code_from_a_screenshot(visitor, published)
        check_share_links(visitor, published)
        check_language_switcher(visitor, portal)
        check_translation_editor(tabs["editor"], visitor, portal, news)


def check_every_part_of_the_article(page: Page, published: dict) -> None:
    page.goto(published["url"])
    article = page.locator("article.govnews-article")
    expect(article.locator("h1")).to_have_text(TITLE)
    expect(article.locator(".govnews-article__lead")).to_have_text(LEAD)
    # The first dateline is the article's own (the "other news" box lists theirs too).
    expect(article.locator(".govnews-dateline").first).to_have_text(published["dateline"])
    figures = article.locator(".govnews-article__body figure")
    expect(figures).to_have_count(4)
    expect(figures.first.locator("figcaption")).to_contain_text(CAPTION)
    expect(article.locator(".govnews-gallery figcaption")).to_contain_text(GALLERY)
    for image in figures.locator("img").all():
        image.scroll_into_view_if_needed()  # photos load lazily, when they come into view
        loaded = "img => img.complete && img.naturalWidth > 0"
        page.wait_for_function(loaded, arg=image.element_handle(), timeout=20_000)
    expect(article.locator(".govnews-byline")).to_contain_text(AUTHOR)
    expect(article.locator(".govnews-article__document-number")).to_have_text(DOCUMENT)
    assert published["document_number"] == DOCUMENT
    expect(article.locator(".govnews-article__original")).to_have_attribute("href", ORIGINAL)
    source = article.locator(".govnews-utilities a", has_text=SOURCE[0])
    expect(source).to_have_attribute("href", SOURCE[1])
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)
    assert [block["type"] for block in published["body"]] == ["image", "gallery"]
    assert [photo["caption"] for photo in published["body"][1]["images"]] == GALLERY


def check_qr_code_from_a_screenshot(page: Page, published: dict) -> None:
    page.goto(published["url"])
    qr = page.locator(".govnews-utilities .govnews-qr svg")
    qr.scroll_into_view_if_needed()
    assert decode(qr.screenshot()) == [published["url"]]


def check_share_links(page: Page, published: dict) -> None:
    page.goto(published["url"])
    url = published["url"]
    expected = {
        "facebook": ("www.facebook.com", "/sharer/sharer.php", "u"),
        "x": ("twitter.com", "/intent/tweet", "url"),
        "linkedin": ("www.linkedin.com", "/sharing/share-offsite/", "url"),
        "telegram": ("t.me", "/share/url", "url"),
    }
    for network, (host, path, param) in expected.items():
        with page.expect_popup() as popup_info:
            page.locator(f".govnews-share__link--{network}").click()
        popup = popup_info.value
        popup.wait_for_load_state()
        opened = urlsplit(popup.url)
        assert (opened.scheme, opened.netloc, opened.path) == ("https", host, path), popup.url
        assert parse_qs(opened.query)[param] == [url]
        popup.close()
    zalo = page.locator(".govnews-share__link--zalo").get_attribute("href")
    assert zalo.startswith("https://button-share.zalo.me/share_external?d=")


def check_language_switcher(page: Page, portal: PortalServer) -> None:
    page.goto(portal.base_url + TRANSLATED_PATH)
    switcher = page.locator("nav.govnews-languages")
    expect(switcher.locator("[aria-current=true]")).to_have_attribute("lang", "vi")
    switcher.locator("a[lang=en]").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.startswith("/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(switcher.locator("[aria-current=true]")).to_have_attribute("lang", "en")
    switcher.locator("a[lang=vi]").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == TRANSLATED_PATH


def translation_editor(page: Page, portal: PortalServer, article_id: int) -> None:
    """Submit an article for translation into English: Wagtail opens the translation editor."""
    page.goto(f"{portal.base_url}/admin/localize/submit/page/{article_id}/")
    form = page.locator("form", has=page.locator("input[type=checkbox]"))
    form.locator("input[type=checkbox]").first.check()  # English, the only other locale
    form.get_by_role("button").first.click()
    # The admin speaks Vietnamese: wagtail-localize's catalogue has "Dịch" (Translate).
    expect(page.get_by_role("button", name="Dịch", exact=True).first).to_be_visible()


def block_in_editor(page: Page, label: str):
    """The translation editor's list item of one body block, found by its heading."""
    heading = page.get_by_role("heading", name=label, exact=True, level=3)
    return page.locator("li", has=heading).last


def segments_of(page: Page, label: str) -> list[str]:
    """The source texts the translation editor offers under one block's heading."""
    texts = block_in_editor(page, label).locator("p").all_inner_texts()
    return [text.strip() for text in texts if text.strip()]


def check_translation_editor(editor: Page, visitor: Page, portal: PortalServer, news) -> None:
    details = [api(portal, f"/api/govnews/news/{item['id']}/") for item in news]
    untranslated = [detail for detail in details if not detail["translations"]]

    def first_with(block_type: str) -> tuple[dict, dict]:
        for detail in untranslated:
            for block in detail["body"]:
                if block["type"] == block_type:
                    return detail, block
        raise AssertionError(f"the demo has no untranslated article with a {block_type}")

    article, gallery = first_with("gallery")
    translation_editor(editor, portal, article["id"])
    offered = segments_of(editor, "Bộ ảnh")  # Gallery
    for photo in gallery["images"]:
        assert photo["caption"] in offered and photo["credit"] in offered
    editor.screenshot(path=str(ARTIFACTS / "translation-editor-gallery.png"), full_page=True)

    article, table = first_with("table")
    translation_editor(editor, portal, article["id"])
    offered = segments_of(editor, "Bảng")  # Table
    # Every cell with a word; bare figures ("1.200") stay as they are (NewsTableBlock).
    cells = [cell for row in table["rows"] for cell in row if any(c.isalpha() for c in cell)]
    assert offered == [table["caption"], *cells]
    caption = block_in_editor(editor, "Bảng").locator(
        "li", has=editor.get_by_text(table["caption"], exact=True)
    )
    caption.get_by_role("button", name="Dịch", exact=True).click()
    caption.locator("textarea").fill("Streets with new traffic arrangements")
    caption.get_by_role("button", name="Lưu", exact=True).click()
    expect(caption.locator("textarea")).to_have_count(0)
    expect(caption).to_contain_text("Streets with new traffic arrangements")
    editor.screenshot(path=str(ARTIFACTS / "translation-editor-table.png"), full_page=True)
    # wagtail-localize has no Vietnamese for "Publish in " (its footer's main button).
    editor.locator("footer button", has_text="Publish in").first.click()
    expect(editor.locator(".messages")).to_be_visible()

    english = next(
        item
        for item in api(portal, f"/api/govnews/news/{article['id']}/")["translations"]
        if item["locale"] == "en"
    )
    visitor.goto(english["url"])
    table_element = visitor.locator(".govnews-article__body table")
    expect(table_element.locator("caption")).to_have_text("Streets with new traffic arrangements")
    expect(table_element.locator("th").first).to_have_text(table["rows"][0][0])  # not translated
