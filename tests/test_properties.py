"""Property-based tests (hypothesis) of the services: QR codes, share links, datelines, slugs.

Each property holds for any input hypothesis builds: the function works and its output is
exactly right, or it raises the error it documents, never another exception. Examples are
bounded and derandomized, so the file is deterministic and runs in seconds.

Text strategies exclude lone surrogates (hypothesis's default): they are not Unicode scalar
values, so no HTTP request, form or database can hand one to the package. QR codes are
compared by the raw bytes zxing-cpp decodes (its ``text`` shows control characters such as
NUL as ``<NUL>`` for humans), decoded as UTF-8.
"""

from __future__ import annotations

import base64
import json
import re
import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone
from io import BytesIO
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
import zxingcpp
from django.conf import settings as django_settings
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.provisional import domains, urls
from PIL import Image

from tests.qr_decode import matrix_from_path, parse_svg, png_from_matrix
from wagtail_govnews.conf import govnews_settings
from wagtail_govnews.dates import format_dateline
from wagtail_govnews.qr import QRCodeError, cached_qr_svg, qr_matrix, qr_png, qr_svg
from wagtail_govnews.share import NETWORKS, ShareURLError, share_links, share_url
from wagtail_govnews.slugs import ascii_slug, fold_diacritics

pytestmark = pytest.mark.slow  # hypothesis: many examples per property


def bounded(examples: int) -> settings:
    """Deterministic settings with ``examples`` examples and no deadline."""
    return settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# QR codes


#: The largest payload of any QR code: 7,089 digits (numeric mode, version 40, level L).
MAX_QR_CHARACTERS = 7089
LEVELS = st.sampled_from("LMQH")
#: Bytes a version 40 code holds in byte mode, by error correction level.
BYTE_CAPACITY = {"L": 2953, "M": 2331, "Q": 1663, "H": 1273}


def decoded_bytes(png: bytes) -> list[bytes]:
    """What a real decoder reads from a PNG: the raw bytes of each code."""
    return [result.bytes for result in zxingcpp.read_barcodes(Image.open(BytesIO(png)))]


def svg_bytes(svg: str) -> list[bytes]:
    """Rasterise an SVG made by ``qr_svg`` (from its path) and decode it."""
    root = parse_svg(svg)
    size = int(root.get("viewBox").split()[2])
    path = root.find("{http://www.w3.org/2000/svg}path")
    return decoded_bytes(png_from_matrix(matrix_from_path(path.get("d"), size), box=3))


@bounded(100)
@given(text=st.text(min_size=1, max_size=300), level=LEVELS)
@example(text="a\x00b\r\nc\rd\x1b", level="M")
@example(text="https://example.gov.vn/vi/tin-tuc/đại-hội/?q=1&r=2#top", level="H")
@example(text="0123456789", level="L")  # numeric mode
@example(text="HTTP://EXAMPLE.GOV.VN/A", level="Q")  # alphanumeric mode
def test_any_short_text_makes_codes_that_decode_to_it(text, level):
    """Up to 300 characters (≤ 1,200 UTF-8 bytes) always fit, at every level."""
    expected = [text.encode("utf-8")]
    assert decoded_bytes(qr_png(text, box_size=3, error_correction=level)) == expected
    svg = qr_svg(text, error_correction=level, title=text)
    assert svg_bytes(svg) == expected  # svg_bytes parses the SVG: it is well-formed XML
    # The title is the text, less the control characters XML cannot hold.
    title = parse_svg(svg).find("{http://www.w3.org/2000/svg}title").text or ""
    shown = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text)
    assert title == shown.replace("\r\n", "\n").replace("\r", "\n")  # XML's line ends
    assert cached_qr_svg(text, error_correction=level, title=text) == svg


@bounded(40)
@given(unit=st.text(min_size=1, max_size=6), repeat=st.integers(1, 900), level=LEVELS)
def test_any_text_encodes_exactly_or_is_too_long(unit, repeat, level):
    """Texts around every capacity: a code that decodes exactly, or QRCodeError."""
    text = unit * repeat
    try:
        png = qr_png(text, box_size=2, error_correction=level)
    except QRCodeError as error:
        # Only a text longer than a version 40 code's byte capacity may be refused (shorter
        # numeric or alphanumeric runs only ever make the data smaller).
        assert "too long" in str(error)
        assert len(text.encode("utf-8")) > BYTE_CAPACITY[level]
        return
    assert decoded_bytes(png) == [text.encode("utf-8")]


@bounded(10)
@given(unit=st.text(min_size=1, max_size=5), level=LEVELS)
def test_too_long_text_raises_qr_code_error(unit, level):
    text = unit * (MAX_QR_CHARACTERS // len(unit) + 1)
    for make in (qr_png, qr_svg, cached_qr_svg, qr_matrix):
        with pytest.raises(QRCodeError, match="too long"):
            make(text, error_correction=level)


@pytest.mark.parametrize("make", [qr_png, qr_svg, cached_qr_svg, qr_matrix])
@pytest.mark.parametrize("text", ["", "\ud800", "a\udfffb"], ids=["empty", "surrogate", "mixed"])
def test_empty_or_broken_text_raises_qr_code_error(make, text):
    with pytest.raises(QRCodeError):
        make(text)


# Share links

TITLES = st.text(max_size=120)
HTTP_URLS = st.one_of(
    urls(),
    st.builds(
        lambda scheme, host, port, path, query, fragment: (
            f"{scheme}://{host}{port}/{path}{query}{fragment}"
        ),
        scheme=st.sampled_from(["http", "https", "HTTPS", "Http"]),
        host=domains(),
        port=st.sampled_from(["", ":8000", ":443"]),
        path=st.text(max_size=40).map(lambda text: text.replace("?", "").replace("#", "")),
        query=st.one_of(st.just(""), st.text(max_size=30).map(lambda text: "?" + text)),
        fragment=st.one_of(st.just(""), st.text(max_size=10).map(lambda text: "#" + text)),
    ),
)


def query_values(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def assert_shares(network: str, link: str, url: str, title: str) -> None:
    """``link`` shares exactly ``url`` (and ``title``, where the network takes one)."""
    values = query_values(link)
    if network == "facebook":
        assert values == {"u": [url]}
    elif network == "linkedin":
        assert values == {"url": [url]}
    elif network in ("x", "telegram"):
        assert values == {"url": [url]} | ({"text": [title]} if title else {})
    elif network == "zalo":
        [payload] = values["d"]
        assert json.loads(base64.b64decode(payload)) == {"url": url}
    elif network == "email":
        assert link.startswith("mailto:?")
        body = f"{title}\n{url}" if title else url
        assert values == {"body": [body]} | ({"subject": [title]} if title else {})
    elif network == "copy":
        assert link == url
    else:
        raise AssertionError(f"no check for {network}")
    if network != "copy":
        assert not re.search(r"[\s<>\"'\x00-\x1f\x7f]", link), link


@bounded(300)
@given(url=HTTP_URLS, title=TITLES)
@example(url="https://example.gov.vn/?a=1&b=2#x", title='<script>"&amp;+%20')
@example(url="http://example.gov.vn/tin tức/", title="Thành phố & \r\n người dân")
def test_share_links_round_trip_any_title_and_url(url, title):
    links = share_links(url, title)
    assert [link.network for link in links] == list(govnews_settings.SHARE_NETWORKS)
    for link in links:
        assert link.url == share_url(link.network, url, title)
        assert_shares(link.network, link.url, url, title)


SCHEMES = st.from_regex(r"\A[a-zA-Z][a-zA-Z0-9+.-]{0,12}\Z").filter(
    lambda scheme: scheme.lower() not in ("http", "https")
)
NOT_HTTP_URLS = st.one_of(
    st.builds(lambda scheme, rest: f"{scheme}:{rest}", SCHEMES, st.text(max_size=40)),
    st.builds(lambda rest: f"http:{rest}", st.text(max_size=30).filter(lambda r: "//" not in r)),
    st.builds(lambda rest: f"//{rest}", st.text(max_size=30)),  # scheme-relative
    st.text(max_size=40).filter(lambda text: ":" not in text),  # relative
    st.sampled_from(
        [
            "javascript:alert(1)",
            " JavaScript:alert(document.cookie)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "http://[",
            "https://[::1",
            "http:///path",
            "",
        ]
    ),
)


@bounded(300)
@given(url=NOT_HTTP_URLS, title=TITLES, network=st.sampled_from(list(NETWORKS)))
def test_anything_but_an_http_url_raises_share_url_error(url, title, network):
    with pytest.raises(ShareURLError):
        share_url(network, url, title)
    with pytest.raises(ShareURLError):
        share_links(url, title)


# Datelines

VI_WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
# Years 2 to 9998: converting to the site's time zone (UTC+7) must stay inside datetime's range.
WIDE = {"min_value": datetime(2, 1, 1), "max_value": datetime(9998, 12, 31)}
ZONES = st.one_of(
    st.none(),
    st.sampled_from([UTC, ZoneInfo("Asia/Ho_Chi_Minh"), ZoneInfo("America/New_York")]),
    st.integers(-14 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes))),
)
VALUES = st.one_of(
    st.datetimes(timezones=ZONES, **WIDE),
    st.dates(WIDE["min_value"].date(), WIDE["max_value"].date()),
)
LANGUAGES = st.sampled_from(["vi", "en", "vi-VN", "fr", "xx"])


def local(value: date) -> date:
    """The value as the site shows it: aware datetimes in the site's time zone."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(ZoneInfo(django_settings.TIME_ZONE))
    return value


@bounded(500)
@given(value=VALUES, language=LANGUAGES)
@example(value=datetime(2022, 12, 29, 17, 5), language="vi")
@example(value=datetime(2022, 12, 29, 10, 5, tzinfo=UTC), language="vi-VN")
@example(value=datetime(2, 1, 1, tzinfo=timezone(timedelta(hours=14))), language="en")
@example(value=date(9998, 12, 31), language="fr")
def test_dateline_never_fails_and_names_the_right_weekday(value, language):
    text = format_dateline(value, language)
    assert isinstance(text, str) and text.strip()
    shown = local(value)
    if language.startswith("vi"):
        assert text.startswith(VI_WEEKDAYS[shown.weekday()] + ", ")
        assert f"{shown.day:02d}/{shown.month:02d}/{shown.year:04d}" in text
    elif language == "en":
        assert text.startswith(f"{shown:%A}, {shown.day} {shown:%B} {shown.year}")
    if isinstance(shown, datetime):
        assert f"{shown.hour:02d}:{shown.minute:02d}" in text


# Slugs and diacritic folding


def vietnamese_letters() -> str:
    """Every letter of the Vietnamese alphabet with every tone mark, both cases (NFC)."""
    tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
    vowels = [unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in tones]
    letters = [*vowels, *"bcdđghklmnpqrstvx"]
    return "".join(letters) + "".join(letter.upper() for letter in letters)


VIETNAMESE = st.text(alphabet=vietnamese_letters() + " 0123456789,.:;!?-_\"'()/", max_size=80)
VIETNAMESE_ANY_FORM = st.one_of(
    VIETNAMESE, VIETNAMESE.map(lambda text: unicodedata.normalize("NFD", text))
)


@bounded(400)
@given(text=VIETNAMESE_ANY_FORM)
@example(text="Đại hội Đảng bộ phường Bến Nghé lần thứ XIII")
@example(text="Thí nghiệm")
def test_vietnamese_folds_to_ascii(text):
    folded = fold_diacritics(text)
    assert folded.isascii(), folded
    assert fold_diacritics(folded) == folded
    nfc = unicodedata.normalize("NFC", text)
    assert len(folded) == len(nfc)  # one letter for one letter: case and spacing kept
    assert folded.lower() == fold_diacritics(nfc.lower())
    slug = ascii_slug(text)
    assert re.fullmatch(r"([a-z0-9]([a-z0-9_-]*[a-z0-9])?)?", slug), slug
    assert ascii_slug(slug) == slug


@bounded(400)
@given(text=st.text(max_size=80), max_length=st.integers(1, 300))
@example(text="a_b", max_length=2)
@example(text="x" * 254 + "_b", max_length=255)
def test_any_text_gives_an_idempotent_ascii_slug(text, max_length):
    slug = ascii_slug(text, max_length=max_length)
    assert slug.isascii() and len(slug) <= max_length
    assert not slug.startswith(("-", "_")) and not slug.endswith(("-", "_")), slug
    assert ascii_slug(slug, max_length=max_length) == slug
    folded = fold_diacritics(text)
    assert fold_diacritics(folded) == folded
