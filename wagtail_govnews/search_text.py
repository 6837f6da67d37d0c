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
FOLDED_COLUMN = "search_folded"
#: PostgreSQL only: the generated tsvector column of ``search_folded``.
VECTOR_COLUMN = "search_vector"
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
    """The stored PostgreSQL ``tsvector`` of ``search_folded`` (column ``search_vector``, made
    by migration 0006, ``simple`` configuration: the words as they are), which the GIN index
    covers and a row check reads without recomputing it."""
    from django.contrib.postgres.search import SearchVectorField
    from django.db.models import F, Func

    class StoredSearchVector(Func):
        # The column is PostgreSQL's own (generated, unknown to the model): compile the
        # search_folded column beside it, so the table alias is the query's, and rename it.
        def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
            sql, params = compiler.compile(self.source_expressions[0])
            return sql.removesuffix(f'"{FOLDED_COLUMN}"') + f'"{VECTOR_COLUMN}"', params

    return StoredSearchVector(F(FOLDED_COLUMN), output_field=SearchVectorField())
