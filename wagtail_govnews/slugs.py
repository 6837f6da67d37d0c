"""ASCII slugs for Vietnamese (and other Latin-script) titles."""

from __future__ import annotations

import unicodedata

from django.utils.text import slugify

# Letters that are not a base letter plus combining marks, so NFD leaves them intact.
_LETTER_MAP = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L"})


def ascii_slug(text: str, max_length: int = 255) -> str:
    """Return an ASCII slug keeping every letter without its diacritics ("Đại hội" → "dai-hoi")."""
    decomposed = unicodedata.normalize("NFD", str(text).translate(_LETTER_MAP))
    base_letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return slugify(base_letters)[:max_length].strip("-")
