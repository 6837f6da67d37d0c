"""QR codes: module matrix, compact inline SVG and PNG, optionally cached.

Text is encoded as UTF-8 in byte mode without an ECI header; readers such as zxing-cpp
detect UTF-8 from the bytes, so Vietnamese text decodes correctly (see tests/test_qr.py).
Options left as ``None`` come from the ``WAGTAIL_GOVNEWS`` settings, read on every call.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from io import BytesIO
from typing import TypeVar

import qrcode
from django.core.cache import caches
from django.utils.html import escape
from django.utils.translation import get_language, gettext
from PIL import Image
from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q
from qrcode.exceptions import DataOverflowError

from wagtail_govnews.conf import govnews_settings

__all__ = [
    "QR_CONTENT_TYPES",
    "QRCodeError",
    "article_qr_file",
    "cached_qr_png",
    "cached_qr_svg",
    "qr_matrix",
    "qr_png",
    "qr_svg",
]

#: Part of every cache key and SVG id; bump it when the generated output changes.
OUTPUT_VERSION = 1

_LEVELS = {"L": ERROR_CORRECT_L, "M": ERROR_CORRECT_M, "Q": ERROR_CORRECT_Q, "H": ERROR_CORRECT_H}
#: Byte-mode capacity of a version 40 code at each error correction level.
_MAX_BYTES = {"L": 2953, "M": 2331, "Q": 1663, "H": 1273}

_T = TypeVar("_T", str, bytes)

#: Characters XML 1.0 forbids (C0 controls but tab and newlines, U+FFFE, U+FFFF): one in the
#: title would make the standalone SVG malformed, and browsers would not show it at all.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class QRCodeError(ValueError):
    """Raised when data or options cannot make a QR code."""


def _level(error_correction: str | None) -> str:
    """Return the upper-case error correction letter, defaulting to the setting."""
    value = govnews_settings.QR_ERROR_CORRECTION if error_correction is None else error_correction
    level = str(value).upper()
    if level not in _LEVELS:
        raise QRCodeError(f"Unknown QR error correction level {value!r}; use L, M, Q or H.")
    return level


def _digest(*parts: object) -> str:
    """Return a sha256 hex digest of ``parts`` (unambiguous: each part is repr()'d)."""
    return hashlib.sha256(repr((OUTPUT_VERSION, *parts)).encode()).hexdigest()


def qr_matrix(data: str, *, error_correction: str | None = None) -> list[list[bool]]:
    """Return the code's modules (True = dark) as rows, including the quiet zone."""
    level = _level(error_correction)
    if not data:
        raise QRCodeError("Cannot make a QR code from empty data.")
    try:
        data.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate, e.g. from a broken decoder
        raise QRCodeError("Cannot make a QR code from text that is not valid Unicode.") from exc
    modules = _modules(data, level, int(govnews_settings.QR_BORDER))
    return [list(row) for row in modules]


@functools.lru_cache(maxsize=64)
def _modules(data: str, level: str, border: int) -> tuple[tuple[bool, ...], ...]:
    """The code's rows, kept for the last few texts: a page, its SVG and its PNG encode the
    same URL one after the other (the static export, a cold article page)."""
    code = qrcode.QRCode(error_correction=_LEVELS[level], border=border)
    code.add_data(data)
    try:
        code.make(fit=True)
    except (ValueError, DataOverflowError) as exc:  # fit=True raises "Invalid version (was 41…)"
        size = len(data.encode("utf-8"))
        raise QRCodeError(
            f"Data is too long for a QR code ({size} bytes; the maximum at error "
            f"correction {level} is {_MAX_BYTES[level]} bytes)."
        ) from exc
    return tuple(tuple(bool(module) for module in row) for row in code.get_matrix())


def _svg_path(matrix: list[list[bool]]) -> str:
    """Return path data with one 1-module-wide stroke per horizontal run of dark modules.

    A stroked centre line (``M4 5.5h7``, then ``m2 0h3`` for the next run on the row) is
    about half the size of filled rectangles (``h7v1h-7z``), which matters inline on every
    article page: a 120-character URL gives about 3.5 KB instead of 6.5 KB.
    """
    commands: list[str] = []
    for y, row in enumerate(matrix):
        x = pen = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            end = x
            while end < len(row) and row[end]:
                end += 1
            commands.append(f"m{x - pen} 0h{end - x}" if pen else f"M{x} {y}.5h{end - x}")
            pen = x = end
    return "".join(commands)


def qr_svg(
    data: str,
    *,
    size: int | None = None,
    error_correction: str | None = None,
    title: str | None = None,
) -> str:
    """Return a standalone inline ``<svg>`` for ``data``, with a white quiet zone and a title."""
    level = _level(error_correction)
    matrix = qr_matrix(data, error_correction=level)
    width = int(govnews_settings.QR_SIZE if size is None else size)
    n = len(matrix)
    if title is None:
        title_attrs, labelledby, text = "", "", gettext("QR code")
    else:
        svg_id = "qr-" + _digest("svg-id", data, title, level, width, n)[:16]
        title_attrs, labelledby, text = f' id="{svg_id}"', f' aria-labelledby="{svg_id}"', title
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n} {n}" width="{width}" '
        f'height="{width}" role="img"{labelledby} shape-rendering="crispEdges">'
        f"<title{title_attrs}>{escape(_NOT_XML.sub('', text))}</title>"
        '<rect width="100%" height="100%" fill="#fff"/>'
        f'<path stroke="#000" stroke-width="1" d="{_svg_path(matrix)}"/></svg>'
    )


def qr_png(data: str, *, box_size: int | None = None, error_correction: str | None = None) -> bytes:
    """Return PNG bytes for ``data``: black modules of ``box_size`` pixels, white quiet zone."""
    matrix = qr_matrix(data, error_correction=error_correction)
    box = int(govnews_settings.QR_PNG_BOX_SIZE if box_size is None else box_size)
    if box < 1:
        raise QRCodeError(f"The PNG box size must be at least 1 pixel (got {box}).")
    n = len(matrix)
    image = Image.new("1", (n, n), 1)
    image.putdata([0 if dark else 255 for row in matrix for dark in row])
    image = image.resize((n * box, n * box), Image.Resampling.NEAREST)
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _cached(parts: tuple[object, ...], build: Callable[[], _T]) -> _T:
    """Return ``build()`` through the configured Django cache, keyed by a hash of ``parts``."""
    key = "govnews-qr:" + _digest(*parts, int(govnews_settings.QR_BORDER))
    cache = caches[govnews_settings.QR_CACHE_ALIAS]
    value = cache.get(key)
    if value is None:
        value = build()  # a QRCodeError propagates and nothing is stored
        cache.set(key, value, govnews_settings.QR_CACHE_TIMEOUT)
    return value


def cached_qr_svg(
    data: str,
    *,
    size: int | None = None,
    error_correction: str | None = None,
    title: str | None = None,
) -> str:
    """Return :func:`qr_svg` output, cached in the ``QR_CACHE_ALIAS`` cache."""
    level = _level(error_correction)
    width = int(govnews_settings.QR_SIZE if size is None else size)
    # The default title is translated, so its cache entry depends on the active language.
    language = get_language() if title is None else None
    return _cached(
        ("svg", data, width, level, title, language),
        lambda: qr_svg(data, size=width, error_correction=level, title=title),
    )


def cached_qr_png(
    data: str, *, box_size: int | None = None, error_correction: str | None = None
) -> bytes:
    """Return :func:`qr_png` output, cached in the ``QR_CACHE_ALIAS`` cache."""
    level = _level(error_correction)
    box = int(govnews_settings.QR_PNG_BOX_SIZE if box_size is None else box_size)
    return _cached(
        ("png", data, box, level),
        lambda: qr_png(data, box_size=box, error_correction=level),
    )


#: The formats of an article's QR code file and their content types.
QR_CONTENT_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


def article_qr_file(url: str, title: str, fmt: str) -> str | bytes:
    """The QR code file of an article (absolute ``url``, ``title``) in ``fmt`` (a key of
    :data:`QR_CONTENT_TYPES`), as its QR views answer it; raises :class:`QRCodeError`."""
    if fmt == "svg":
        return cached_qr_svg(url, title=gettext("QR CODE: %(title)s") % {"title": title})
    return cached_qr_png(url)
