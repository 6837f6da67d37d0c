"""The reference frontend end to end: demo site → API → static build → Chromium.

Run by ``make frontend-test`` (example_project/frontend/scripts/test.sh), which installs the
npm packages first. Debian's Chromium (/usr/bin/chromium), never a downloaded browser.
"""

from __future__ import annotations

import re
import urllib.request
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from tests.browser import CHROMIUM, CHROMIUM_FLAGS
from tests.qr_decode import decode
from wagtail_govnews.dates import VI_WEEKDAYS

pytestmark = pytest.mark.browser
# The weekday names come from the package's dateline function: one spelling of each day.
DATELINE = re.compile(rf"({'|'.join(VI_WEEKDAYS)}), \d\d/\d\d/\d{{4}} \d\d:\d\d")
PREVIEW_ERROR = re.compile(r"This preview token is not valid\.|Mã xem trước không hợp lệ\.")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser) -> Page:
    context = browser.new_context(viewport={"width": 1000, "height": 900}, device_scale_factor=2)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


@pytest.fixture(scope="session")
def news(site) -> list[dict]:
    return site.all_news()


def detail_where(site, news, condition) -> dict:
    """The first Vietnamese article whose detail matches ``condition``."""
    for item in news:
        if item["locale"] == "vi":
            detail = site.api(f"news/{item['id']}/")
            if condition(detail):
                return detail
    raise AssertionError("no demo article matches")


def block_types(detail: dict) -> set[str]:
    return {block["type"] for block in detail["body"]}


def qr_text(page: Page, selector: str) -> str:
    """Decode the QR code shown by ``selector`` from a screenshot, with zxing-cpp."""
    element = page.locator(selector)
    element.scroll_into_view_if_needed()
    texts = decode(element.screenshot())
    assert len(texts) == 1, texts
    return texts[0]


def load_all_images(page: Page) -> None:
    """Scroll through the page so lazy images load, then wait for them."""
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.wait_for_function("[...document.images].every((img) => img.complete)")


def test_static_build_has_every_published_article(frontend, news):
    assert len(news) > 30
    for item in news:
        assert (frontend.dist / item["path"].strip("/") / "index.html").is_file(), item["path"]


def test_article_page_end_to_end(page, site, frontend, news):
    article = detail_where(
        site,
        news,
        lambda d: d["original_url"] and d["translations"] and "image" in block_types(d),
    )
    beacon = f"/api/govnews/news/{article['id']}/views/"

    def is_beacon(request) -> bool:
        return request.method == "POST" and request.url.startswith(site.url + beacon + "?token=")

    with page.expect_request(is_beacon) as sent:
        page.goto(frontend.url + article["path"])
    assert sent.value.response().status == 202  # the view beacon reaches the API ("most read")

    expect(page.locator("h1")).to_have_text(article["title"])
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator(".dateline").first).to_have_text(article["dateline"])
    assert DATELINE.fullmatch(article["dateline"]), article["dateline"]
    expect(page.locator("a.original")).to_have_text("Gốc")
    expect(page.locator("a.original")).to_have_attribute("href", article["original_url"])
    expect(page.locator(".lead")).to_have_text(article["lead"])
    expect(page.locator(".byline")).to_have_text(article["author"])
    expect(page.locator(".source a")).to_have_text(article["source"]["name"])

    image = next(block for block in article["body"] if block["type"] == "image")
    figure = page.locator("figure.block-image").first
    expect(figure.locator("figcaption")).to_contain_text(image["caption"])
    expect(figure.locator("img")).to_have_attribute("alt", image["alt"] or image["image"]["alt"])
    expect(figure.locator("img")).to_have_attribute("srcset", image["image"]["srcset"])

    # The default build shows the API's QR code: it decodes to the canonical (Wagtail) URL.
    expect(page.locator(".qr figcaption")).to_have_text(f"QR CODE: {article['title']}")
    assert qr_text(page, ".qr .qr-code") == article["url"] == site.url + article["path"]

    social = site.api("social/")["items"]
    accounts = page.locator(".social-account")
    expect(accounts).to_have_count(len(social))
    for index, account in enumerate(social):
        expect(accounts.nth(index).locator("a")).to_have_attribute("href", account["url"])
        assert qr_text(page, f".social-account >> nth={index} >> .qr-code") == account["url"]

    zalo = page.locator("a.share-zalo")
    expect(zalo).to_have_text("Zalo")
    assert zalo.get_attribute("href").startswith("https://button-share.zalo.me/share_external?d=")
    for link in article["share"]:
        if not link["is_copy"]:
            expect(page.locator(f"a.share-{link['network']}")).to_have_attribute(
                "href", link["url"]
            )

    expect(page.locator(".other-news h2")).to_have_text("Tin khác")
    other = page.locator(".other-news .teaser h3 a")
    expect(other).to_have_count(len(article["other_news"]))
    other.first.click()
    expect(page).to_have_url(frontend.url + article["other_news"][0]["path"])
    expect(page.locator("h1")).to_have_text(article["other_news"][0]["title"])


def test_language_switch_goes_to_the_translation_and_back(page, site, frontend, news):
    article = detail_where(site, news, lambda d: bool(d["translations"]))
    english = article["translations"][0]
    page.goto(frontend.url + article["path"])

    page.locator(".languages a[hreflang=en]").click()
    expect(page).to_have_url(frontend.url + urlsplit(english["url"]).path)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(english["title"])
    expect(page.locator(".other-news h2")).to_have_text("Other news")

    page.locator(".languages a[hreflang=vi]").click()
    expect(page).to_have_url(frontend.url + article["path"])
    expect(page.locator("h1")).to_have_text(article["title"])


def test_gallery_images_have_srcset_and_load(page, site, frontend, news):
    article = detail_where(site, news, lambda d: "gallery" in block_types(d))
    gallery = next(block for block in article["body"] if block["type"] == "gallery")
    page.goto(frontend.url + article["path"])
    load_all_images(page)

    photos = page.locator("section.gallery figure")
    expect(photos).to_have_count(len(gallery["images"]))
    for index, photo in enumerate(gallery["images"]):
        img = photos.nth(index).locator("img")
        expect(img).to_have_attribute("srcset", photo["image"]["srcset"])
        assert len(img.get_attribute("srcset").split(", ")) == 3
        assert img.evaluate("(img) => img.naturalWidth") > 0
        expect(photos.nth(index).locator("figcaption")).to_contain_text(photo["caption"])


def test_same_news_as_the_wagtail_site(page, site, frontend, news):
    """Each article is at the same path on both, with the same headline."""
    item = next(item for item in news if item["locale"] == "vi")
    with urllib.request.urlopen(site.url + item["path"]) as response:
        html = response.read().decode()
    assert item["title"].replace("&", "&amp;") in html
    page.goto(frontend.url + item["path"])
    expect(page.locator("h1")).to_have_text(item["title"])


def test_news_list_pagination_and_category_filter(page, site, frontend, news):
    vietnamese = [item for item in news if item["locale"] == "vi"]
    page.goto(frontend.url + "/")  # the root sends visitors to the Vietnamese list
    expect(page).to_have_url(frontend.url + "/vi/")
    teasers = page.locator(".news-list .teaser h2 a")
    expect(teasers).to_have_count(10)
    expect(teasers.first).to_have_text(vietnamese[0]["title"])

    page.locator(".pager a[rel=next]").click()
    expect(page).to_have_url(frontend.url + "/vi/page/2/")
    expect(teasers.first).to_have_text(vietnamese[10]["title"])
    page.locator(".pager a[rel=prev]").click()
    expect(page).to_have_url(frontend.url + "/vi/")

    category = vietnamese[0]["categories"][0]
    in_category = site.api(f"news/?locale=vi&category={category['slug']}&limit=10")
    page.locator(".categories-filter a", has_text=category["name"]).click()
    expect(page).to_have_url(frontend.url + f"/vi/category/{category['slug']}/")
    expect(page.locator("h1")).to_have_text(category["name"])
    expect(teasers).to_have_text([item["title"] for item in in_category["items"]])

    page.locator(".languages a[hreflang=en]").click()
    expect(page).to_have_url(frontend.url + "/en/")
    expect(page.locator("h1")).to_have_text("News")
    english_portal = site.api("social/?locale=en")["portal_name"]
    assert english_portal != site.api("social/?locale=vi")["portal_name"]
    expect(page).to_have_title(f"News | {english_portal}")


def test_frontend_qr_target_encodes_the_frontend_url(page, site, frontend_qr, news):
    item = next(item for item in news if item["locale"] == "vi")
    page.goto(frontend_qr.url + item["path"])
    assert qr_text(page, ".qr .qr-code") == frontend_qr.url + item["path"]
    expect(page.locator("link[rel=canonical]")).to_have_attribute(
        "href", frontend_qr.url + item["path"]
    )


def test_admin_preview_opens_the_frontend_with_the_draft(page, site, frontend, news):
    """An editor's unsaved change, previewed in the "Headless frontend" mode."""
    item = next(item for item in news if item["locale"] == "vi")
    page.goto(site.url + "/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "admin")
    page.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))

    page.goto(f"{site.url}/admin/pages/{item['id']}/edit/")
    draft_title = "Bản nháp chưa lưu <b>không</b> xuất bản"
    page.fill("#id_title", draft_title)
    preview = f"{site.url}/admin/pages/{item['id']}/edit/preview/"
    # What the admin's preview panel does: post the form, then open the chosen mode.
    posted = page.evaluate(
        """async (url) => {
            const form = document.getElementById("page-edit-form");
            const response = await fetch(url, { method: "POST", body: new FormData(form) });
            return response.json();
        }""",
        preview,
    )
    assert posted["is_valid"], posted
    page.goto(preview + "?mode=headless")
    expect(page).to_have_url(re.compile(re.escape(frontend.url + "/preview/?token=")))
    expect(page.locator("h1")).to_have_text(draft_title)
    expect(page.locator(".preview-banner")).to_contain_text("Bản xem trước")
    expect(page.locator("meta[name=robots]")).to_have_attribute("content", "noindex")
    expect(page.locator(".lead")).to_have_text(item["lead"])

    # Nothing published: the static page and the API still show the old title.
    assert site.api(f"news/{item['id']}/")["title"] == item["title"]

    page.goto(frontend.url + "/preview/?token=forged")
    # The API's 401 problem detail tells the editor what went wrong.
    expect(page.locator(".preview-error")).to_have_text(PREVIEW_ERROR)
    expect(page.locator("h1")).to_have_count(0)
