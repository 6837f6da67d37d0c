"""Which articles' files a change touches, and which pages changed since an export.

An article is shown by more than its own files: its translations link to it, editors may
pick it as related news, and while it is one of the newest of its section every article of
the section shows it under "other news".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wagtail.models import ModelLogEntry, Page, PageLogEntry

from wagtail_govnews.models import NewsPage, NewsPageRelatedNews
from wagtail_govnews.response_cache import content_state


def current_state() -> str:
    """A token of the audit log and view restrictions now (``response_cache.content_state``):
    ``"<last page log id>.<last model log id>.<restrictions>.<last restriction id>"``."""
    return content_state()[0]


def affected_articles(pages: Iterable[Page]) -> set[int]:
    """Ids of the articles whose files show ``pages``: themselves, their translations, the
    articles that pick them as related news and, when a page is one of the newest of its
    section, every article of the section (their "other news" box lists the newest)."""
    ids: set[int] = set()
    for page in pages:
        ids.add(page.pk)
        ids.update(page.get_translations().values_list("pk", flat=True))
        if page.is_among_newest_of_section():
            siblings = NewsPage.objects.published().sibling_of(page, inclusive=False)
            ids.update(siblings.values_list("pk", flat=True))
    picked_by = NewsPageRelatedNews.objects.filter(news_id__in=set(ids))
    ids.update(picked_by.values_list("page_id", flat=True))
    return ids


@dataclass(frozen=True)
class Changes:
    """Articles to export again: ``own`` changed (every file of theirs), ``showing`` only
    show a changed one (their page and API detail: other news, related news, languages)."""

    own: frozenset[int]
    showing: frozenset[int]

    @classmethod
    def of(cls, own: Iterable[int], showing: Iterable[int] = ()) -> Changes:
        """``own`` and ``showing``, an article in both counting as changed."""
        own = frozenset(own)
        return cls(own, frozenset(showing) - own)


def changed_since(state: str) -> Changes | None:
    """The articles to export again since the audit log was at ``state``.

    ``None`` means "everything": no usable state, or a change beyond news articles (a
    snippet, a setting, an image, a section or another page), which may show on every page.
    """
    parts = state.split(".")
    try:
        page_log, model_log = (int(part) if part != "None" else 0 for part in parts[:2])
    except ValueError:
        return None
    if parts[2:] != current_state().split(".")[2:]:
        return None  # view restrictions changed: any page may have become private or public
    if ModelLogEntry.objects.filter(pk__gt=model_log).exists():
        return None
    page_ids = set(PageLogEntry.objects.filter(pk__gt=page_log).values_list("page_id", flat=True))
    pages = list(Page.objects.filter(pk__in=page_ids).specific(defer=True))
    if any(not isinstance(page, NewsPage) for page in pages):
        return None
    # Deleted articles keep their ids in the log: their files are removed.
    return Changes.of(page_ids, affected_articles(pages))
