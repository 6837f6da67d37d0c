"""The "Save as PDF" download: the article's content in a PDF that renders Vietnamese."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from io import BytesIO
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from wagtail.models import Locale, PageViewRestriction, Site

from tests.factories import (
    gallery_block,
    image_block,
    make_image,
    make_news,
    paragraph,
    translate,
)
from tests.qr_decode import decode
from wagtail_govnews.contrib.pdf import render as pdf_render
from wagtail_govnews.contrib.pdf.document import ArticleDocument, Text
from wagtail_govnews.contrib.pdf.render import find_fonts, render_pdf
from wagtail_govnews.slugs import ascii_slug

DATELINE = datetime(2022, 12, 29, 10, 5, tzinfo=UTC)  # 17:05 in Asia/Ho_Chi_Minh
HEADLINE = "Đại hội Đảng bộ quận Hồng Bàng lần thứ XXV: “Đoàn kết, đổi mới”"


@pytest.fixture
def pdf_article(news_index, social_accounts):
    """An article with every part a PDF shows."""
    return make_news(
        news_index,
        HEADLINE,
        date=DATELINE,
        lead="Sáng 29/12, đại hội khai mạc với sự tham dự của 300 đại biểu.",
        author="Nguyễn Thị Ánh",
        source_name="Ban Tuyên giáo Quận ủy",
        source_url="https://example.gov.vn/nguon",
        original_url="https://example.gov.vn/goc",
        body=[
            paragraph("<p>Đoạn <b>mở đầu</b> của bài.</p><ul><li>Ý thứ nhất</li></ul>"),
            {"type": "heading", "value": {"text": "Những kết quả nổi bật", "level": "h2"}},
            image_block(make_image(), caption="Quang cảnh đại hội.", credit="Ảnh: Lan Anh"),
            gallery_block([make_image(), make_image()]),
            {"type": "quote", "value": {"quote": "Dân là gốc.", "attribution": "Bí thư"}},
            {
                "type": "table",
                "value": {
                    "data": [["Chỉ tiêu", "Kết quả"], ["Tăng trưởng", "8,5%"]],
                    "first_row_is_table_header": True,
                    "table_caption": "Kết quả nhiệm kỳ",
                },
            },
        ],
    )


def download(client, page):
    response = client.get(page.url + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response, PdfReader(BytesIO(response.content))


def text_of(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.django_db
def test_pdf_holds_the_article_with_vietnamese_diacritics(client, pdf_article):
    response, reader = download(client, pdf_article)
    assert response["Content-Disposition"] == f'attachment; filename="{pdf_article.slug}.pdf"'
    text = text_of(reader)
    for expected in [
        HEADLINE,
        "Thứ Năm, 29/12/2022 17:05",
        "Sáng 29/12, đại hội khai mạc với sự tham dự của 300 đại biểu.",
        "Đoạn mở đầu của bài.",
        "• Ý thứ nhất",
        "Những kết quả nổi bật",
        "Quang cảnh đại hội. — Ảnh: Lan Anh",
        "Ảnh 1",  # gallery captions
        "Ảnh 2",
        "“Dân là gốc.”",
        "Tăng trưởng",
        "Nguyễn Thị Ánh",
        "Ban Tuyên giáo Quận ủy",
        "https://example.gov.vn/goc",
        f"QR CODE: {HEADLINE}",
    ]:
        assert expected in text, expected
    assert reader.metadata.title == HEADLINE
    assert reader.metadata.author == "Nguyễn Thị Ánh"


@pytest.mark.django_db
def test_pdf_shows_the_newsroom_notices(client, pdf_article):
    assert "Đính chính" not in text_of(download(client, pdf_article)[1])
    pdf_article.is_archived = True
    pdf_article.document_number = "12/QĐ-UBND"
    pdf_article.notice_kind = "correction"
    pdf_article.notice_date = pdf_article.date + timedelta(days=1)
    pdf_article.notice = "Sửa số đại biểu."
    pdf_article.save_revision().publish()
    text = text_of(download(client, pdf_article)[1])
    assert "Bài viết lưu trữ." in text
    assert "Đính chính Thứ Sáu, 30/12/2022 17:05: Sửa số đại biểu." in text
    assert "12/QĐ-UBND" in text
    assert text.index("Đính chính") < text.index(HEADLINE) < text.index("12/QĐ-UBND")


@pytest.mark.django_db
def test_pdf_photos_and_qr_code(client, pdf_article):
    _response, reader = download(client, pdf_article)
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 4  # one captioned photo, two gallery photos, the QR code
    decoded = [text for image in images for text in decode(image.data)]
    assert decoded == [pdf_article.get_full_url()]


@pytest.mark.django_db
def test_article_links_to_its_pdf(client, pdf_article):
    html = client.get(pdf_article.url).content.decode()
    assert html.count(f'href="{pdf_article.url}pdf/" rel="nofollow" download') == 2


@pytest.mark.django_db
def test_drafts_never_give_a_pdf(client, news_index):
    draft = make_news(news_index, "Bản nháp", publish=False)
    response = client.get(f"{news_index.url}{draft.slug}/pdf/")
    assert response.status_code == 404
    published = make_news(news_index, "Đã gỡ")
    published.unpublish()
    assert client.get(f"{news_index.url}{published.slug}/pdf/").status_code == 404


@pytest.mark.django_db
def test_private_articles_ask_for_the_password(client, news_index):
    private = make_news(news_index, "Tin nội bộ", lead="Bí mật.")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    response = client.get(private.url + "pdf/")
    assert response["Content-Type"].startswith("text/html")
    assert b"%PDF" not in response.content
    assert 'name="password"' in response.content.decode()


def test_configured_font_must_exist():
    with (
        override_settings(WAGTAIL_GOVNEWS={"PDF_FONT_PATH": "/nonexistent/font.ttf"}),
        pytest.raises(ImproperlyConfigured),
    ):
        find_fonts()


def test_the_bundled_font_keeps_vietnamese_without_system_fonts():
    """The package's own Noto Sans is used unless a site names another: no system font needed."""
    fonts = find_fonts()
    assert set(fonts) == {"", "B"}
    assert all(path.is_relative_to(Path(pdf_render.__file__).parent) for path in fonts.values())
    document = ArticleDocument(
        title="Đại hội Đảng bộ thành phố",
        url="https://example.gov.vn/tin/",
        dateline="Thứ Năm, 29/12/2022 17:05",
        parts=[Text("Người dân hài lòng với kết quả nhiệm kỳ.")],
    )
    reader = PdfReader(BytesIO(render_pdf(document)))
    text = text_of(reader)
    assert "Đại hội Đảng bộ thành phố" in text
    assert "Người dân hài lòng với kết quả nhiệm kỳ." in text
    embedded = {font["/BaseFont"] for font in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("NotoSans" in name for name in embedded), embedded


def test_configured_font_is_used(tmp_path):
    regular = find_fonts()[""]
    with override_settings(WAGTAIL_GOVNEWS={"PDF_FONT_PATH": str(regular)}):
        fonts = find_fonts()
    assert fonts[""] == regular
    document = ArticleDocument(title="Tiếng Việt có dấu", url="https://example.gov.vn/")
    assert "Tiếng Việt có dấu" in text_of(PdfReader(BytesIO(render_pdf(document))))


@pytest.mark.django_db
def test_pdf_queries_do_not_grow_with_photos(client, news_index, django_assert_max_num_queries):
    def queries(page) -> int:
        client.get(page.url + "pdf/")  # warm up: renditions are made on the first download
        with django_assert_max_num_queries(20) as captured:
            assert client.get(page.url + "pdf/").status_code == 200
        return len(captured.captured_queries)

    few = make_news(news_index, "Ít ảnh", body=[image_block(make_image())])
    many = make_news(
        news_index,
        "Nhiều ảnh",
        body=[
            *(image_block(make_image()) for _ in range(3)),
            gallery_block([make_image() for _ in range(4)]),
        ],
    )
    assert queries(few) == queries(many)


# The footer: the article's address and the page counter, side by side, never overlapping.

MM = 72 / 25.4  # PDF points in a millimetre
LONG_HOST = "cong-thong-tin-dien-tu-so-ke-hoach-va-dau-tu-tinh-ba-ria-vung-tau.example.gov.vn"
PORTAL = {"vi": "Cổng thông tin thử nghiệm", "en": "Test e-Portal"}
AGENCY = {
    "vi": "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu",
    "en": "Ba Ria - Vung Tau People's Committee",
}
VI_TITLE = (
    "Ủy ban nhân dân tỉnh công bố kết quả đánh giá chỉ số cải cách hành chính và mức độ hài "
    "lòng của người dân đối với sự phục vụ của cơ quan hành chính nhà nước năm 2022"
)
EN_TITLE = (
    "Provincial People's Committee announces the results of the public administration reform "
    "index and of citizens' satisfaction with the services of state administrative agencies"
)


@dataclass
class Placed:
    """A run of text drawn on a page, with its box in PDF points (origin bottom left)."""

    text: str
    left: float
    right: float
    bottom: float
    top: float

    def overlaps(self, other: Placed) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.bottom < other.top
            and other.bottom < self.top
        )


@cache
def _metrics(bold: bool) -> tuple[dict[int, str], dict[str, int], int, int, int]:
    """cmap, advance widths, units per em, ascent and descent of the bundled font."""
    font = TTFont(find_fonts()["B" if bold else ""])
    advances = {name: width for name, (width, _lsb) in font["hmtx"].metrics.items()}
    hhea = font["hhea"]
    return font.getBestCmap(), advances, font["head"].unitsPerEm, hhea.ascent, hhea.descent


def placed_text(page) -> list[Placed]:
    """Every run of text on ``page`` with its box, its width from the font's own advances."""
    runs: list[Placed] = []

    def visit(text, cm, tm, font, size) -> None:
        if not text.strip() or font is None:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = size * tm[0] * cm[0]
        cmap, advances, units, ascent, descent = _metrics("Bold" in str(font["/BaseFont"]))
        width = sum(advances[cmap[ord(char)]] for char in text) * scale / units
        top, bottom = y + ascent * scale / units, y + descent * scale / units
        runs.append(Placed(text, x, x + width, bottom, top))

    page.extract_text(visitor_text=visit)
    return runs


def footer_of(page) -> tuple[list[Placed], Placed]:
    """The address lines (top to bottom) and the page counter in the footer of ``page``."""
    footer = [run for run in placed_text(page) if run.top < 18 * MM]  # in the bottom margin
    counters = [run for run in footer if re.fullmatch(r"\d+/\d+", run.text.strip())]
    assert len(counters) == 1, [run.text for run in footer]
    address = sorted((run for run in footer if run not in counters), key=lambda run: -run.top)
    return address, counters[0]


def check_footers(reader: PdfReader, url: str) -> list[str]:
    """Check the footer of every page; return the address as the footers show it."""
    shown = []
    for number, page in enumerate(reader.pages, 1):
        address, counter = footer_of(page)
        assert counter.text.strip() == f"{number}/{len(reader.pages)}"
        page_width = float(page.mediabox.width)
        assert counter.right <= page_width - 17 * MM  # right-aligned on the margin
        for line in address:
            assert not line.overlaps(counter), (line, counter)
            assert line.left >= 17 * MM and line.right <= page_width - 17 * MM, line
        assert 1 <= len(address) <= 2, [line.text for line in address]
        shown.append("".join(line.text for line in address))
    assert len(set(shown)) == 1  # the same on every page
    text = shown[0]
    if text != url:  # shortened in the middle: its start (the host) and its end (the slug)
        head, _, tail = text.partition("…")
        assert tail and url.startswith(head) and url.endswith(tail), text
        assert head.startswith(url[: url.index("/", 8)]), text
    return text


@pytest.fixture
def long_addresses(news_index, social_accounts):
    """A Vietnamese article and its English translation, two pages long, on a long host name."""
    Site.objects.filter(is_default_site=True).update(hostname=LONG_HOST)
    portal = social_accounts[0].settings
    portal.logo = make_image("Biểu trưng", size=(300, 200))
    portal.agency_in_charge = AGENCY["vi"]
    portal.identity_translations = [
        {
            "type": "language",
            "value": {
                "language_code": "en",
                "portal_name": PORTAL["en"],
                "agency_in_charge": AGENCY["en"],
            },
        }
    ]
    portal.save()
    body = [paragraph("<p>Người dân đánh giá cao việc giải quyết thủ tục trực tuyến.</p>" * 40)]
    article = make_news(news_index, VI_TITLE, lead="Sáng 29/12, tỉnh công bố.", body=body)
    english = translate(article, Locale.objects.get_or_create(language_code="en")[0])
    english.title = EN_TITLE
    english.slug = ascii_slug(EN_TITLE)
    english.save_revision().publish()
    english.refresh_from_db()
    return {"vi": article, "en": english}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_long_address_never_overlaps_the_page_counter(client, long_addresses, language):
    article = long_addresses[language]
    url = article.get_full_url()
    assert len(url) > 200 and LONG_HOST in url
    _response, reader = download(client, article)
    assert len(reader.pages) >= 2
    shown = check_footers(reader, url)
    assert "…" in shown  # too long for two lines: shortened, never cut off at the counter
    text = text_of(reader)
    # The masthead (agency in charge and portal name, in the article's language) heads the
    # first page, before the headline; the Vietnamese letters come out whole.
    assert text.index(AGENCY[language]) < text.index(PORTAL[language]) < text.index(article.title)
    assert (VI_TITLE if language == "vi" else EN_TITLE) in text
    assert "Người dân đánh giá cao việc giải quyết thủ tục trực tuyến." in text
    assert f"QR CODE: {article.title}" in text
    logo = [image.image.size for image in reader.pages[0].images]
    assert (240, 160) in logo  # the portal's logo, in the masthead


@pytest.mark.parametrize(
    "url",
    [
        "https://example.gov.vn/vi/tin-tuc/hop-bao/",
        "https://www.example.gov.vn/en/news/"
        + "-".join(["provincial-peoples-committee-press-conference"] * 3)
        + "/",
    ],
    ids=["short", "two-lines"],
)
def test_an_address_that_fits_in_two_lines_is_shown_whole(url):
    document = ArticleDocument(
        title="Họp báo", url=url, parts=[Text("Nội dung họp báo.")] * 90, publisher="Cổng tin"
    )
    reader = PdfReader(BytesIO(render_pdf(document)))
    assert len(reader.pages) >= 2
    assert check_footers(reader, url) == url
    lines = footer_of(reader.pages[0])[0]
    assert len(lines) == (1 if len(url) < 60 else 2)
