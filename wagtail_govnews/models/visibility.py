"""The one rule for what anonymous readers may see, used by every public surface.

Pages, section lists, search, the API, feeds, sitemaps, hreflang, the language switcher,
other news, most read and the static export all take their pages through
:func:`visible_to_public`, so a page hidden on one surface is hidden on all of them.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.coreutils import get_content_languages
from wagtail.models import Page, PageQuerySet, PageViewRestriction

PageQuerySetT = TypeVar("PageQuerySetT", bound=PageQuerySet)


def visible_to_public(pages: PageQuerySetT) -> PageQuerySetT:
    """Narrow ``pages`` to those anonymous readers may see.

    Live, under no view restriction (checked in SQL with a correlated ``EXISTS``, one
    query), not expired and not scheduled for later. Wagtail keeps an expired page live
    until ``publish_scheduled`` runs; it is hidden already.
    """
    restricted_ancestor = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    now = timezone.now()
    return (
        pages.live()
        .exclude(Exists(restricted_ancestor))
        .exclude(expire_at__lte=now)
        .exclude(go_live_at__gt=now)
    )


#: Where :func:`public_versions` keeps its answer on the page object.
_VERSIONS = "_govnews_public_versions"


def public_versions(page: Page) -> list[Page]:
    """``page`` and its translations that readers may see, in content-language order.

    Looked up once per page object (a request's head metadata and language links both ask).
    """
    if not page.pk:
        return []
    known = page.__dict__.get(_VERSIONS)
    if known is not None and known[0] == page.translation_key:
        return known[1]
    versions = visible_to_public(Page.objects.filter(translation_key=page.translation_key))
    by_language = {
        version.locale.language_code: version for version in versions.select_related("locale")
    }
    result = [by_language[code] for code in get_content_languages() if code in by_language]
    page.__dict__[_VERSIONS] = (page.translation_key, result)
    return result
