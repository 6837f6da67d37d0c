"""The "Save as PDF" download of an article (Decree 42/2022/NĐ-CP: print and save)."""

from .article import article_document, article_pdf
from .document import ArticleDocument, Picture, Table, Text
from .render import find_fonts, render_pdf

__all__ = [
    "ArticleDocument",
    "Picture",
    "Table",
    "Text",
    "article_document",
    "article_pdf",
    "find_fonts",
    "render_pdf",
]
