"""The print view as a browser prints it: the portal's masthead on top, and the byline kept
with the end of the text, never alone on the last page.

Headless Chromium (Debian's, driven by playwright) prints the print view to an A4 PDF, and
pypdf reads the PDF back. Django's test client renders the page; the browser gets it, and the
stylesheet and logo it loads, through a request route (nothing leaves the machine). Skipped
without Chromium or playwright, like the other browser tests.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC, datetime
from io import BytesIO

import pytest
from pypdf import PdfReader

from tests.browser import BROWSER_TEST_MARKS, CHROMIUM, CHROMIUM_FLAGS, TEST_ORIGIN, serve_rendered
from tests.factories import make_image, make_news, make_portal_settings, paragraph

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None

pytestmark = BROWSER_TEST_MARKS

PORTAL = "Cổng thông tin điện tử Quận Hồng Bàng"
AGENCY = "Ủy ban nhân dân Quận Hồng Bàng"
HEADLINE = "Quận tổng kết công tác chuyển đổi số năm 2022"
BYLINE = "Nguyễn Thị Ánh"
#: The last words of the body: the page with the byline must show them too.
LAST_WORDS = "khép lại năm chuyển đổi số đầy dấu ấn"
FILLER = (
    "Năm 2022, quận đã triển khai đồng bộ các nhiệm vụ chuyển đổi số trên cả ba trụ cột chính "
    "quyền số, kinh tế số và xã hội số; nhiều thủ tục hành chính được giải quyết trực tuyến "
    "toàn trình, người dân và doanh nghiệp tiết kiệm thời gian, chi phí đi lại. "
)


def squeezed(text: str) -> str:
    """Text composed (NFC) and without white space: Chromium's PDF splits the runs of text
    around some letters with diacritics, and the extracted text has spaces inside words."""
    return "".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture
def long_article(news_index):
    """An article about a page and a half long, with a byline, a source and the portal's logo."""
    portal = make_portal_settings("https://www.facebook.com/hongbang", name=PORTAL)
    portal.logo = make_image("Biểu trưng", size=(240, 240))
    portal.agency_in_charge = AGENCY
    portal.save()
    # Editors paste most of the text in one rich text block; the last block has two paragraphs.
    body = [
        paragraph(f"<p>{FILLER * 3}</p>" * 4),
        {"type": "heading", "value": {"text": "Kết quả nổi bật", "level": "h2"}},
        paragraph(f"<p>{FILLER}</p><p>{FILLER * 2}Hội nghị {LAST_WORDS}.</p>"),
    ]
    return make_news(
        news_index,
        HEADLINE,
        date=datetime(2022, 12, 29, 10, 5, tzinfo=UTC),
        lead="Chiều 29/12, quận tổ chức hội nghị tổng kết công tác chuyển đổi số.",
        author=BYLINE,
        source_name="Ban Tuyên giáo Quận ủy",
        body=body,
    )


@pytest.fixture
def print_view(db, client):
    """Open ``path`` (rendered now by the test client) in headless Chromium; returns the page."""
    with ExitStack() as stack:

        def open_path(path: str):
            response = client.get(path)
            assert response.status_code == 200

            playwright = stack.enter_context(sync_playwright())
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            stack.callback(browser.close)
            page = browser.new_page()
            page.route("**/*", serve_rendered(path, response))
            page.goto(TEST_ORIGIN + path, wait_until="load")
            return page

        yield open_path


def printed(page, offset_mm: float) -> list[str]:
    """The text of each page when the article starts ``offset_mm`` lower (an A4 print)."""
    page.evaluate(
        "(mm) => { document.querySelector('main').style.paddingTop = mm + 'mm'; }", offset_mm
    )
    pdf = page.pdf(
        format="A4", margin={side: "15mm" for side in ("top", "bottom", "left", "right")}
    )
    return [squeezed(sheet.extract_text()) for sheet in PdfReader(BytesIO(pdf)).pages]


def sweep(page) -> Iterator[tuple[int, list[str]]]:
    """Print ``page`` with the article moved down 5 mm at a time, over a whole A4 page.

    At some offsets the text ends at the foot of a page, where the byline would be pushed
    onto the next page alone (or with only the source and the QR code). A line is about
    7 mm high: every such place is met.
    """
    page_counts = set()
    for offset in range(0, 270, 5):
        sheets = printed(page, offset)
        page_counts.add(len(sheets))
        yield offset, sheets
    assert len(page_counts) > 1  # the sweep did move the end of the article across a page


def test_print_view_has_the_masthead_and_keeps_the_byline_with_the_text(print_view, long_article):
    page = print_view(long_article.url + "print/")
    logo = page.locator(".govnews-masthead img")
    assert logo.count() == 1
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", logo.element_handle())
    for offset, sheets in sweep(page):
        first, last = sheets[0], sheets[-1]
        if offset == 0:  # the agency and the portal's name (in capitals) head the first page
            agency = first.casefold().find(squeezed(AGENCY).casefold())
            name = first.casefold().find(squeezed(PORTAL).casefold())
            assert 0 <= agency < name < first.index(squeezed(HEADLINE))
        on_byline = [number for number, text in enumerate(sheets) if squeezed(BYLINE) in text]
        assert on_byline == [len(sheets) - 1], f"offset {offset} mm: byline not on the last page"
        assert squeezed(LAST_WORDS) in last, f"offset {offset} mm: no text with the byline: {last}"
        assert squeezed("Ban Tuyên giáo Quận ủy") in last, offset


def test_printing_the_article_page_keeps_the_byline_with_the_text(print_view, long_article):
    """The article page printed as it is (boxes below it): its byline stays with the text."""
    page = print_view(long_article.url)
    for offset, sheets in sweep(page):
        on_byline = [text for text in sheets if squeezed(BYLINE) in text]
        assert len(on_byline) == 1, offset
        assert squeezed(LAST_WORDS) in on_byline[0], f"offset {offset} mm: {on_byline[0]}"
