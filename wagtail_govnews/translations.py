"""Find the published versions of a page in the site's other content languages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language_info
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale, Page, Site

from .models import public_versions
from .unicode_text import composed


def language_links(page: Page | None, request: HttpRequest | None) -> list[dict[str, Any]]:
    """One link per content language: the page's live translation, else that language's home."""
    if request is None:
        return []
    site = Site.find_for_request(request)
    if site is None:
        return []
    current = page.locale.language_code if page is not None else None
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    translations = _live_versions(page) if page is not None else {}
    homes = _live_versions(site.root_page)
    links = []
    for code, name in get_content_languages().items():
        target = translations.get(code) or homes.get(code)
        if code not in locales or target is None:
            continue
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": composed(info.get("name_local", name)),
                "url": target.get_url(request),
                "is_current": code == current,
                "is_translation": code in translations,
            }
        )
    return links


def _live_versions(page: Page) -> dict[str, Page]:
    """The page and its translations that readers may see, by language code."""
    return {version.locale.language_code: version for version in public_versions(page)}
