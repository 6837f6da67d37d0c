"""The PDF sub-app's system check: a configured font must write Vietnamese."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register
from fontTools.ttLib import TTFont, TTLibError

from wagtail_govnews.conf import SETTINGS_NAME

#: Letters a font must have for Vietnamese text (each vowel with each tone, plus đ).
VIETNAMESE_SAMPLE = "ĐđƠơƯưăâêôạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"


def font_problem(path: str) -> str:
    """What keeps the font file at ``path`` from writing Vietnamese ("" if nothing)."""
    if not Path(path).is_file():
        return "is not a file"
    try:
        with TTFont(path, lazy=True) as font:
            letters = font.getBestCmap() or {}
    except (TTLibError, OSError, AssertionError) as error:
        return f"is not a TrueType font ({error})"
    missing = [char for char in VIETNAMESE_SAMPLE if ord(char) not in letters]
    if missing:
        return f"has no glyph for {''.join(missing[:8])!r}: Vietnamese would lose its letters"
    return ""


@register(Tags.compatibility)
def check_pdf_fonts(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """``PDF_FONT_PATH`` and ``PDF_BOLD_FONT_PATH``, when set, are fonts with Vietnamese."""
    user = getattr(settings, SETTINGS_NAME, None)
    if not isinstance(user, dict):
        return []  # not set, or wagtail_govnews.E001
    errors = []
    for key in ("PDF_FONT_PATH", "PDF_BOLD_FONT_PATH"):
        path = user.get(key)
        if not isinstance(path, str) or not path:
            continue  # unset: the bundled Noto Sans; not a text: wagtail_govnews.E002
        problem = font_problem(path)
        if problem:
            errors.append(
                Error(
                    f"WAGTAIL_GOVNEWS[{key!r}] {path!r} {problem}.",
                    hint="Name a TrueType font with Vietnamese letters, or remove the setting "
                    "to use the bundled Noto Sans.",
                    id="wagtail_govnews.E005",
                )
            )
    return errors
