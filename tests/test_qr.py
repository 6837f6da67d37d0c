"""QR code services, checked with a real decoder (zxing-cpp)."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
import zxingcpp
from django.core.cache import caches
from django.test import override_settings
from django.utils import translation
from PIL import Image

from tests.qr_decode import SVG_NS, decode, matrix_from_path, parse_svg, png_from_matrix
from wagtail_govnews import qr
from wagtail_govnews.conf import govnews_settings
from wagtail_govnews.qr import (
    QRCodeError,
    cached_qr_png,
    cached_qr_svg,
    qr_matrix,
    qr_png,
    qr_svg,
)

# 120 characters, like a typical article URL with a slug and an id.
URL_120 = (
    "https://www.example.gov.vn/tin-tuc/chinh-sach-moi/"
    "huong-dan-thuc-hien-nghi-dinh-ve-dich-vu-cong-truc-tuyen-nam-2024-1234"
)
TEXTS = [
    "https://www.example.gov.vn/tin-tuc/2022/12/29/hoi-nghi-tong-ket",
    "https://example.gov.vn/tin-t%E1%BB%A9c/th%E1%BB%A9-n%C4%83m",
    "Thứ Năm, 29/12/2022",
    URL_120,
]


@pytest.fixture(autouse=True)
def clear_qr_cache():
    caches[govnews_settings.QR_CACHE_ALIAS].clear()
    yield
    caches[govnews_settings.QR_CACHE_ALIAS].clear()


@pytest.mark.parametrize("text", TEXTS)
def test_png_decodes_to_exact_text(text):
    assert decode(qr_png(text)) == [text]


def test_vietnamese_text_is_utf8_without_eci():
    result = zxingcpp.read_barcodes(Image.open(BytesIO(qr_png("Thứ Năm, 29/12/2022"))))[0]
    assert result.bytes == "Thứ Năm, 29/12/2022".encode()
    assert result.text == "Thứ Năm, 29/12/2022"


@pytest.mark.parametrize("text", TEXTS)
def test_svg_path_reproduces_matrix_and_decodes(text):
    root = parse_svg(qr_svg(text))
    matrix = qr_matrix(text)
    n = len(matrix)
    assert root.get("viewBox") == f"0 0 {n} {n}"
    (path,) = root.findall(f"{SVG_NS}path")
    assert path.get("stroke") == "#000" and path.get("stroke-width") == "1"
    rebuilt = matrix_from_path(path.get("d"), n)
    assert rebuilt == matrix
    assert decode(png_from_matrix(rebuilt)) == [text]


def test_matrix_includes_quiet_zone():
    matrix = qr_matrix("hello")
    assert len(matrix) == 21 + 2 * 4  # version 1 plus a 4-module border on each side
    assert all(len(row) == len(matrix) for row in matrix)
    for edge in (
        matrix[:4],
        matrix[-4:],
        [row[:4] for row in matrix],
        [row[-4:] for row in matrix],
    ):
        assert not any(any(row) for row in edge)
    assert matrix[4][4]  # top-left finder pattern corner
    matrix[0][0] = True  # rows are independent lists, not shared references
    assert not matrix[1][0]
    with override_settings(WAGTAIL_GOVNEWS={"QR_BORDER": 1}):
        assert len(qr_matrix("hello")) == 21 + 2


def test_svg_is_small_and_accessible():
    assert len(URL_120) == 120
    svg = qr_svg(URL_120)
    # Measured: 3,521 bytes for this URL (version 7 at level M, 53x53 with the quiet zone).
    # Filled rectangles per run ("h7v1h-7z") measured about 6.5 KB; strokes halve that.
    assert len(svg.encode()) < 5000
    root = parse_svg(svg)
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("role") == "img"
    assert root.get("shape-rendering") == "crispEdges"
    assert root.get("width") == root.get("height") == str(govnews_settings.QR_SIZE)
    children = list(root)
    assert children[0].tag == f"{SVG_NS}title" and children[0].text
    assert children[1].tag == f"{SVG_NS}rect"
    assert children[1].attrib == {"width": "100%", "height": "100%", "fill": "#fff"}
    assert root.get("aria-labelledby") is None
    assert qr_svg(URL_120, size=240).count('width="240" height="240"') == 1


def test_svg_title_is_escaped_and_labelled():
    svg = qr_svg(URL_120, title='<script>alert("x")</script> & Tin tức')
    assert "<script>" not in svg
    root = parse_svg(svg)
    title = root.find(f"{SVG_NS}title")
    assert title.text == '<script>alert("x")</script> & Tin tức'
    assert root.get("aria-labelledby") == title.get("id")
    assert re.fullmatch(r"qr-[0-9a-f]{16}", title.get("id"))
    # Different codes on one page never share an id.
    ids = {
        parse_svg(qr_svg(data, title=label)).find(f"{SVG_NS}title").get("id")
        for data in ("https://a.vn/1", "https://a.vn/2")
        for label in ("QR", "Mã QR")
    }
    assert len(ids) == 4


@pytest.mark.parametrize("level", ["L", "M", "Q", "H", "l", "m", "q", "h"])
def test_each_error_correction_level(level):
    assert decode(qr_png(URL_120, error_correction=level, box_size=4)) == [URL_120]
    assert qr_matrix(URL_120, error_correction=level) == qr_matrix(
        URL_120, error_correction=level.upper()
    )


def test_higher_error_correction_makes_bigger_codes():
    sizes = [len(qr_matrix(URL_120, error_correction=level)) for level in "LMQH"]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]


@pytest.mark.parametrize("level", ["X", "", "medium"])
def test_unknown_error_correction_level(level):
    with pytest.raises(QRCodeError, match="error correction"):
        qr_svg("https://a.vn", error_correction=level)
    with pytest.raises(QRCodeError):
        cached_qr_png("https://a.vn", error_correction=level)


def test_empty_data():
    for function in (qr_matrix, qr_svg, qr_png, cached_qr_svg, cached_qr_png):
        with pytest.raises(QRCodeError, match="empty"):
            function("")


def test_data_too_long():
    with pytest.raises(QRCodeError) as info:
        qr_png("a" * 3000, error_correction="H")
    assert isinstance(info.value, ValueError)
    assert "3000 bytes" in str(info.value) and "1273 bytes" in str(info.value)
    # Byte counts are UTF-8 bytes, not characters.
    with pytest.raises(QRCodeError, match="3000 bytes; the maximum at error correction M"):
        qr_svg("ứ" * 1000)
    # The largest payload still fits.
    assert decode(qr_png("a" * 1273, error_correction="H", box_size=2)) == ["a" * 1273]


def test_png_is_scaled_with_white_quiet_zone():
    image = Image.open(BytesIO(qr_png("hello", box_size=3)))
    assert image.format == "PNG" and image.mode in {"1", "L"}
    assert image.size == (29 * 3, 29 * 3)
    gray = image.convert("L")
    assert gray.getpixel((0, 0)) == 255 and gray.getpixel((11, 11)) == 255
    assert gray.getpixel((12, 12)) == 0  # first dark module after a 4-module border
    with pytest.raises(QRCodeError):
        qr_png("hello", box_size=0)


def test_cached_svg_generates_once(monkeypatch):
    calls = []
    original = qr.qr_svg

    def counting(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(qr, "qr_svg", counting)
    first = cached_qr_svg(URL_120, title="Mã QR")
    second = cached_qr_svg(URL_120, title="Mã QR")
    assert first == second == original(URL_120, title="Mã QR")
    assert len(calls) == 1
    cached_qr_svg(URL_120, title="Other title")
    cached_qr_svg(URL_120, title="Mã QR", size=200)
    assert len(calls) == 3


def test_cached_png_generates_once(monkeypatch):
    calls = []
    original = qr.qr_png
    monkeypatch.setattr(qr, "qr_png", lambda *a, **kw: calls.append(a) or original(*a, **kw))
    assert cached_qr_png(URL_120) == cached_qr_png(URL_120) == original(URL_120)
    assert len(calls) == 1
    assert decode(cached_qr_png(URL_120)) == [URL_120]


def test_cache_follows_settings():
    default = cached_qr_svg(URL_120)
    with override_settings(WAGTAIL_GOVNEWS={"QR_ERROR_CORRECTION": "H"}):
        high = cached_qr_svg(URL_120)
        assert high == qr_svg(URL_120, error_correction="H")
    assert high != default
    assert cached_qr_svg(URL_120) == default
    with override_settings(WAGTAIL_GOVNEWS={"QR_BORDER": 2, "QR_SIZE": 99}):
        small = cached_qr_svg(URL_120)
        assert small == qr_svg(URL_120) and 'width="99"' in small
    with override_settings(WAGTAIL_GOVNEWS={"QR_PNG_BOX_SIZE": 2}):
        assert cached_qr_png(URL_120) == qr_png(URL_120, box_size=2)


def test_cache_keys_are_safe_hashes():
    cached_qr_svg(URL_120, title="Tiêu đề có dấu và khoảng trắng")
    keys = list(caches[govnews_settings.QR_CACHE_ALIAS]._cache)  # locmem internals
    assert len(keys) == 1
    assert re.fullmatch(r":\d+:govnews-qr:[0-9a-f]{64}", keys[0])


def test_default_title_is_cached_per_language():
    with translation.override("vi"):
        cached_qr_svg(URL_120)
    with translation.override("en"):
        cached_qr_svg(URL_120)
        cached_qr_svg(URL_120, title="Same title in every language")
    with translation.override("vi"):
        cached_qr_svg(URL_120, title="Same title in every language")
    assert len(caches[govnews_settings.QR_CACHE_ALIAS]._cache) == 3


def test_errors_are_not_cached():
    with pytest.raises(QRCodeError):
        cached_qr_svg("a" * 3000, error_correction="H")
    assert not caches[govnews_settings.QR_CACHE_ALIAS]._cache
