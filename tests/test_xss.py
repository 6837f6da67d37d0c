"""Hostile text in every editor-controlled field is escaped (or rejected) on every surface.

The payload mixes a script element, an attribute break-out with an event handler, a single
quote and a closing ``</script>``. HTML is checked by parsing it: no element gets an ``on*``
attribute or a ``javascript:`` link, no script runs the payload, and the payload comes back
as exactly the text the editor typed (escaped once, not twice). JSON returns the same plain
text; rich text only carries markup Wagtail's own converters produced; XML stays well-formed.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from wagtail.models import Site
from wagtail.rich_text import expand_db_html

from tests.api_schema import api_get
from tests.factories import (
    make_category,
    make_home,
    make_image,
    make_index,
    make_news,
    news_form,
    photo,
)
from wagtail_govnews.models import GovNewsSettings, NewsPage, SocialAccount
from wagtail_govnews.share import share_links

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert(1)</script>"onmouseover="alert(2)\'</script>'
TITLE = f"Tiêu đề {PAYLOAD}"
LEAD = f"Sapo {PAYLOAD}"
AUTHOR = f"Tác giả {PAYLOAD}"
SOURCE = f"Nguồn {PAYLOAD}"
CAPTION = f"Chú thích {PAYLOAD}"
ALT = f"Mô tả ảnh {PAYLOAD}"
PORTAL = f"Cổng {PAYLOAD}"
ACCOUNT = f"Fanpage {PAYLOAD}"
#: Valid http(s) URLs (Django's URLValidator allows quotes and brackets in the path).
EVIL_URL = 'https://example.gov.vn/a?b="onmouseover="alert(1)\'<script>alert(1)</script>'
SCRIPT_URLS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "javascript://example.gov.vn/%0aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]


class PageScan(HTMLParser):
    """What a browser would run or follow in a page, and the text it would show."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.handlers: list[tuple[str, str]] = []  # (tag, attribute) of on* attributes
        self.links: list[str] = []  # href/src/action/content values
        self.scripts: list[tuple[dict, str]] = []  # (attributes, text) of <script> elements
        self.texts: list[str] = []
        self.attribute_values: list[str] = []
        self.svg_titles: list[str] = []
        self._script: dict | None = None
        self._svg_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.handlers += [(tag, name) for name in values if name.startswith("on")]
        self.links += [values[name] for name in ("href", "src", "action") if name in values]
        self.attribute_values += values.values()
        if tag == "script":
            self._script = values
            self.scripts.append((values, ""))
        self._svg_title = tag == "title" and "id" in values and values["id"].startswith("qr-")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None
        self._svg_title = False

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
            return
        self.texts.append(data)
        if self._svg_title:
            self.svg_titles.append(data)

    @property
    def text(self) -> str:
        return "".join(self.texts)


def scan(html: str) -> PageScan:
    """Parse ``html`` and fail if anything in it would run the payload."""
    page = PageScan()
    page.feed(html)
    page.close()
    assert not page.handlers, f"event handler attributes: {page.handlers}"
    for link in page.links:
        scheme = link.strip().lower().split(":", 1)[0]
        assert scheme not in ("javascript", "data", "vbscript"), link
    for attrs, text in page.scripts:
        if attrs.get("type") == "application/ld+json":
            # Data, not code: it stays one JSON document and cannot end its element.
            json.loads(text)
            assert "</" not in text and "<!--" not in text, text[:200]
        else:
            assert attrs.get("src") and not text.strip(), f"inline script: {text[:200]}"
    return page


@pytest.fixture
def hostile(news_index):
    """An article, its site settings and social account with the payload in every text field."""
    image = make_image("Ảnh", description=ALT)
    category = make_category(f"Chuyên mục {PAYLOAD}")
    body = [
        {"type": "heading", "value": {"text": f"Tiêu đề phụ {PAYLOAD}", "level": "h2"}},
        {"type": "image", "value": photo(image, CAPTION, ALT, PAYLOAD) | {"alignment": "full"}},
        {
            "type": "gallery",
            "value": {
                "title": f"Bộ ảnh {PAYLOAD}",
                "layout": "grid",
                "images": [
                    {"type": "item", "value": photo(image, CAPTION, ALT, PAYLOAD), "id": "p1"}
                ],
            },
        },
        {"type": "quote", "value": {"quote": f"Trích {PAYLOAD}", "attribution": PAYLOAD}},
    ]
    article = make_news(
        news_index,
        TITLE,
        lead=LEAD,
        author=AUTHOR,
        source_name=SOURCE,
        source_url=EVIL_URL,
        original_url=EVIL_URL,
        hero_image=image,
        seo_title="",
        search_description="",
        categories=[category],
        tags=[f"thẻ {PAYLOAD}"],
        body=body,
    )
    article.full_clean()  # every value above is one an editor can save
    settings = GovNewsSettings.for_site(Site.objects.get(is_default_site=True))
    settings.portal_name = PORTAL
    settings.save()
    SocialAccount.objects.create(
        settings=settings, network="facebook", name=ACCOUNT, url=EVIL_URL, sort_order=0
    )
    other = make_news(news_index, f"Tin khác {PAYLOAD}", lead=LEAD)
    return article, other


# Rejected: script URLs never get into the database.


@pytest.mark.parametrize("url", SCRIPT_URLS)
@pytest.mark.parametrize("field", ["source_url", "original_url"])
def test_article_urls_reject_script_schemes(news_index, field, url):
    page = make_news(news_index, "Tin", publish=False)
    setattr(page, field, url)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert field in error.value.message_dict


@pytest.mark.parametrize("url", SCRIPT_URLS)
def test_social_account_url_rejects_script_schemes(social_accounts, url):
    account = social_accounts[0]
    account.url = url
    with pytest.raises(ValidationError) as error:
        account.full_clean()
    assert "url" in error.value.message_dict


@pytest.mark.parametrize("field", ["source_url", "original_url"])
def test_admin_form_rejects_script_urls(editor_client, news_index, field):
    url = reverse("wagtailadmin_pages:add", args=("wagtail_govnews", "newspage", news_index.pk))
    form = news_form(make_image(), make_category(), **{field: "javascript:alert(1)"})
    response = editor_client.post(url, form | {"action-publish": "publish"})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not NewsPage.objects.exists()


def test_admin_rich_text_drops_scripts_and_script_links(editor_client, news_index):
    """A crafted editor POST: the stored rich text has no script and no javascript: link."""
    text = f"{PAYLOAD} bấm đây"
    contentstate = {
        "blocks": [
            {
                "key": "a1b2c",
                "type": "unstyled",
                "text": text,
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": len(text) - 7, "length": 7, "key": 0}],
                "data": {},
            }
        ],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(1)"}}
        },
    }
    url = reverse("wagtailadmin_pages:add", args=("wagtail_govnews", "newspage", news_index.pk))
    form = news_form(make_image(), make_category())
    form |= {"body-0-type": "paragraph", "body-0-value": json.dumps(contentstate)}
    form |= {"body-count": "1", "action-publish": "publish"}
    for key in [key for key in form if key.startswith(("body-1-", "body-2-"))]:
        del form[key]
    response = editor_client.post(url, form)
    assert response.status_code == 302, response.context["form"].errors
    page = NewsPage.objects.get()
    stored = page.body[0].value.source
    assert "<script" not in stored and "javascript:" not in stored.lower()
    assert "&lt;script&gt;" in stored  # the typed text is kept, as text

    editor_client.logout()
    html = editor_client.get(page.url).content.decode()
    assert PAYLOAD in scan(html).text
    data = api_get(editor_client, f"/api/govnews/news/{page.pk}/").json()
    [paragraph] = [block for block in data["body"] if block["type"] == "paragraph"]
    assert paragraph["html"] == expand_db_html(stored)  # only what Wagtail's rewriter made
    assert PAYLOAD in scan(paragraph["html"]).text


# Escaped: every HTML page that shows the article.


def test_article_page_escapes_every_field(client, hostile):
    article, _ = hostile
    page = scan(client.get(article.url).content.decode())
    for text in (TITLE, LEAD, AUTHOR, SOURCE, CAPTION, PAYLOAD, PORTAL, ACCOUNT):
        assert text in page.text, f"{text!r} is not shown as text"
    assert f"Tiêu đề phụ {PAYLOAD}" in page.text
    assert EVIL_URL in page.links  # source, original and social account links, quoted
    assert ALT in page.attribute_values  # alt text, quoted
    assert f"QR CODE: {TITLE}" in page.svg_titles  # the article QR's <title>, escaped once
    assert any(ACCOUNT in title for title in page.svg_titles), page.svg_titles


def test_social_account_qr_title_is_escaped_once(client, hostile):
    article, _ = hostile
    page = scan(client.get(article.url).content.decode())
    [account_title] = [title for title in page.svg_titles if "Fanpage" in title]
    assert "&amp;" not in account_title and "&lt;" not in account_title, account_title
    assert account_title.endswith(ACCOUNT)


def test_head_metadata_and_json_ld_keep_the_payload_inert(client, hostile):
    article, _ = hostile
    page = scan(client.get(article.url).content.decode())
    assert TITLE in page.attribute_values  # og:title / twitter:title, quoted
    documents = [
        json.loads(text)
        for attrs, text in page.scripts
        if attrs.get("type") == "application/ld+json"
    ]
    if not documents:
        pytest.skip("this site renders no JSON-LD yet")
    news = next(doc for doc in documents if doc.get("@type") == "NewsArticle")
    assert news["headline"] == TITLE
    assert news["author"]["name"] == AUTHOR
    assert news["publisher"]["name"] == PORTAL


def test_print_view_escapes_every_field(client, hostile):
    article, _ = hostile
    page = scan(client.get(article.url + "print/").content.decode())
    for text in (TITLE, LEAD, AUTHOR, SOURCE, CAPTION):
        assert text in page.text
    assert f"QR CODE: {TITLE}" in page.svg_titles


@pytest.mark.parametrize(
    "query",
    [{}, {"q": "Sapo"}, {"q": PAYLOAD}, {"tag": PAYLOAD}, {"category": PAYLOAD}],
    ids=["all", "search", "search-payload", "tag-payload", "category-payload"],
)
def test_index_page_escapes_titles_leads_and_the_query(client, hostile, news_index, query):
    page = scan(client.get(news_index.url, query).content.decode())
    if PAYLOAD in query.values():
        assert PAYLOAD in page.text or PAYLOAD in page.attribute_values  # echoed as text
    else:
        assert TITLE in page.text and LEAD in page.text


def test_site_search_escapes_the_query_and_results(client, db):
    home = make_home()
    make_news(make_index(parent=home), TITLE, lead=LEAD)
    page = scan(client.get(home.url, {"q": PAYLOAD}).content.decode())
    assert PAYLOAD in page.attribute_values  # the search box keeps the query, quoted
    page = scan(client.get(home.url, {"q": "Sapo"}).content.decode())
    assert TITLE in page.text and LEAD in page.text


# JSON: plain text stays plain text.


def test_api_returns_plain_text_not_html(client, hostile):
    article, other = hostile
    data = api_get(client, f"/api/govnews/news/{article.pk}/").json()
    assert data["title"] == TITLE
    assert data["lead"] == LEAD
    assert data["author"] == AUTHOR
    assert data["source"] == {"name": SOURCE, "url": EVIL_URL}
    assert data["original_url"] == EVIL_URL
    assert [category["name"] for category in data["categories"]] == [f"Chuyên mục {PAYLOAD}"]
    assert [tag["name"] for tag in data["tags"]] == [f"thẻ {PAYLOAD}"]
    heading, image, gallery, quote = data["body"]
    assert heading["text"] == f"Tiêu đề phụ {PAYLOAD}"
    assert (image["caption"], image["alt"], image["credit"]) == (CAPTION, ALT, PAYLOAD)
    assert gallery["title"] == f"Bộ ảnh {PAYLOAD}"
    assert gallery["images"][0]["caption"] == CAPTION
    assert (quote["quote"], quote["attribution"]) == (f"Trích {PAYLOAD}", PAYLOAD)
    assert data["hero_image"]["alt"] == ALT
    assert [item["title"] for item in data["other_news"]] == [other.title]
    listed = api_get(client, "/api/govnews/news/").json()["items"]
    assert {item["title"] for item in listed} == {TITLE, other.title}
    social = api_get(client, "/api/govnews/social/").json()
    assert social["portal_name"] == PORTAL
    [account] = social["items"]
    assert (account["name"], account["url"]) == (ACCOUNT, EVIL_URL)
    svg = ET.fromstring(account["qr_svg"])
    assert svg.find("{http://www.w3.org/2000/svg}title").text == ACCOUNT


def test_api_responses_are_json_not_html(client, hostile):
    article, _ = hostile
    response = client.get(f"/api/govnews/news/{article.pk}/")
    assert response["Content-Type"].startswith("application/json")
    assert response.get("X-Content-Type-Options") in (None, "nosniff")


# Share links and QR codes.


def test_share_links_encode_the_title_and_url(client, hostile):
    article, _ = hostile
    links = share_links(article.full_url, article.title)
    assert links
    for link in links:
        if link.is_copy:
            assert link.url == article.full_url
            continue
        parts = urlsplit(link.url)
        assert parts.scheme in ("https", "mailto")
        assert not set(link.url) & set("<>\"' "), link.url
        values = [value for values in parse_qs(parts.query).values() for value in values]
        if link.network in ("x", "telegram"):
            assert TITLE in values
        if link.network == "email":
            assert TITLE in values and any(article.full_url in value for value in values)
    page = scan(client.get(article.url).content.decode())
    assert {link.url for link in links} <= set(page.links)


@pytest.mark.parametrize(
    "url_name", ["govnews_api:news_qr_svg", "wagtail_govnews:news_qr_code"], ids=["api", "view"]
)
def test_qr_svg_title_is_escaped_xml(client, hostile, url_name):
    article, _ = hostile
    kwargs = {"page_id": article.pk} | ({"fmt": "svg"} if url_name.startswith("wagtail") else {})
    response = client.get(reverse(url_name, kwargs=kwargs))
    assert response.status_code == 200
    svg = ET.fromstring(response.content)
    assert svg.find("{http://www.w3.org/2000/svg}title").text == f"QR CODE: {TITLE}"
    assert b"<script" not in response.content


# Feeds and sitemaps: well-formed XML, text elements carry the text, HTML elements escape it.


def _feed_urls() -> list[str]:
    urls = []
    for name in ("feed_rss", "feed_atom", "news_sitemap"):
        try:
            urls.append(reverse(f"wagtail_govnews:{name}", args=["vi"]))
        except NoReverseMatch:
            continue
    return urls


def _local(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _is_html(element: ET.Element) -> bool:
    """RSS descriptions and Atom ``type="html"`` elements are HTML to a feed reader."""
    name = _local(element)
    return name == "description" or (
        name in ("summary", "content") and element.get("type") == "html"
    )


def test_feeds_and_sitemaps_keep_the_payload_inert(client, hostile):
    urls = _feed_urls()
    if not urls:
        pytest.skip("no feeds or news sitemaps in this site yet")
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        root = ET.fromstring(response.content)  # still well-formed XML
        titles = [element.text for element in root.iter() if _local(element) == "title"]
        assert TITLE in titles, (url, titles)  # a plain-text element: the exact text
        leads = [e.text for e in root.iter() if _is_html(e) and "Sapo" in (e.text or "")]
        for lead in leads:
            # A reader renders this as HTML: it must show the lead, not run it.
            assert LEAD in scan(lead).text, (url, lead)
        assert leads or "sitemap" in url, f"no article lead in {url}"
