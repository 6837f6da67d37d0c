"""The ``govnews_tags`` template tags as a template author uses them, output checked as HTML."""

from __future__ import annotations

import html
import logging
import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.template import Context, Template
from django.test import RequestFactory, override_settings
from django.utils import translation
from wagtail.models import Site

from tests.factories import make_news
from tests.qr_decode import SVG_NS, decode_svg, parse_svg
from wagtail_govnews.models import GovNewsSettings
from wagtail_govnews.share import share_url

LOGGER = "wagtail_govnews.templatetags.govnews_tags"
DATELINE = datetime(2022, 12, 29, 10, 5, tzinfo=UTC)  # 17:05 in Asia/Ho_Chi_Minh
VALUE = "https://example.gov.vn/tin-tức/hội-nghị?id=5&lang=vi"
TITLE = 'Hội nghị "Đổi mới" & phát triển bền vững'
DEFAULT_ORDER = ["facebook", "zalo", "x", "linkedin", "telegram", "email", "copy"]


def render(source: str, **context) -> str:
    return Template("{% load govnews_tags %}" + source).render(Context(context))


def svgs(text: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", text, flags=re.S)


def svg_title(svg: str) -> str:
    return parse_svg(svg).find(f"{SVG_NS}title").text


def module_count(svg: str) -> int:
    return int(parse_svg(svg).get("viewBox").split()[2])


class _Anchors(HTMLParser):
    """Collects every ``<a>`` with its attributes (entity-decoded) and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.anchors: list[dict[str, str | None]] = []
        self._current: dict[str, str | None] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._current = dict(attrs) | {"text": ""}
            self.anchors.append(self._current)

    def handle_endtag(self, tag):
        if tag == "a":
            self._current = None

    def handle_data(self, data):
        if self._current is not None:
            self._current["text"] += data


def anchors(text: str) -> list[dict[str, str | None]]:
    parser = _Anchors()
    parser.feed(text)
    parser.close()
    return parser.anchors


def network_of(anchor: dict[str, str | None]) -> str:
    match = re.search(r"govnews-share__link--(\S+)", anchor["class"])
    assert match, anchor
    return match[1]


def request_for(page):
    return RequestFactory().get(page.url)


@pytest.fixture
def titled_article(news_index):
    """A published article whose Vietnamese title needs escaping in HTML and in URLs."""
    return make_news(news_index, TITLE)


def site_settings() -> GovNewsSettings:
    return GovNewsSettings.for_site(Site.objects.get(is_default_site=True))


# {% qr_code %}


def test_qr_code_is_an_accessible_svg_that_decodes_to_the_value():
    output = render("{% qr_code value %}", value=VALUE)
    assert output.startswith("<svg")
    assert output.endswith("</svg>")
    root = parse_svg(output)
    assert root.get("role") == "img"
    assert root.get("width") == "160"  # the QR_SIZE default
    assert decode_svg(output) == [VALUE]


def test_qr_code_value_is_not_autoescaped_into_the_code():
    # The value is encoded as is: "&" in the URL must not become "&amp;" in the code.
    output = render("{% qr_code value %}", value="a & b <c>")
    assert decode_svg(output) == ["a & b <c>"]


def test_qr_code_size_option():
    output = render("{% qr_code value size=120 %}", value=VALUE)
    root = parse_svg(output)
    assert (root.get("width"), root.get("height")) == ("120", "120")
    assert decode_svg(output) == [VALUE]


def test_qr_code_error_correction_option():
    low = render('{% qr_code value error_correction="L" %}', value=VALUE)
    high = render('{% qr_code value error_correction="H" %}', value=VALUE)
    assert module_count(high) > module_count(low)
    assert decode_svg(low) == decode_svg(high) == [VALUE]


@pytest.mark.parametrize("value", ["", None])
def test_qr_code_of_nothing_renders_nothing(value, caplog):
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        assert render("{% qr_code value %}", value=value) == ""
    assert not caplog.records


def test_qr_code_of_a_missing_variable_renders_nothing():
    assert render("{% qr_code missing %}") == ""


def test_qr_code_too_long_renders_nothing_and_logs_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        output = render("{% qr_code value %}", value="x" * 3000)
    assert output == ""
    warnings = [r for r in caplog.records if r.name == LOGGER and r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "too long" in warnings[0].getMessage()


def test_qr_code_invalid_error_correction_renders_nothing(caplog):
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        assert render('{% qr_code value error_correction="Z" %}', value=VALUE) == ""
    assert any(r.name == LOGGER for r in caplog.records)


def test_qr_code_title_is_escaped():
    evil = '<script>alert("x")</script>'
    output = render("{% qr_code value title=title %}", value=VALUE, title=evil)
    assert "<script>" not in output
    assert "&lt;script&gt;" in output
    assert svg_title(output) == evil  # well-formed XML whose title reads back exactly
    root = parse_svg(output)
    assert root.get("aria-labelledby") == root.find(f"{SVG_NS}title").get("id")


# {% page_qr_code %}


@pytest.mark.django_db
def test_page_qr_code_decodes_to_the_absolute_page_url(titled_article):
    request = request_for(titled_article)
    output = render("{% page_qr_code page %}", request=request, page=titled_article)
    full_url = titled_article.get_full_url(request)
    assert full_url.startswith("http://localhost/vi/tin-tuc/")
    assert decode_svg(output) == [full_url]
    assert svg_title(output) == f"QR CODE: {TITLE}"
    assert "QR CODE: Hội nghị &quot;Đổi mới&quot; &amp; phát triển" in output


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "en"])
def test_page_qr_code_title_in_each_language(article, language):
    with translation.override(language):
        output = render("{% page_qr_code page %}", request=request_for(article), page=article)
    assert svg_title(output) == f"QR CODE: {article.title}"


@pytest.mark.django_db
def test_page_qr_code_options(article):
    output = render(
        '{% page_qr_code page size=90 error_correction="H" %}',
        request=request_for(article),
        page=article,
    )
    assert parse_svg(output).get("width") == "90"
    assert decode_svg(output) == [article.full_url]


@pytest.mark.django_db
def test_page_qr_code_of_no_page_renders_nothing():
    assert render("{% page_qr_code page %}", request=RequestFactory().get("/"), page=None) == ""


# {% share_links %}


@pytest.mark.django_db
def test_share_links_one_per_network_in_order_with_exact_urls(titled_article):
    request = request_for(titled_article)
    with translation.override("vi"):
        output = render("{% share_links page %}", request=request, page=titled_article)
    full_url = titled_article.get_full_url(request)
    links = anchors(output)
    assert [network_of(link) for link in links] == DEFAULT_ORDER
    for link in links:
        assert link["href"] == share_url(network_of(link), full_url, TITLE)
    raw_hrefs = re.findall(r'<a [^>]*href="([^"]*)"', output)
    assert [html.unescape(href) for href in raw_hrefs] == [link["href"] for link in links]
    x_href = raw_hrefs[DEFAULT_ORDER.index("x")]
    assert "&amp;url=" in x_href  # the query separator is escaped in the attribute
    assert '"' not in html.unescape(x_href)  # quotes of the title are percent-encoded
    labels = [link["text"].strip() for link in links]
    assert labels[:5] == ["Facebook", "Zalo", "X", "LinkedIn", "Telegram"]
    assert labels[-1] == "Sao chép liên kết"
    assert 'aria-label="Chia sẻ bài viết"' in output


@pytest.mark.django_db
def test_share_links_copy_link_and_rel_of_external_links(article):
    output = render("{% share_links page %}", request=request_for(article), page=article)
    links = {network_of(link): link for link in anchors(output)}
    copy = links.pop("copy")
    assert copy["data-govnews-copy"] == copy["href"] == article.full_url
    assert "target" not in copy
    for link in links.values():
        assert "data-govnews-copy" not in link
        assert link["rel"] == "noopener noreferrer"
        assert link["target"] == "_blank"


@pytest.mark.django_db
@override_settings(WAGTAIL_GOVNEWS={"SHARE_NETWORKS": ["zalo"]})
def test_share_links_follow_the_share_networks_setting(article):
    output = render("{% share_links page %}", request=request_for(article), page=article)
    links = anchors(output)
    assert [network_of(link) for link in links] == ["zalo"]
    assert links[0]["href"] == share_url("zalo", article.full_url)
    assert "facebook.com" not in output


@pytest.mark.django_db
@override_settings(WAGTAIL_GOVNEWS={"SHARE_NETWORKS": []})
def test_share_links_with_no_network_render_nothing(article):
    output = render("{% share_links page %}", request=request_for(article), page=article)
    assert output.strip() == ""


@pytest.mark.django_db
def test_share_links_of_no_page_render_nothing():
    output = render("{% share_links page %}", request=RequestFactory().get("/"), page=None)
    assert output.strip() == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("zalo_sdk", "oa_id", "shown"),
    [
        (True, "4318981325578930001", True),
        (True, "", False),
        (False, "4318981325578930001", False),
        (False, "", False),
    ],
)
def test_zalo_sdk_button_needs_the_setting_and_an_official_account(article, zalo_sdk, oa_id, shown):
    settings = site_settings()
    settings.zalo_oa_id = oa_id
    settings.save()
    request = request_for(article)
    with override_settings(WAGTAIL_GOVNEWS={"ZALO_SDK": zalo_sdk}):
        output = render("{% share_links page %}", request=request, page=article)
    assert ("zalo-share-button" in output) is shown
    assert ("data-govnews-zalo-sdk" in output) is shown
    assert ("data-oaid" in output) is shown
    if shown:
        assert f'data-oaid="{oa_id}"' in output
        assert f'data-href="{article.get_full_url(request)}"' in output
    # The plain Zalo link works without the SDK either way.
    assert "zalo" in [network_of(link) for link in anchors(output)]


@pytest.mark.django_db
@override_settings(WAGTAIL_GOVNEWS={"ZALO_SDK": True})
def test_zalo_sdk_button_needs_a_request_to_find_the_site(article):
    settings = site_settings()
    settings.zalo_oa_id = "4318981325578930001"
    settings.save()
    output = render("{% share_links page %}", page=article)
    assert "zalo-share-button" not in output


# {% share_url %}


@pytest.mark.django_db
def test_share_url_tag_renders_the_exact_url(titled_article):
    request = request_for(titled_article)
    full_url = titled_article.get_full_url(request)
    output = render('{% share_url "facebook" page %}', request=request, page=titled_article)
    assert output == "https://www.facebook.com/sharer/sharer.php?u=" + quote(full_url, safe="")


@pytest.mark.django_db
def test_share_url_tag_is_escaped_for_html(titled_article):
    request = request_for(titled_article)
    full_url = titled_article.get_full_url(request)
    output = render('{% share_url "x" page %}', request=request, page=titled_article)
    assert "&amp;url=" in output
    assert html.unescape(output) == share_url("x", full_url, TITLE)


@pytest.mark.django_db
def test_share_url_tag_unknown_network_renders_nothing_and_logs(article, caplog):
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        output = render(
            '{% share_url "myspace" page %}', request=request_for(article), page=article
        )
    assert output == ""
    warnings = [r for r in caplog.records if r.name == LOGGER and r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "myspace" in warnings[0].getMessage()


@pytest.mark.django_db
def test_share_url_tag_of_no_page_renders_nothing():
    output = render('{% share_url "facebook" page %}', request=RequestFactory().get("/"), page=None)
    assert output == ""


# |dateline and |isodate


@pytest.mark.parametrize(
    ("language", "expected"),
    [("vi", "Thứ Năm, 29/12/2022 17:05"), ("en", "Thursday, 29 December 2022, 17:05")],
)
def test_dateline_filter_follows_the_active_language(language, expected):
    with translation.override(language):
        assert render("{{ value|dateline }}", value=DATELINE) == expected


def test_dateline_filter_language_argument():
    with translation.override("vi"):
        assert render('{{ value|dateline:"en" }}', value=DATELINE) == (
            "Thursday, 29 December 2022, 17:05"
        )


def test_dateline_filter_of_a_date():
    with translation.override("vi"):
        assert render("{{ value|dateline }}", value=date(2022, 12, 29)) == "Thứ Năm, 29/12/2022"


@pytest.mark.parametrize("value", [None, ""])
def test_dateline_filter_of_nothing(value):
    assert render("{{ value|dateline }}", value=value) == ""


def test_dateline_filter_of_a_missing_variable():
    assert render("{{ missing|dateline }}") == ""


@pytest.mark.parametrize("value", ["29/12/2022", 20221229, ["2022"]])
def test_dateline_filter_of_a_non_date_renders_nothing(value):
    assert render("{{ value|dateline }}", value=value) == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (DATELINE, "2022-12-29T17:05:00+07:00"),
        (date(2022, 12, 29), "2022-12-29"),
        (None, ""),
        ("", ""),
        ("29/12/2022", ""),
    ],
)
def test_isodate_filter(value, expected):
    assert render("{{ value|isodate }}", value=value) == expected


def test_isodate_filter_in_a_time_element():
    output = render(
        '<time datetime="{{ value|isodate }}">{{ value|dateline:"vi" }}</time>', value=DATELINE
    )
    assert output == '<time datetime="2022-12-29T17:05:00+07:00">Thứ Năm, 29/12/2022 17:05</time>'


# {% social_accounts %}


@pytest.mark.django_db
def test_social_accounts_show_names_and_qr_codes(article, social_accounts):
    with translation.override("vi"):
        output = render("{% social_accounts %}", request=request_for(article))
    assert "Chúng tôi trên Mạng Xã hội" in output
    codes = svgs(output)
    assert [decode_svg(svg) for svg in codes] == [[account.url] for account in social_accounts]
    assert [svg_title(svg) for svg in codes] == [
        f"Mã QR truy cập {account.name}" for account in social_accounts
    ]
    links = anchors(output)
    assert [(link["href"], link["text"]) for link in links] == [
        (account.url, account.name) for account in social_accounts
    ]
    positions = [output.find(account.name) for account in social_accounts]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_social_accounts_in_english(article, social_accounts):
    with translation.override("en"):
        output = render("{% social_accounts %}", request=request_for(article))
    assert "Us on social networks" in output
    assert "Chúng tôi trên Mạng Xã hội" not in output


@pytest.mark.django_db
def test_social_account_names_are_escaped(article, social_accounts):
    account = social_accounts[0]
    account.name = "<script>alert(1)</script>"
    account.save()
    output = render("{% social_accounts %}", request=request_for(article))
    assert "<script>" not in output
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in output


@pytest.mark.django_db
def test_social_accounts_without_accounts_render_nothing(article):
    output = render("{% social_accounts %}", request=request_for(article))
    assert output.strip() == ""


@pytest.mark.django_db
def test_social_accounts_without_a_request_render_nothing(social_accounts):
    output = render("{% social_accounts %}")
    assert output.strip() == ""
