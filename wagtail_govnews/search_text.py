"""The folded search text of an article: what readers' searches match, on every database.

An article's words are stored lower-cased, without diacritics, one space apart and with a
space at each end (" thanh pho khai truong "), in ``NewsPage.search_folded``. A query
matches an article holding each of its words as a whole word ("thanh pho" finds "Thành
phố"), so matches can be counted and ordered by the database like any other filter. On
PostgreSQL the words are matched through a full-text (GIN) index of that column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .slugs import fold_diacritics

_WORD = re.compile(r"\w+")
#: Words of a query searched at most (a longer query is cut).
MAX_QUERY_WORDS = 16


def search_words(text: str) -> list[str]:
    """The words of ``text`` lower-cased and without diacritics ("Thành phố!" → thanh, pho)."""
    return _WORD.findall(fold_diacritics(text).lower())


def folded_document(texts: Iterable[str]) -> str:
    """The stored search text of ``texts``: their words, space-separated and space-padded."""
    words = search_words(" ".join(text for text in texts if text))
    return f" {' '.join(words)} " if words else ""


def query_words(query: str) -> list[str]:
    """The distinct words of a reader's query (at most :data:`MAX_QUERY_WORDS`)."""
    return list(dict.fromkeys(search_words(query)))[:MAX_QUERY_WORDS]


def search_vector() -> Any:
    """The PostgreSQL ``tsvector`` of ``search_folded`` (``simple`` configuration: the words as
    they are); the same expression as the index of migration 0006, so queries use it."""
    from django.contrib.postgres.search import SearchVector

    return SearchVector("search_folded", config="simple")
