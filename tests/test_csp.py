"""The public pages under a strict Content-Security-Policy (django-csp), as in the example.

The test settings use the example project's policy: ``default-src 'self'``, scripts from the
site (or with the response's nonce), styles from the site only, no ``'unsafe-inline'``.
The checks here: every public page sends it and Wagtail's admin is left out; the HTML of the
package's templates holds no inline code (``<script>`` without ``src``, ``<style>``, ``style``,
``on…`` attributes, ``javascript:`` URLs), with django-csp or without it; a nonce a site's
template uses is never served twice from the response cache; and, in Chromium, the home page,
a news section, an article, its print view and the headless preview page (the example
headless client opened with a preview token) record no violation at all.

Like ``test_accessibility.py``, the browser gets pages rendered beforehand by Django's test
client (in the test's transaction), and the static and media files they load, through a
request route; requests to other hosts are recorded and refused.
"""

from __future__ import annotations

import json
import mimetypes
import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.test import RequestFactory
from wagtail.models import Locale, Site

from tests.browser import BROWSER_TEST_MARKS, CHROMIUM, CHROMIUM_FLAGS
from tests.factories import (
    gallery_block,
    image_block,
    make_category,
    make_home,
    make_image,
    make_index,
    make_news,
    make_other_news,
    make_portal_settings,
    make_video_embed,
    paragraph,
    translate,
)
from wagtail_govnews.models import GovNewsSettings, NewsPage
from wagtail_govnews.preview_tokens import make_token

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None

ORIGIN = "http://testserver"
CSP = "Content-Security-Policy"
UNSAFE = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'"}
EXAMPLE_CLIENT = Path(__file__).resolve().parent.parent / "docs/how-to/headless/example-client"
CLIENT_PATH = "/client/"
VIDEO_URL = "https://www.youtube.com/watch?v=csp"
VIDEO_PLAYER = "https://www.youtube.com/embed/csp"
URL_ATTRIBUTES = {"href", "src", "action", "formaction"}
#: Script types a browser never runs: data blocks such as JSON-LD, which CSP leaves alone.
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


def browser_test(function):
    """Mark a test as a Chromium test (skipped without playwright or Chromium)."""
    for mark in BROWSER_TEST_MARKS:
        function = mark(function)
    return function


def parse_policy(header: str) -> dict[str, list[str]]:
    """A Content-Security-Policy header as {directive: sources}."""
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


@dataclass
class Portal:
    """The pages the checks visit, by name, and the article's preview token."""

    paths: dict[str, str]
    article: NewsPage
    token: str


@pytest.fixture
def portal(db, settings) -> Portal:
    """A home page, a paginated section with a category filter and an article with every
    block (a YouTube player among them), a notice, social accounts and a translation."""
    settings.WAGTAIL_GOVNEWS = {**settings.WAGTAIL_GOVNEWS, "NEWS_PER_PAGE": 2}
    home = make_home()
    make_portal_settings("https://fb.com/t")
    section = make_index(parent=home)
    category = make_category("Giao thông")
    make_other_news(section, category, datetime(2024, 5, 1, tzinfo=UTC), lead="Sapo.")
    player = f'<iframe width="480" height="270" src="{VIDEO_PLAYER}" allowfullscreen></iframe>'
    make_video_embed(VIDEO_URL, player, width=480, height=270)
    article = make_news(
        section,
        "Khai trương tuyến buýt điện",
        date=datetime(2024, 5, 9, 8, tzinfo=UTC),
        lead="Tuyến xe buýt điện đầu tiên.",
        author="Lê Thu Hà",
        source_name="Sở Giao thông vận tải",
        source_url="https://example.gov.vn/nguon",
        original_url="https://example.gov.vn/goc",
        hero_image=make_image("Ảnh chính"),
        notice="Sửa giờ khai trương.",
        notice_kind="correction",
        notice_date=datetime(2024, 5, 9, 10, tzinfo=UTC),
        categories=[category],
        tags=["xe buýt"],
        body=[
            paragraph('<p>Mở đầu với <a href="https://example.gov.vn/">một liên kết</a>.</p>'),
            {"type": "heading", "value": {"text": "Lộ trình", "level": "h2"}},
            image_block(make_image(), caption="Cắt băng.", alt_text="Lãnh đạo cắt băng"),
            gallery_block([make_image(), make_image()], title="Hình ảnh"),
            gallery_block([make_image(), make_image()], layout="slideshow"),
            {"type": "quote", "value": {"quote": "Thành phố xanh.", "attribution": "Ông A"}},
            {"type": "video", "value": {"video": VIDEO_URL, "caption": "Toàn cảnh"}},
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
    english = translate(article, Locale.objects.get_or_create(language_code="en")[0])
    token = make_token(article)
    client_query = f"?api={ORIGIN}&token={token}"
    return Portal(
        paths={
            "home": home.url,
            "section": section.url,
            "section, filtered": f"{section.url}?category={category.slug}&page=2",
            "article": article.url,
            "article in English": english.url,
            "print": f"{article.url}print/",
            "headless preview": CLIENT_PATH + client_query,
        },
        article=article,
        token=token,
    )


def django_paths(portal: Portal) -> dict[str, str]:
    """The pages Django renders (the headless preview page is the example client's)."""
    return {name: path for name, path in portal.paths.items() if not path.startswith(CLIENT_PATH)}


# The policy


def test_public_pages_send_a_strict_policy(client, portal):
    for name, path in django_paths(portal).items():
        response = client.get(path)
        assert response.status_code == 200, name
        policy = parse_policy(response[CSP])
        assert policy["default-src"] == ["'self'"], name
        for directive in ("script-src", "style-src"):
            sources = policy[directive]
            assert not UNSAFE & set(sources), (name, directive)
            assert all(s == "'self'" or s.startswith("'nonce-") for s in sources), sources
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'self'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["form-action"] == ["'self'"]


def test_the_admin_is_left_out(client, db):
    """Wagtail's admin uses inline scripts and styles: the policy does not cover it."""
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert CSP not in response


def test_the_example_project_sends_the_policy():
    from example_project import settings as example

    assert "csp.middleware.CSPMiddleware" in example.MIDDLEWARE


# The HTML


class InlineCode(HTMLParser):
    """What a policy without ``'unsafe-inline'`` refuses, found in a page's HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            url = (value or "").strip().lower() if name in URL_ATTRIBUTES else ""
            if name == "style" or name.startswith("on") or url.startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "style":
            self.found.append("<style> element")
        script_type = (values.get("type") or "").lower()
        if tag == "script" and "src" not in values and script_type not in DATA_SCRIPT_TYPES:
            self.found.append("inline <script>")
        if "nonce" in values:
            self.found.append(f"<{tag} nonce>: the package's templates need none")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("with_csp", [True, False], ids=["django-csp", "no django-csp"])
def test_templates_hold_no_inline_code(client, portal, settings, with_csp):
    """The same with django-csp or without it: the templates need no nonce."""
    if not with_csp:
        settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.startswith("csp.")]
    for name, path in django_paths(portal).items():
        response = client.get(path)
        assert response.status_code == 200, name
        assert (CSP in response) is with_csp
        html = response.content.decode()
        assert inline_code(html) == [], name
    article = client.get(portal.paths["article"]).content.decode()
    assert f'src="{VIDEO_PLAYER}"' in article  # the video block is there, without a wrapper style
    assert 'type="application/ld+json"' in article  # JSON-LD is data, not code


def test_the_headless_preview_pages_hold_no_inline_code(portal):
    """The mode's own page (an unsaved article) and the example client."""
    portal_settings = GovNewsSettings.for_site(Site.objects.get(is_default_site=True))
    portal_settings.frontend_preview_url = "https://www.example.gov.vn/preview?token={token}"
    portal_settings.save()
    unsaved = NewsPage(title="Chưa lưu")
    response = unsaved.serve_preview(RequestFactory().get("/"), "headless")
    assert response.status_code == 200  # "save a draft first", not a redirect to the frontend
    assert inline_code(response.content.decode()) == []

    client_page = (EXAMPLE_CLIENT / "index.html").read_text()
    assert inline_code(client_page) == []
    meta = re.search(r'http-equiv="Content-Security-Policy"\s+content="([^"]+)"', client_page)
    policy = parse_policy(meta[1])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]


def test_a_site_nonce_is_fresh_on_every_response(client, portal, settings, tmp_path):
    """A site's base.html with a nonce'd inline script: the article (answered from the
    response cache when warm) always carries the nonce of its own header."""
    (tmp_path / "base.html").write_text(
        '{% extends "base.html" %}{% block extra_js %}{{ block.super }}'
        '<script nonce="{{ request.csp_nonce }}">document.body.dataset.site = "1";</script>'
        "{% endblock %}"
    )
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]
    nonces = []
    for _ in range(3):
        response = client.get(portal.paths["article"])
        nonce = re.search(r'<script nonce="([^"]+)">', response.content.decode())[1]
        assert f"'nonce-{nonce}'" in parse_policy(response[CSP])["script-src"]
        nonces.append(nonce)
    assert len(set(nonces)) == 3


def test_without_a_nonce_the_article_is_answered_from_the_cache(client, portal):
    """The guard above does not turn the response cache off for the package's own pages."""
    first = client.get(portal.paths["article"])
    NewsPage.objects.filter(pk=portal.article.pk).update(title="Đổi trực tiếp trong CSDL")
    second = client.get(portal.paths["article"])
    assert second.content == first.content  # the cached copy (no audit log entry was made)


# In Chromium


@dataclass
class Rendered:
    """A response of Django's test client, kept for the browser."""

    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class Visit:
    """What Chromium met on the site: violations by page, and requests it could not have."""

    violations: dict[str, list[str]] = field(default_factory=dict)
    other_hosts: set[str] = field(default_factory=set)
    unserved: set[str] = field(default_factory=set)


#: Run before any script of each document: remembers every violation the page reports.
LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline"}`
    + ` (${event.sourceFile || "page"}:${event.lineNumber})`);
});
"""


def render(client, paths: list[str]) -> dict[str, Rendered]:
    """Each path as the test client answers it (before Chromium starts: see the module doc)."""
    rendered = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        rendered[unquote(path)] = Rendered(
            response.status_code, dict(response.items()), response.content
        )
    return rendered


def preview_api_paths(client, token: str) -> list[str]:
    """What the example client asks the API for to show the draft of ``token``."""
    preview = f"/api/govnews/preview/?token={token}"
    draft = json.loads(client.get(preview).content)
    return [preview, urlsplit(draft["qr"]["svg"]).path]


@pytest.fixture
def chromium() -> Iterator[Callable[[], Any]]:
    """Starts a headless Chromium page (playwright) when called, closed after the test.

    Call it after rendering: while playwright runs, an asyncio loop is set in this thread and
    Django refuses database queries.
    """
    with ExitStack() as stack:

        def launch():
            playwright = stack.enter_context(sync_playwright())
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            stack.callback(browser.close)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(10_000)
            page.add_init_script(LISTENER)
            return page

        yield launch


def serve(page, rendered: dict[str, Rendered], visit: Visit) -> None:
    """Answer the browser's requests from ``rendered``, static and media files, the example
    client's folder; refuse (and note) anything else."""

    def answer(route, request) -> None:
        url = urlsplit(request.url)
        if f"{url.scheme}://{url.netloc}" != ORIGIN:
            visit.other_hosts.add(request.url)
            return route.abort()
        path = unquote(url.path + (f"?{url.query}" if url.query else ""))
        if path in rendered:
            found = rendered[path]
            return route.fulfill(status=found.status, headers=found.headers, body=found.body)
        if url.path.startswith(django_settings.STATIC_URL):
            file = finders.find(url.path.removeprefix(django_settings.STATIC_URL))
        elif url.path.startswith(django_settings.MEDIA_URL):
            file = default_storage.path(url.path.removeprefix(django_settings.MEDIA_URL))
        elif url.path.startswith(CLIENT_PATH):
            file = EXAMPLE_CLIENT / (url.path.removeprefix(CLIENT_PATH) or "index.html")
        else:
            file = None
        if file and Path(file).is_file():
            kind = mimetypes.guess_type(str(file))[0] or "application/octet-stream"
            return route.fulfill(path=file, content_type=kind)
        visit.unserved.add(path)
        return route.fulfill(status=404)

    page.route("**/*", answer)


def violations_on(page, path: str, messages: list[str]) -> list[str]:
    """Open ``path``, scroll through it (lazy images, lazy scripts) and return its violations."""
    messages.clear()
    page.goto(ORIGIN + path, wait_until="load")
    if path.startswith(CLIENT_PATH):
        page.wait_for_selector("article h1")  # the draft arrived and is shown
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(300)  # violation events are dispatched as tasks
    reported = page.evaluate("() => window.__cspViolations")
    return reported + [text for text in messages if "Content Security Policy" in text]


@browser_test
def test_no_violations_in_chromium(client, portal, chromium):
    rendered = render(client, list(django_paths(portal).values()))
    rendered |= render(client, preview_api_paths(client, portal.token))
    page, visit, messages = chromium(), Visit(), []
    page.on("console", lambda message: messages.append(message.text))
    serve(page, rendered, visit)

    for name, path in portal.paths.items():
        visit.violations[name] = violations_on(page, path, messages)
        if name == "headless preview":
            assert page.locator(".preview").count() == 1  # shown as a draft

    assert visit.violations == {name: [] for name in portal.paths}
    # No other host is asked for anything but the YouTube player of the video block.
    assert visit.other_hosts == {VIDEO_PLAYER}
    assert visit.unserved <= {"/favicon.ico"}


@browser_test
def test_the_check_sees_inline_code(client, portal, chromium):
    """The same listener, on the print view, after inline code is put into the page."""
    path = portal.paths["print"]
    rendered = render(client, [path])
    page = chromium()
    serve(page, rendered, Visit())
    assert violations_on(page, path, []) == []
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.inlineRan = true";
            document.body.append(script);
            document.body.setAttribute("style", "background: red");
        }"""
    )
    page.wait_for_timeout(300)
    reported = page.evaluate("() => window.__cspViolations")
    assert [line.split()[0] for line in reported] == ["script-src-elem", "style-src-attr"]
    assert page.evaluate("() => window.inlineRan") is None
