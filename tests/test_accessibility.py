"""Accessibility of the public pages, checked with axe-core in a real (headless) Chromium.

Needs Debian's Chromium (``apt-get install chromium``) and the ``playwright`` package, which
drives it; the browser that Playwright would download is never used. Skipped without them.
Django's test client renders each page (no live server thread: its shared in-memory SQLite
connection and per-test flushes made the tests flaky) and the browser receives it, with the
CSS and images it loads, through a request route.
"""

from __future__ import annotations

from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

import pytest
from wagtail.models import Locale

from tests.browser import BROWSER_TEST_MARKS, CHROMIUM, CHROMIUM_FLAGS, TEST_ORIGIN, serve_rendered
from tests.factories import (
    gallery_block,
    image_block,
    make_category,
    make_image,
    make_index,
    make_news,
    make_other_news,
    make_portal_settings,
    paragraph,
    translate,
)

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
#: WCAG 2.0 and 2.1, levels A and AA, plus axe's best practices (landmarks, one main, h1).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None

pytestmark = BROWSER_TEST_MARKS

#: The address the browser asks for; Django's test client answers (see ``open_page``).


@pytest.fixture
def open_page(db, client):
    """Open a page of the site in headless Chromium, as Django's test client renders it.

    The test client renders the page in the test's own database transaction (no live server
    thread, no flush between tests); the browser gets it, and the static and media files it
    loads, through a request route. Nothing else is served and nothing leaves the machine.
    Chromium starts only after the page is rendered: while Playwright's sync API runs, an
    asyncio loop is set in this thread and Django would refuse (rightly) to touch the database.
    """
    with ExitStack() as stack:

        def open_path(path: str, viewport: dict[str, int]):
            response = client.get(path)
            assert response.status_code == 200

            playwright = stack.enter_context(sync_playwright())
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            stack.callback(browser.close)
            # axe is injected as an inline script, which the site's CSP would refuse
            # (tests/test_csp.py checks the pages under that policy).
            page = browser.new_page(viewport=viewport, bypass_csp=True)
            page.route("**/*", serve_rendered(path, response))
            page.goto(TEST_ORIGIN + path, wait_until="load")
            return page

        yield open_path


@pytest.fixture
def site_pages(db):
    """A section with a full article (and its English translation) and other news."""
    make_portal_settings("https://www.facebook.com/t")
    section = make_index()
    category = make_category("Giao thông")
    make_other_news(section, category, datetime(2022, 12, 20, tzinfo=UTC), lead="Sapo của tin.")
    article = make_news(
        section,
        "Khai trương tuyến buýt điện đầu tiên của thành phố",
        date=datetime(2022, 12, 29, 10, 5, tzinfo=UTC),
        lead="Sáng 29/12, thành phố đưa vào khai thác tuyến xe buýt điện đầu tiên.",
        author="Lê Thu Hà",
        source_name="Sở Giao thông vận tải",
        source_url="https://example.gov.vn/nguon",
        original_url="https://example.gov.vn/goc",
        hero_image=make_image("Ảnh chính", description="Xe buýt điện tại bến"),
        categories=[category],
        tags=["xe buýt", "giao thông xanh"],
        body=[
            paragraph('<p>Đoạn mở đầu với <a href="https://example.gov.vn/">một liên kết</a>.</p>'),
            {"type": "heading", "value": {"text": "Lộ trình", "level": "h2"}},
            image_block(make_image(), caption="Lễ cắt băng.", alt_text="Lãnh đạo cắt băng"),
            gallery_block([make_image(), make_image()], title="Hình ảnh"),
            gallery_block([make_image(), make_image()], layout="slideshow"),
            {"type": "quote", "value": {"quote": "Vì một thành phố xanh.", "attribution": "Ông A"}},
            {
                "type": "table",
                "value": {
                    "data": [["Chỉ tiêu", "Kết quả"], ["Số xe", "20"]],
                    "first_row_is_table_header": True,
                    "table_caption": "Số liệu",
                },
            },
        ],
    )
    translate(article, Locale.objects.get_or_create(language_code="en")[0])
    return {"article": article, "print": article, "section": section}


def axe_violations(page) -> list[str]:
    """axe-core's violations on an open page, one readable line per failing element."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async (tags) => await axe.run(document, {
            runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})""",
        AXE_TAGS,
    )
    problems = [
        f"{violation['id']} ({violation['impact']}): {node['target']} — {node['failureSummary']}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]
    h1_count = page.locator("h1").count()
    if h1_count != 1:
        problems.append(f"{h1_count} h1 elements instead of one")
    return problems


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
@pytest.mark.parametrize("which", ["article", "section", "print"])
def test_no_axe_violations(open_page, site_pages, which, viewport):
    path = site_pages[which].url + ("print/" if which == "print" else "")
    page = open_page(path, viewport)
    styled = page.evaluate(
        """() => getComputedStyle(document.querySelector(".govnews-article, .govnews-index"))
            .maxWidth"""
    )
    assert styled == "736px"  # govnews.css is applied: contrast is checked on real colours
    assert axe_violations(page) == []


def test_keyboard_focus_is_visible_on_the_article(open_page, site_pages):
    """Every link and control of the article shows an outline when reached with Tab."""
    page = open_page(site_pages["article"].url, VIEWPORTS["desktop"])
    seen = []
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || el === document.body || !el.closest("main")) return null;
                const style = getComputedStyle(el);
                const outline = parseFloat(style.outlineWidth);
                return {
                    name: el.tagName + " " + (el.textContent || "").trim().slice(0, 40),
                    visible: style.outlineStyle !== "none" && outline > 0,
                };
            }"""
        )
        if focused:
            seen.append(focused)
    assert len(seen) > 10
    assert [item["name"] for item in seen if not item["visible"]] == []
