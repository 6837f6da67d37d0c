"""Take the admin screenshots of the editors' guide (docs/images/admin/{en,vi}/*.png).

Run against a demo server whose data you may change (a copy of the demo database), because
the preview screenshot needs the "Headless frontend preview address" site setting:

    cp example_project/db.sqlite3 /tmp/shots.sqlite3
    cd example_project && DATABASE_URL=sqlite:////tmp/shots.sqlite3 \\
        ../.venv/bin/python manage.py runserver 127.0.0.1:8765 --noreload &
    # set News portal settings → Headless frontend preview address in that admin, then:
    python docs/_tools/admin_screenshots.py http://127.0.0.1:8765 en
    python docs/_tools/admin_screenshots.py http://127.0.0.1:8765 vi

Needs ``pip install playwright pillow`` (in any environment) and a Chromium at
``CHROMIUM`` (default /usr/bin/chromium); it never downloads a browser. Pages 7 and 12 are
the demo's featured article and an article with a gallery. PNGs are quantized to 64 colours.
"""

from __future__ import annotations

import os
import sys
from io import BytesIO
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page, sync_playwright

OUT = Path(__file__).resolve().parent.parent / "images" / "admin"
ARTICLE, GALLERY_ARTICLE = 7, 12
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def save(png: bytes, path: Path) -> None:
    """Write a screenshot as a small palette PNG."""
    image = Image.open(BytesIO(png)).convert("RGB")
    image.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        path, optimize=True
    )


def settle(page: Page) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(600)


def main(base: str, language: str) -> None:
    out = OUT / language
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=ARGS
        )
        context = browser.new_context(
            viewport={"width": 1280, "height": 900},
            locale="vi-VN" if language == "vi" else "en-GB",
        )
        page = context.new_page()
        page.goto(f"{base}/admin/login/")
        page.fill("#id_username", "admin")
        page.fill("#id_password", "admin")
        page.click("button[type=submit]")
        settle(page)

        page.goto(f"{base}/admin/pages/{ARTICLE}/edit/")
        settle(page)
        save(page.screenshot(), out / "edit-content.png")

        photo = page.locator("[data-streamfield-child]").filter(
            has=page.locator("[data-contentpath=alt_text]")
        )
        photo.first.scroll_into_view_if_needed()
        settle(page)
        save(photo.first.screenshot(), out / "photo-block.png")

        # The tabs by position (their ids follow the headings' language): Content, Media,
        # Source & byline, Categories & related, Promote.
        tabs = ((2, "source-tab"), (3, "categories-tab"))
        for tab, name in tabs:
            page.locator("[role=tab]").nth(tab).click()
            settle(page)
            save(page.screenshot(), out / f"{name}.png")

        page.click("[data-side-panel-toggle=status]")
        settle(page)
        # "Set schedule" ("Hẹn giờ" in Vietnamese) of the status panel.
        page.locator(
            "[data-side-panel=status] [data-a11y-dialog-show=schedule-publishing-dialog]"
        ).first.click()
        settle(page)
        save(page.screenshot(), out / "schedule.png")

        page.goto(f"{base}/admin/pages/{ARTICLE}/edit/")
        settle(page)
        page.click("[data-side-panel-toggle=preview]")
        page.wait_for_timeout(2500)
        # Show the preview modes as an open list: a native drop-down is not captured.
        page.evaluate(
            """() => { const s = document.querySelector('#id_preview_mode');
            s.size = s.options.length; s.style.height = 'auto';
            s.style.backgroundImage = 'none'; }"""
        )
        page.wait_for_timeout(300)
        save(page.screenshot(), out / "preview.png")

        page.goto(f"{base}/admin/pages/{GALLERY_ARTICLE}/edit/")
        settle(page)
        gallery = page.locator("[data-streamfield-child]").filter(
            has=page.locator("[data-contentpath=layout]")
        )
        gallery.first.evaluate(
            "e => { e.scrollIntoView({block: 'start'}); window.scrollBy(0, -120); }"
        )
        settle(page)
        save(page.screenshot(), out / "gallery-block.png")

        page.goto(f"{base}/admin/settings/wagtail_govnews/govnewssettings/")
        settle(page)
        save(page.screenshot(), out / "site-settings.png")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), sys.argv[2])
