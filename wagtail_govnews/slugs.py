"""ASCII slugs and diacritic folding for Vietnamese (and other Latin-script) text."""

from __future__ import annotations

import unicodedata

from django.utils.text import slugify

# Letters that are not a base letter plus combining marks, so NFD leaves them intact.
_LETTER_MAP = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L"})


def ascii_slug(text: str, max_length: int = 255) -> str:
    """Return an ASCII slug keeping every letter without its diacritics ("Đại hội" → "dai-hoi")."""
    # Strip again after cutting, as slugify does: a cut may end the slug with "-" or "_".
    return slugify(fold_diacritics(text))[:max_length].strip("-_")


def _latin_letters_with_marks() -> list[str]:
    """Every precomposed Latin letter that folds to a different ASCII letter (À, ệ, Đ …)."""
    blocks = [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]
    return [chr(code) for code in blocks if chr(code).isalpha() and ascii_slug(chr(code)).isalpha()]


def slug_formatters() -> list[tuple[str, str, str]]:
    """Regex replacements for Wagtail's admin slug field that fold letters as :func:`ascii_slug`.

    Each item is ``(pattern, replacement, flags)`` for ``wagtail.admin.widgets.SlugInput``:
    one character class per ASCII target, e.g. every form of "a" and "ạ" → "a", "đ" → "d".
    """
    groups: dict[str, list[str]] = {}
    for letter in _latin_letters_with_marks():
        target = ascii_slug(letter)
        if letter.lower() != target:
            groups.setdefault(target, []).append(letter)
    return [(f"[{''.join(letters)}]", target, "gu") for target, letters in sorted(groups.items())]


def fold_diacritics(text: str) -> str:
    """``text`` without diacritics, case and spacing kept ("Thí nghiệm" → "Thi nghiem")."""
    decomposed = unicodedata.normalize("NFD", str(text).translate(_LETTER_MAP))
    return unicodedata.normalize(
        "NFC", "".join(char for char in decomposed if not unicodedata.combining(char))
    )
