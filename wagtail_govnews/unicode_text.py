"""Unicode composition (NFC) of text, so "ế" is one letter everywhere the package shows it.

Vietnamese keyboards and pasted documents often send decomposed letters ("e" + two combining
marks). Browsers draw both forms alike, but search, sorting, validators and screen readers do
not treat them alike.
"""

from __future__ import annotations

import unicodedata
from typing import Any


def composed(value: Any) -> Any:
    """``value`` with every string in it (also inside lists and dicts) in NFC; others as is."""
    if isinstance(value, str):
        return (
            value
            if unicodedata.is_normalized("NFC", value)
            else unicodedata.normalize("NFC", value)
        )
    if isinstance(value, list):
        return [composed(item) for item in value]
    if isinstance(value, dict):
        return {key: composed(item) for key, item in value.items()}
    return value
