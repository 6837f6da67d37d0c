"""wagtail-localize's row buttons in the News listing, worked out for a page of results at once.

wagtail-localize adds "Translate this page" and "Sync translated pages" to the "More" menu of
every row of a page listing, asking the database two or three questions per row (100 queries
for a listing of 50 articles). :func:`prepare_buttons` answers them for all the listed articles
in three queries and notes the answers on the articles. The hook that stands in for
wagtail-localize's (:func:`_more_buttons`) gives the same buttons from these answers, and
hands any page without them (every listing but the News area) to wagtail-localize's own hook.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

HOOK = "register_page_listing_more_buttons"
#: Where an article carries its answers: (a locale lacks a translation, source id or None).
ANSWERS = "_govnews_translation_buttons"
PERMISSION = "wagtail_localize.submit_translation"

_original: Any = None


def _install() -> bool:
    """Stand in for wagtail-localize's listing hook (once); False without wagtail-localize."""
    global _original
    if _original is not None:
        return True
    if not apps.is_installed("wagtail_localize"):
        return False
    from wagtail_localize import wagtail_hooks as localize_hooks

    hooks.get_hooks(HOOK)  # imports every app's wagtail_hooks
    registered = hooks._hooks.get(HOOK, [])
    for position, (function, order) in enumerate(registered):
        if function is localize_hooks.page_listing_more_buttons:
            _original = function
            registered[position] = (_more_buttons, order)
            return True
    return False


def prepare_buttons(pages: Iterable[Any], user: Any) -> None:
    """Answer wagtail-localize's questions for every page of ``pages`` in three queries."""
    pages = list(pages)
    if not pages or not _install() or not user.has_perm(PERMISSION):
        return
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page
    from wagtail_localize.models import TranslationSource

    keys = {page.translation_key for page in pages}
    locales = set(Locale.objects.values_list("pk", flat=True))
    translated: dict[Any, set[int]] = defaultdict(set)
    rows = Page.objects.filter(translation_key__in=keys, alias_of__isnull=True)
    for key, locale_id in rows.values_list("translation_key", "locale_id"):
        translated[key].add(locale_id)
    content_types = ContentType.objects.get_for_models(
        *{page.get_translation_model() for page in pages}
    ).values()
    sources = TranslationSource.objects.filter(
        object_id__in=keys,
        object__content_type__in=list(content_types),
        translations__enabled=True,
    ).values_list("object_id", "locale_id", "pk")
    source_ids = {(key, locale_id): pk for key, locale_id, pk in sources}
    for page in pages:
        untranslated = bool(locales - translated[page.translation_key])
        setattr(
            page, ANSWERS, (untranslated, source_ids.get((page.translation_key, page.locale_id)))
        )


def _more_buttons(
    page: Any, user: Any, view_name: str | None = None, next_url: str | None = None
) -> Iterator[Any]:
    """wagtail-localize's "More" buttons of a listed page, from the answers prepared for it."""
    answers = getattr(page, ANSWERS, None)
    if answers is None:
        yield from _original(page, user, view_name=view_name, next_url=next_url)
        return
    if page.is_root() or not user.has_perm(PERMISSION):
        return
    from wagtail.admin.widgets.button import Button

    untranslated, source_id = answers
    if untranslated:
        # An alias is translated from the page it is an alias of, as wagtail-localize does.
        url = reverse(
            "wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.id]
        )
        yield Button(
            _("Translate this page"), url, priority=60, icon_name="wagtail-localize-language"
        )
    if source_id is not None:
        url = reverse("wagtail_localize:update_translations", args=[source_id])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield Button(_("Sync translated pages"), url, priority=60, icon_name="resubmit")
