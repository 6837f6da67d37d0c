"""One cache key per distinct answer: request paths with a canonical query string.

Parameters are put in name order (the values of one name keep their order: the last one
wins for single-valued parameters), surrounding spaces go, whole-number parameters lose
leading zeros and search parameters become their searched words. ``?locale=vi&limit=05``
and ``?limit=5&locale=vi`` share an entry, as do ``search=Thành phố`` and
``search=thanh  pho``.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest

from .search_text import query_words

#: Parameters holding a whole number (e.g. ``limit=05`` is ``limit=5``).
INTEGER_PARAMS = frozenset({"limit", "offset", "days", "page"})
#: Parameters holding a reader's search (only their words are searched).
SEARCH_PARAMS = frozenset({"search", "q"})


def canonical_value(name: str, value: str) -> str:
    """``value`` of parameter ``name`` in the form every equivalent spelling shares."""
    value = value.strip()
    if name in SEARCH_PARAMS:
        return " ".join(query_words(value))
    if name in INTEGER_PARAMS and value.isascii() and value.isdigit():
        return str(int(value))
    return value


def canonical_path(request: HttpRequest) -> str:
    """``request``'s path and canonical query string."""
    pairs = [
        (name, canonical_value(name, value))
        for name in sorted(request.GET)
        for value in request.GET.getlist(name)
    ]
    return f"{request.path}?{urlencode(pairs)}" if pairs else request.path
