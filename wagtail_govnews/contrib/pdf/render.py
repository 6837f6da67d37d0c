"""Lay out an :class:`ArticleDocument` as an A4 PDF with fpdf2 and a Unicode TrueType font.

Vietnamese needs a font with its letters. The package ships Noto Sans (SIL Open Font License,
``fonts/OFL.txt``), so no system font is needed; ``PDF_FONT_PATH`` (and
``PDF_BOLD_FONT_PATH``) choose another one, which the system check
``wagtail_govnews.E005`` verifies.
"""

from __future__ import annotations

import unicodedata
from io import BytesIO
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, WrapMode, XPos, YPos
from PIL import Image, UnidentifiedImageError

from wagtail_govnews.conf import govnews_settings
from wagtail_govnews.contrib.pdf.document import ArticleDocument, Picture, Table, Text

__all__ = ["find_fonts", "render_pdf"]


#: The bundled fonts (Noto Sans, subset to Latin with Vietnamese, Greek and Cyrillic).
BUNDLED_FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR_FONT = BUNDLED_FONTS / "NotoSans-Regular.ttf"
BOLD_FONT = BUNDLED_FONTS / "NotoSans-Bold.ttf"
FAMILY = "govnews"

MARGIN = 18  # mm
LINE = 5.6  # mm per line of body text
SIZES = {"title": 18, "lead": 11.5, "body": 11, "heading": 13, "quote": 11, "list": 11}
SIZES |= {"small": 9, "caption": 9.5, "masthead": 12}
GREY = (90, 93, 100)
ACCENT = (179, 20, 27)  # the stylesheet's --govnews-accent
MAX_PICTURE_HEIGHT = 120  # mm
QR_WIDTH = 28  # mm
LOGO_HEIGHT = 12  # mm
#: The footer: the article's address in at most two lines, then the page counter.
FOOTER_LINE = 3.8  # mm
FOOTER_LINES = 2
FOOTER_GAP = 5  # mm between the address and the counter
ELLIPSIS = "…"


def find_fonts() -> dict[str, Path]:
    """Font files by fpdf2 style ("" regular, "B" bold): the configured ones, else the bundled."""
    configured = govnews_settings.PDF_FONT_PATH
    if not configured:
        return {"": REGULAR_FONT, "B": BOLD_FONT}
    regular = Path(configured)
    if not regular.is_file():
        raise ImproperlyConfigured(f"PDF_FONT_PATH {configured!r} is not a file.")
    bold_setting = govnews_settings.PDF_BOLD_FONT_PATH
    bold = Path(bold_setting) if bold_setting else regular
    if not bold.is_file():
        raise ImproperlyConfigured(f"PDF_BOLD_FONT_PATH {bold_setting!r} is not a file.")
    return {"": regular, "B": bold}


class _ArticlePDF(FPDF):
    """fpdf2 document with the article's address and page numbers in the footer."""

    def __init__(self, fonts: dict[str, Path], footer_text: str) -> None:
        super().__init__(format="A4", unit="mm")
        for style, path in fonts.items():
            self.add_font(FAMILY, style, str(path))
        self.footer_text = self.clean(footer_text)
        self.footer_link = footer_text if footer_text.startswith(("https://", "http://")) else ""
        self._footer_lines: dict[float, list[str]] = {}
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)
        self.alias_nb_pages()

    def clean(self, text: str) -> str:
        """The text composed (NFC), as the font's letters are."""
        return unicodedata.normalize("NFC", text)

    def use(self, size: float, *, bold: bool = False, grey: bool = False) -> None:
        """Switch font size, weight and colour."""
        self.set_font(FAMILY, "B" if bold else "", size)
        self.set_text_color(*(GREY if grey else (0, 0, 0)))

    def paragraph(
        self, text: str, size: float, *, bold: bool = False, grey: bool = False, **options
    ) -> None:
        """A block of wrapped text followed by a small gap."""
        if not text.strip():
            return
        self.use(size, bold=bold, grey=grey)
        self.multi_cell(
            0,
            LINE * size / SIZES["body"],
            self.clean(text),
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            **{"align": "L", **options},
        )
        self.ln(LINE * 0.45)

    def footer(self) -> None:
        """The article's address and "page/pages", side by side in the bottom margin.

        The counter keeps its own column at the right; the address wraps in the rest (at most
        two lines) and, longer still, loses the middle of its path ("…"): it never runs into
        the counter, whatever the language, host name or slug.
        """
        self.use(SIZES["small"], grey=True)
        top = self.h - MARGIN + 3
        number = str(self.page_no())
        # fpdf2 reserves the width of "000" for the total ({nb}), written at its left.
        counter_width = self.get_string_width(f"{number}/000") + 2 * self.c_margin
        address_width = self.epw - counter_width - FOOTER_GAP
        for index, line in enumerate(self.footer_lines(address_width)):
            self.set_xy(self.l_margin, top + index * FOOTER_LINE)
            self.cell(address_width, FOOTER_LINE, line, link=self.footer_link)
        self.set_xy(self.w - self.r_margin - counter_width, top)
        self.cell(counter_width, FOOTER_LINE, f"{number}/{self.str_alias_nb_pages}", align="R")

    def wrapped(self, text: str, width: float) -> list[str]:
        """``text`` broken into lines of ``width`` mm (anywhere: addresses have no spaces)."""
        lines = self.multi_cell(
            width,
            FOOTER_LINE,
            text,
            wrapmode=WrapMode.CHAR,
            dry_run=True,
            output=MethodReturnValue.LINES,
        )
        return [line for line in lines if line]

    def footer_lines(self, width: float) -> list[str]:
        """The footer's address in at most ``FOOTER_LINES`` lines of ``width`` mm."""
        key = round(width, 3)
        if key not in self._footer_lines:
            self._footer_lines[key] = self._fitted_address(width)
        return self._footer_lines[key]

    def _fitted_address(self, width: float) -> list[str]:
        text = self.footer_text
        lines = self.wrapped(text, width)
        if len(lines) <= FOOTER_LINES:
            return lines
        # Too long: keep the start (scheme and host) and the end (the slug), drop the middle.
        # The longest such text that still fits, by bisection on how many letters are kept.
        fitting, low, high = [ELLIPSIS], 1, len(text) - 1
        while low <= high:
            keep = (low + high) // 2
            head = (keep * 3 + 4) // 5  # three fifths from the start
            lines = self.wrapped(text[:head] + ELLIPSIS + text[len(text) - (keep - head) :], width)
            if len(lines) <= FOOTER_LINES:
                fitting, low = lines, keep + 1
            else:
                high = keep - 1
        return fitting


def render_pdf(document: ArticleDocument) -> bytes:
    """The PDF bytes of ``document``."""
    pdf = _ArticlePDF(find_fonts(), document.url)
    pdf.set_title(pdf.clean(document.title))
    pdf.set_lang(document.language)
    pdf.set_creator("wagtail-govnews")
    if document.byline:
        pdf.set_author(pdf.clean(document.byline))
    pdf.add_page()
    _masthead(pdf, document)
    if document.banner:
        pdf.paragraph(document.banner, SIZES["small"], bold=True)
    pdf.paragraph(document.dateline, SIZES["small"], grey=True)
    if document.notice:
        pdf.paragraph(document.notice, SIZES["small"], bold=True)
    pdf.paragraph(document.title, SIZES["title"], bold=True)
    if document.document_number:
        pdf.paragraph(document.document_number, SIZES["small"])
    pdf.paragraph(document.lead, SIZES["lead"], bold=True)
    for part in document.parts:
        if isinstance(part, Picture):
            _picture(pdf, part)
        elif isinstance(part, Table):
            _table(pdf, part)
        else:
            _text(pdf, part)
    pdf.paragraph(document.byline, SIZES["body"], bold=True, align="R")
    for note in document.notes:
        pdf.paragraph(note, SIZES["small"], wrapmode=WrapMode.CHAR)
    _qr(pdf, document)
    return bytes(pdf.output())


def _masthead(pdf: _ArticlePDF, document: ArticleDocument) -> None:
    """The portal's logo, agency in charge and name, over a rule in the accent colour (as in
    the print view)."""
    size = _image_size(document.logo) if document.logo else None
    if not (document.publisher or document.agency or size):
        return
    top, left, bottom = pdf.get_y(), pdf.l_margin, pdf.get_y()
    if document.logo and size and size[0] and size[1]:
        height = LOGO_HEIGHT
        width = min(height * size[0] / size[1], pdf.epw / 3)
        height = width * size[1] / size[0]
        pdf.image(BytesIO(document.logo), x=left, y=top, w=width, h=height)
        left, bottom = left + width + 3, top + height
    width = pdf.w - pdf.r_margin - left
    names = [  # the agency in charge, small, above the portal's name
        (pdf.clean(text), points, colour)
        for text, points, colour in (
            (document.agency, SIZES["small"], (0, 0, 0)),
            (document.publisher, SIZES["masthead"], ACCENT),
        )
        if text.strip()
    ]
    height = 0.0
    for text, points, _colour in names:
        pdf.use(points, bold=True)
        lines = pdf.multi_cell(width, 1, text, dry_run=True, output=MethodReturnValue.LINES)
        height += len(lines) * LINE * points / SIZES["body"]
    pdf.set_xy(left, top + max(0.0, (bottom - top - height) / 2))  # centred on the logo
    for text, points, colour in names:
        pdf.use(points, bold=True)
        pdf.set_text_color(*colour)
        pdf.multi_cell(width, LINE * points / SIZES["body"], text, new_x=XPos.LEFT, new_y=YPos.NEXT)
    bottom = max(bottom, pdf.get_y())
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, bottom + 2, pdf.w - pdf.r_margin, bottom + 2)
    pdf.set_draw_color(0)
    pdf.set_line_width(0.2)
    pdf.set_xy(pdf.l_margin, bottom + 6)


def _text(pdf: _ArticlePDF, part: Text) -> None:
    if part.style == "heading":
        pdf.ln(LINE * 0.4)
        pdf.paragraph(part.text, SIZES["heading"], bold=True)
    elif part.style == "quote":
        pdf.set_left_margin(MARGIN + 8)
        pdf.set_x(MARGIN + 8)
        pdf.paragraph(part.text, SIZES["quote"], grey=True)
        pdf.set_left_margin(MARGIN)
        pdf.set_x(MARGIN)
    elif part.style == "list":
        pdf.set_left_margin(MARGIN + 5)
        pdf.set_x(MARGIN + 5)
        pdf.paragraph(part.text, SIZES["list"])
        pdf.set_left_margin(MARGIN)
        pdf.set_x(MARGIN)
    elif part.style == "small":
        pdf.paragraph(part.text, SIZES["small"], grey=True, wrapmode=WrapMode.CHAR)
    else:
        pdf.paragraph(part.text, SIZES["body"])


def _image_size(data: bytes) -> tuple[int, int] | None:
    try:
        with Image.open(BytesIO(data)) as image:
            return image.size
    except (UnidentifiedImageError, OSError, ValueError):
        return None


def _picture(pdf: _ArticlePDF, picture: Picture) -> None:
    size = _image_size(picture.data) if picture.data else None
    if size and size[0] and size[1]:
        width = pdf.epw
        height = width * size[1] / size[0]
        if height > MAX_PICTURE_HEIGHT:
            height = MAX_PICTURE_HEIGHT
            width = height * size[0] / size[1]
        if pdf.get_y() + height + 12 > pdf.page_break_trigger:
            pdf.add_page()
        x = pdf.l_margin + (pdf.epw - width) / 2
        pdf.image(BytesIO(picture.data), x=x, w=width, h=height, alt_text=picture.alt or None)
        pdf.ln(1.5)
    caption = " — ".join(text for text in (picture.caption, picture.credit) if text)
    pdf.paragraph(caption, SIZES["caption"], grey=True, align="C")


def _table(pdf: _ArticlePDF, table: Table) -> None:
    if not table.rows:
        return
    pdf.use(SIZES["small"])
    columns = max(len(row) for row in table.rows)
    with pdf.table(first_row_as_headings=table.header, text_align="LEFT") as grid:
        for row in table.rows:
            cells = grid.row()
            for text in [*row, *[""] * (columns - len(row))]:
                cells.cell(pdf.clean(text))
    pdf.ln(1)
    pdf.paragraph(table.caption, SIZES["caption"], grey=True, align="C")


def _qr(pdf: _ArticlePDF, document: ArticleDocument) -> None:
    """The article's QR code, its title and address beside it."""
    if not document.qr_png:
        return
    if pdf.get_y() + QR_WIDTH + 4 > pdf.page_break_trigger:
        pdf.add_page()
    top = pdf.get_y() + 2
    pdf.image(
        BytesIO(document.qr_png),
        x=pdf.l_margin,
        y=top,
        w=QR_WIDTH,
        h=QR_WIDTH,
        alt_text=document.qr_caption or None,
    )
    pdf.set_left_margin(MARGIN + QR_WIDTH + 4)
    pdf.set_xy(pdf.l_margin, top + QR_WIDTH / 2 - 6)
    pdf.paragraph(document.qr_caption, SIZES["small"])
    pdf.paragraph(document.url, SIZES["small"], grey=True, wrapmode=WrapMode.CHAR)
    pdf.set_left_margin(MARGIN)
    pdf.set_xy(MARGIN, max(pdf.get_y(), top + QR_WIDTH + 2))
