"""Parts of responses kept in the response cache on their own and shared by the responses
built for anonymous readers: an article's own content (rebuilt with its page only when the
article changes), a section's newest articles (looked up once for all its pages).

Each part notes the tags of what it read, so the responses using it depend on them too
(:func:`wagtail_govnews.response_cache.cached_value`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.http import HttpRequest
from django.utils.translation import get_language

from . import cache_tags, response_cache

Pages = TypeVar("Pages", bound=Sequence[Any])


def shared_for_readers(
    request: HttpRequest | None, kind: str, key: str, compute: Callable[[], Any]
) -> Any:
    """``compute()``, shared by the responses built for anonymous readers
    (:func:`cached_value`); computed as is for any other request (an editor, a preview)."""
    if request is None or not response_cache.cacheable_request(request):
        return compute()
    return response_cache.cached_value(request, kind, key, compute)


def article_part(
    request: HttpRequest | None, page: Any, name: str, compute: Callable[[], Any]
) -> Any:
    """``compute()`` for the page of the article ``page``: shared by its responses for
    anonymous readers until the article, one of its translations or what ``compute`` read
    changes (its tag is noted, so the caller's entries depend on it too)."""
    translation_key = getattr(page, "translation_key", None)
    if request is None or translation_key is None or not page.pk:
        return compute()

    def compute_for_article() -> Any:
        cache_tags.note(cache_tags.article_tag(translation_key))
        return compute()

    parts = (name, page.pk, get_language() or "", request.scheme, request.get_host())
    key = "|".join(str(part) for part in parts)
    return shared_for_readers(request, "part", key, compute_for_article)


def shareable_pages(pages: Pages) -> Pages:
    """``pages`` made fit to share through the cache: their hero images forget the renditions
    prefetched with them.

    Wagtail trusts prefetched renditions to be complete: a shared copy holds only those that
    existed when it was stored, and for any other size Wagtail would generate the file again
    on every read (then keep the existing one). Without them it asks its rendition cache.
    """
    for page in pages:
        image = page._state.fields_cache.get("hero_image")
        if image is not None:
            getattr(image, "_prefetched_objects_cache", {}).pop("renditions", None)
    return pages
