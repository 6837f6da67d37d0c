"""The example headless client (docs/how-to/headless/example-client/) in a real browser.

The Django test server answers the API; the client's folder is served by a second local
server on another origin, allowed through CORS as a frontend on its own domain would be.
Chromium (Debian's, driven by the ``playwright`` package) loads the client and reads what a
visitor sees. Skipped when /usr/bin/chromium or playwright is missing.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.test import override_settings
from wagtail.models import Locale

from tests.browser import CHROMIUM as CHROMIUM_PATH
from tests.browser import CHROMIUM_FLAGS
from tests.factories import gallery_block, image_block, make_image, make_index, make_news
from wagtail_govnews.preview_tokens import make_token

try:
    from playwright.sync_api import Page, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

CLIENT = Path(__file__).resolve().parent.parent / "docs" / "how-to" / "headless" / "example-client"
CHROMIUM = Path(CHROMIUM_PATH)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    # The live server reads the test's data from its own thread: real transactions, and
    # Wagtail's initial site and pages restored after each test's flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        sync_playwright is None,
        reason="the playwright package is not installed (pip install playwright)",
    ),
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="/usr/bin/chromium is missing (apt-get install chromium)"
    ),
]

DATE = datetime(2024, 5, 2, 8, 0, tzinfo=UTC)  # 15:00 in Asia/Ho_Chi_Minh
CAPTION = "Cầu mới nhìn từ bờ đông <script>alert(1)</script>"
# The article's paragraph has an <img onerror>: Chromium logs that the page's CSP refuses the
# handler as soon as the rich text is parsed; the client's filter then removes the element.
CSP_REFUSAL = "Executing inline event handler violates"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def client_origin() -> Iterator[str]:
    """The client's folder on http://127.0.0.1:<free port>, like `python -m http.server`."""
    handler = functools.partial(_QuietHandler, directory=str(CLIENT))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def translate(page, locale: Locale, title: str):
    """A published translation made with Wagtail's own copy (parents first)."""
    for ancestor in page.get_ancestors().filter(depth__gt=1).specific():
        if not ancestor.get_translation_or_none(locale):
            ancestor.copy_for_translation(locale).save_revision().publish()
    translation = page.copy_for_translation(locale)
    translation.title = title
    translation.save_revision().publish()
    return translation


@pytest.fixture
def newsroom() -> dict:
    """Two Vietnamese articles, the first with every kind of block and an English version."""
    section = make_index()
    linked = make_news(section, "Khánh thành nhà văn hóa phường", date=DATE, lead="Tin liên kết.")
    photos = [make_image(f"Ảnh {n}") for n in range(3)]
    article = make_news(
        section,
        "Thành phố thông xe cầu mới",
        date=DATE.replace(hour=9),
        lead="Cây cầu nối hai bờ sông.",
        author="Thu Hà",
        source_name="Sở Giao thông vận tải",
        source_url="https://example.gov.vn/sgtvt",
        original_url="https://example.gov.vn/goc/cau-moi",
        hero_image=photos[0],
        body=[
            {
                "type": "paragraph",
                "value": '<p>Xe lưu thông từ <b>trưa nay</b>; xem <a linktype="page" '
                f'id="{linked.pk}">tin liên quan</a>.<img src="x" onerror="alert(2)"></p>',
            },
            image_block(photos[0], caption=CAPTION, alt_text="Cây cầu", credit="Ảnh: An"),
            gallery_block(photos[1:], title="Bộ ảnh"),
            {"type": "quote", "value": {"quote": "Cầu rút ngắn đường đi.", "attribution": "Ông B"}},
            {
                "type": "table",
                "value": {
                    "data": [["Hạng mục", "Số liệu"], ["Chiều dài", "1.200 m"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Thông số",
                },
            },
        ],
    )
    english = translate(
        article, Locale.objects.get_or_create(language_code="en")[0], "City opens the new bridge"
    )
    article.title = "Bản nháp: tiêu đề mới"  # unsaved edit, as in the admin's preview
    token = make_token(article)
    article.refresh_from_db()
    return {"article": article, "linked": linked, "english": english, "token": token}


def wait_until(page: Page, expression: str, timeout: float = 10) -> None:
    """Poll a JavaScript expression (the page's CSP refuses wait_for_function's eval)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false after {timeout} s: {expression}"
        page.wait_for_timeout(100)


def text(page: Page, selector: str) -> str:
    return page.locator(selector).first.inner_text().strip()


class ExampleClient:
    """The example client in Chromium, with the errors its page logged."""

    def __init__(self, page: Page, url: str) -> None:
        self.page, self.url = page, url
        self.errors: list[str] = []
        self.expected_errors = [CSP_REFUSAL]  # beginnings of messages the test expects
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on("console", lambda message: self._console(message.type, message.text))

    def _console(self, kind: str, message: str) -> None:
        if kind == "error":
            self.errors.append(message)

    def open(self, query: str = "") -> Page:
        self.page.goto(self.url + query)
        return self.page


@pytest.fixture
def example_client(newsroom, live_server, client_origin) -> Iterator[ExampleClient]:
    """The client with ?api= pointing at the test server, which allows its origin (CORS).

    Playwright's sync API runs an asyncio loop in this thread, where Django then refuses
    database calls: the test data (``newsroom``) is made before the browser starts.
    """
    with (
        override_settings(CORS_ALLOWED_ORIGINS=[client_origin]),
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
        )
        page = browser.new_page(locale="vi-VN")
        page.set_default_timeout(10_000)
        client = ExampleClient(page, f"{client_origin}/?api={live_server.url}")
        yield client
        browser.close()
    expected = tuple(client.expected_errors)
    unexpected = [error for error in client.errors if not error.startswith(expected)]
    assert unexpected == [], "the page logged errors"


def test_list_article_blocks_qr_and_language_switch(newsroom, example_client, live_server):
    article, linked, english = newsroom["article"], newsroom["linked"], newsroom["english"]
    page = example_client.open()

    # The list: newest first, with datelines and a hero image with srcset.
    page.wait_for_selector(".card")
    assert page.locator(".card h2").all_inner_texts() == [article.title, linked.title]
    assert text(page, ".card .dateline") == "Thứ Năm, 02/05/2024 16:00"
    hero = page.locator(".card img").first
    assert "width-480" in hero.get_attribute("srcset")
    assert "width-1200" in hero.get_attribute("srcset")

    # The article, after a click.
    page.click(f"text={article.title}")
    page.wait_for_selector("article h1")
    assert page.url.endswith(f"#/vi/news/{article.pk}")
    assert text(page, "article h1") == article.title
    assert text(page, "article .meta .dateline") == "Thứ Năm, 02/05/2024 16:00"
    assert page.get_attribute("a.original", "href") == "https://example.gov.vn/goc/cau-moi"
    assert text(page, ".lead") == "Cây cầu nối hai bờ sông."
    assert text(page, ".richtext b") == "trưa nay"

    # The captioned photo: the caption is text (its <script> shown, not run), srcset kept.
    figure = page.locator(".body > figure").first
    assert figure.locator("figcaption").inner_text() == f"{CAPTION} Ảnh: An"
    assert "width-800" in figure.locator("img").get_attribute("srcset")
    assert figure.locator("img").get_attribute("alt") == "Cây cầu"
    assert page.locator("script:not([src])").count() == 0
    assert page.locator("[onerror]").count() == 0
    assert any(error.startswith(CSP_REFUSAL) for error in example_client.errors)
    figure.scroll_into_view_if_needed()
    wait_until(page, "document.querySelector('.body > figure img').naturalWidth > 0")

    # Gallery, quote, table, byline, source.
    assert page.locator(".gallery h2").inner_text() == "Bộ ảnh"
    assert page.locator(".gallery figcaption").all_inner_texts() == ["Ảnh 1", "Ảnh 2"]
    assert page.locator(".gallery img[srcset]").count() == 2
    assert text(page, "blockquote p") == "Cầu rút ngắn đường đi."
    assert text(page, "blockquote footer") == "Ông B"
    assert text(page, "table caption") == "Thông số"
    assert page.locator("thead th").all_inner_texts() == ["Hạng mục", "Số liệu"]
    assert page.locator("tbody td").all_inner_texts() == ["Chiều dài", "1.200 m"]
    assert text(page, ".byline") == "Thu Hà"
    assert text(page, ".source a") == "Sở Giao thông vận tải"

    # The QR code image of the API loads; share links and other news are there.
    qr = page.locator(".qr img")
    assert qr.get_attribute("src") == f"{live_server.url}/api/govnews/news/{article.pk}/qr.svg"
    qr.scroll_into_view_if_needed()
    wait_until(page, "document.querySelector('.qr img').naturalWidth > 0")
    assert page.locator(".qr a[download]").get_attribute("href").endswith("/qr.png")
    assert "Facebook" in page.locator(".share a").all_inner_texts()
    assert text(page, ".share button") == "Sao chép liên kết"
    assert page.locator(".other-news a").all_inner_texts() == [linked.title]
    assert text(page, ".other-news .dateline") == "Thứ Năm, 02/05/2024 15:00"

    # A link of the rich text to another article opens it in the client.
    page.click("text=tin liên quan")
    page.wait_for_selector(f"article h1:text-is('{linked.title}')")
    assert page.url.endswith(f"#/vi/news/{linked.pk}")
    page.go_back()
    page.wait_for_selector(f"article h1:text-is('{article.title}')")

    # The language switch opens the English translation.
    page.click(".languages a[lang=en]")
    page.wait_for_selector(f"article h1:text-is('{english.title}')")
    assert page.url.endswith(f"#/en/news/{english.pk}")
    assert page.locator("html").get_attribute("lang") == "en"
    assert text(page, "article .meta .dateline") == "Thursday, 2 May 2024, 16:00"
    assert text(page, ".share button") == "Copy link"
    assert page.locator(".languages a[lang=vi]").get_attribute("href") == (
        f"#/vi/news/{article.pk}"
    )


def test_preview_token_shows_the_draft(newsroom, example_client):
    page = example_client.open(f"&token={newsroom['token']}")
    page.wait_for_selector(".preview")
    assert text(page, "article h1") == "Bản nháp: tiêu đề mới"
    assert text(page, ".preview") == "Bản xem trước (chưa xuất bản)"


def test_api_problems_are_shown_to_the_reader(newsroom, example_client):
    example_client.expected_errors.append("Failed to load resource: the server responded with")
    page = example_client.open("#/vi/news/999999")
    wait_until(page, "document.getElementById('status').textContent.startsWith('404 ')")
    assert text(page, "#status").startswith("404 Not Found")
