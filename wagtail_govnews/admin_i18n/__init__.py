"""Wagtail's admin in the editor's language where Wagtail's own catalogue falls short.

Wagtail's Vietnamese catalogue translates only a part of the admin: with Vietnamese as admin
language an editor would still read "Images", "Save draft", "Collapse all", "Updated" or
"1-40 of 40". The package's catalogue (``locale/vi/LC_MESSAGES/django.po``) supplies those
msgids, and rewords the few that Wagtail's catalogue words unlike a newsroom ("Parent" →
"Trang cha", not "Tập"). One module per screen of the news workflow lists them, so that
``make messages`` keeps them: :mod:`.common` (sidebar, header, dialogs, relative times),
:mod:`.listing` (dashboard, News listing, filters, bulk actions), :mod:`.editor` (edit form,
status panel, publishing, scheduling, messages), :mod:`.images` (image chooser) and
:mod:`.javascript` (strings of Wagtail's admin scripts).

Django merges the catalogues of all ``INSTALLED_APPS``, the first app listed winning, so
``wagtail_govnews`` must come before Wagtail's apps (system check ``wagtail_govnews.W005``).
Wagtail's scripts read their strings from Wagtail's own script catalogue (``jsi18n``), which
holds Wagtail's translations only; :func:`script_catalog_tag`, added to every admin page by
the ``insert_global_admin_js`` hook, adds the package's translations of
:data:`.javascript.STRINGS` to it. See docs/concepts/admin-language.md.
"""

from __future__ import annotations

import json

from django.utils.translation import gettext, ngettext

from . import common, editor, images, javascript, listing

#: The modules of the server-side strings, one per screen.
SCREENS = (common, listing, editor, images)

_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def script_catalog() -> dict[str, str | list[str]]:
    """The active language's translations of the strings of Wagtail's admin scripts.

    Only the msgids the active language translates; a plural gets its forms for 1 and for 2
    (Django's script catalogue picks the form by index: 0 for Vietnamese, 0 or 1 for
    English-like plural rules).
    """
    catalog: dict[str, str | list[str]] = {}
    for msgid in javascript.STRINGS:
        text = gettext(msgid)
        if text != msgid:
            catalog[msgid] = text
    for singular, plural in javascript.PLURALS:
        forms = [ngettext(singular, plural, count) for count in (1, 2)]
        if forms != [singular, plural]:
            catalog[singular] = forms
    return catalog


def script_catalog_tag() -> str:
    """A ``<script>`` adding :func:`script_catalog` to Django's script catalogue (or "")."""
    catalog = script_catalog()
    if not catalog:
        return ""
    data = json.dumps(catalog, ensure_ascii=False, sort_keys=True).translate(_JSON_ESCAPES)
    return (
        "<script>(function (entries) {"
        " var django = globalThis.django || (globalThis.django = {});"
        " django.catalog = Object.assign(django.catalog || {}, entries);"
        f" }})({data});</script>"
    )
