"""System checks (``manage.py check``): what a site must have for the package to work.

Each problem has an id (``wagtail_govnews.E001`` …), a hint and an entry in
docs/reference/checks.md. Registered by ``WagtailGovNewsConfig.ready()``.
"""

from __future__ import annotations

import difflib
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError
from django.template import Context, TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.template.loader_tags import BlockNode, ExtendsNode

from .conf import DEFAULTS, SETTINGS_NAME

#: Apps the package's models, blocks and routes use, and why.
REQUIRED_APPS = {
    "wagtail.contrib.routable_page": "the print view and the PDF route of articles",
    "wagtail.contrib.settings": "the portal settings (name, social accounts)",
    "wagtail.contrib.table_block": "the table block of the article body",
    "wagtail.embeds": "the video block of the article body",
    "wagtail.documents": "the document block of the article body",
    "wagtail.images": "photos, galleries and hero images",
    "taggit": "article tags",
    "modelcluster": "article tags and other news picks",
}
#: Keys whose default is None: a text (path, alias) or None.
OPTIONAL_TEXT_KEYS = {"PDF_FONT_PATH", "PDF_BOLD_FONT_PATH", "EXPORT_STORAGE", "EXPORT_DIR"}
QR_LEVELS = ("L", "M", "Q", "H")
#: Blocks the site's ``base.html`` must define, and what the package puts in each.
PACKAGE_BASE_TEMPLATE = "wagtail_govnews/base.html"
SITE_BASE_TEMPLATE = "base.html"
BASE_BLOCKS = {
    "title": "the page title",
    "extra_css": "the package's stylesheet",
    "extra_head": "canonical and hreflang links, Open Graph, JSON-LD and feed links",
    "content": "the article and the news section",
    "extra_js": "the package's script (gallery, copy link)",
}
#: Host names that only the serving machine itself can reach.
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0"}
#: Cache backends that keep data in one process only.
PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.compatibility)
def check_settings(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """``WAGTAIL_GOVNEWS``: a dict of known keys, each of the type of its default."""
    user = getattr(settings, SETTINGS_NAME, {}) or {}
    if not isinstance(user, dict):
        return [
            Error(
                f"{SETTINGS_NAME} must be a dict, not {type(user).__name__}.",
                hint="See docs/reference/settings.md for the keys and their defaults.",
                id="wagtail_govnews.E001",
            )
        ]
    errors = []
    for key in sorted(set(user) - set(DEFAULTS)):
        close = difflib.get_close_matches(key, DEFAULTS, n=1)
        errors.append(
            Error(
                f"Unknown {SETTINGS_NAME} key {key!r}.",
                hint=f"Did you mean {close[0]!r}?" if close else "See docs/reference/settings.md.",
                id="wagtail_govnews.E001",
            )
        )
    for key in sorted(set(user) & set(DEFAULTS)):
        problem = _type_problem(key, user[key])
        if problem:
            errors.append(
                Error(
                    f"{SETTINGS_NAME}[{key!r}] {problem}.",
                    hint=f"The default is {DEFAULTS[key]!r}; see docs/reference/settings.md.",
                    id="wagtail_govnews.E002",
                )
            )
    return errors


def _type_problem(key: str, value: Any) -> str:
    """What is wrong with ``value`` for ``key`` ("" if nothing)."""
    default = DEFAULTS[key]
    if key == "QR_ERROR_CORRECTION" and value not in QR_LEVELS:
        return f"must be one of {', '.join(QR_LEVELS)}, not {value!r}"
    if key == "VIEW_BEACON_ORIGINS":
        ok = value is None or (
            isinstance(value, list | tuple) and all(isinstance(item, str) for item in value)
        )
        return "" if ok else 'must be None or a list like ["https://news.example.gov.vn"]'
    if key in OPTIONAL_TEXT_KEYS:
        return "" if value is None or isinstance(value, str) else "must be a text or None"
    if isinstance(default, bool):
        return "" if isinstance(value, bool) else f"must be True or False, not {value!r}"
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            return f"must be a whole number, not {value!r}"
        return "" if value >= 0 else f"must not be negative, not {value}"
    if isinstance(default, list):
        ok = isinstance(value, list | tuple) and all(
            isinstance(item, type(default[0])) for item in value
        )
        return "" if ok else f"must be a list like {default!r}"
    if isinstance(default, str):
        return "" if isinstance(value, str) else f"must be a text, not {value!r}"
    return ""


@register(Tags.compatibility)
def check_required_apps(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """The apps the package builds on are in ``INSTALLED_APPS``."""
    return [
        Error(
            f"{app!r} is not in INSTALLED_APPS; wagtail_govnews needs it for {why}.",
            hint=f'Add "{app}" to INSTALLED_APPS (docs/tutorial/getting-started.md, step 2).',
            id="wagtail_govnews.E003",
        )
        for app, why in REQUIRED_APPS.items()
        if not apps.is_installed(app)
    ]


@register(Tags.compatibility)
def check_export_on_publish(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """``EXPORT_ON_PUBLISH`` has the export sub-app and somewhere to export to."""
    user = getattr(settings, SETTINGS_NAME, {}) or {}
    if not isinstance(user, dict) or not user.get("EXPORT_ON_PUBLISH"):
        return []
    errors = []
    if not apps.is_installed("wagtail_govnews.contrib.export"):
        errors.append(
            Error(
                "EXPORT_ON_PUBLISH is on but the static export sub-app is not installed.",
                hint='Add "wagtail_govnews.contrib.export" to INSTALLED_APPS.',
                id="wagtail_govnews.E004",
            )
        )
    storage, folder = user.get("EXPORT_STORAGE"), user.get("EXPORT_DIR")
    if not storage and not folder:
        errors.append(
            Error(
                "EXPORT_ON_PUBLISH is on but there is no target to export to.",
                hint="Set WAGTAIL_GOVNEWS['EXPORT_DIR'] (a folder) or ['EXPORT_STORAGE'] "
                "(an alias of STORAGES); see docs/how-to/static-export.md.",
                id="wagtail_govnews.E004",
            )
        )
    elif storage and storage not in getattr(settings, "STORAGES", {}):
        errors.append(
            Error(
                f"EXPORT_STORAGE {storage!r} is not an alias of STORAGES.",
                hint=f"Add {storage!r} to STORAGES, or set EXPORT_DIR instead.",
                id="wagtail_govnews.E004",
            )
        )
    return errors


@register(Tags.caches)
def check_view_count_cache(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """View counts kept in a per-process cache never reach ``flush_news_views`` (outside DEBUG)."""
    user = getattr(settings, SETTINGS_NAME, {}) or {}
    if settings.DEBUG or not isinstance(user, dict):
        return []
    if not user.get("VIEW_COUNTING", DEFAULTS["VIEW_COUNTING"]):
        return []
    alias = user.get("VIEW_COUNT_CACHE_ALIAS", DEFAULTS["VIEW_COUNT_CACHE_ALIAS"])
    try:
        backend = settings.CACHES[alias]["BACKEND"]
    except (KeyError, TypeError):
        return [
            Warning(
                f"VIEW_COUNT_CACHE_ALIAS {alias!r} is not a cache of CACHES.",
                hint="Name a cache that every process shares (Redis, Memcached, database).",
                id="wagtail_govnews.W001",
            )
        ]
    if backend in PER_PROCESS_CACHES:
        return [
            Warning(
                f"Article views are counted in the {alias!r} cache ({backend.rsplit('.', 1)[-1]}), "
                "which each process keeps to itself: flush_news_views (another process) never "
                "sees them and 'most read' stays empty.",
                hint="Point VIEW_COUNT_CACHE_ALIAS at a shared cache (Redis, Memcached, "
                "database), or set VIEW_COUNTING to False.",
                id="wagtail_govnews.W001",
            )
        ]
    return []


@register(Tags.security)
def check_view_token_age(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """A cached API detail hands out its view token for as long as it is cached."""
    user = getattr(settings, SETTINGS_NAME, {}) or {}
    if not isinstance(user, dict):
        return []
    max_age = user.get("VIEW_TOKEN_MAX_AGE", DEFAULTS["VIEW_TOKEN_MAX_AGE"])
    cached = user.get("RESPONSE_CACHE_TIMEOUT", DEFAULTS["RESPONSE_CACHE_TIMEOUT"])
    if isinstance(max_age, int) and isinstance(cached, int) and max_age <= 2 * cached:
        return [
            Warning(
                f"VIEW_TOKEN_MAX_AGE ({max_age} s) is not above twice RESPONSE_CACHE_TIMEOUT "
                f"({cached} s): cached article details hand out view tokens that expire before "
                "readers' beacons use them, and their views are not counted.",
                hint="Raise VIEW_TOKEN_MAX_AGE (default 3600) or lower RESPONSE_CACHE_TIMEOUT.",
                id="wagtail_govnews.W004",
            )
        ]
    return []


@register(Tags.templates)
def check_base_template(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """The template ``wagtail_govnews/base.html`` extends defines the blocks the package fills."""
    try:
        base = next(iter(_extended(PACKAGE_BASE_TEMPLATE)), SITE_BASE_TEMPLATE)
        defined = _block_names(base)
    except TemplateDoesNotExist as error:
        base, defined = str(error), set()
    except TemplateSyntaxError:
        return []  # Django's own template checks report it
    missing = [name for name in BASE_BLOCKS if name not in defined]
    if not missing:
        return []
    lost = "; ".join(f"{name}: {BASE_BLOCKS[name]}" for name in missing)
    return [
        Warning(
            f"Template {base!r} defines no block {', '.join(missing)}: what the package puts "
            f"there is lost ({lost}).",
            hint="Add the blocks, e.g. {% block extra_head %}{% endblock %} inside <head> "
            "(docs/tutorial/getting-started.md, step 7), or override wagtail_govnews/base.html.",
            id="wagtail_govnews.W002",
        )
    ]


def _extended(template_name: str) -> list[str]:
    """The names of the templates ``template_name`` extends directly (constant names only)."""
    nodelist = get_template(template_name).template.nodelist
    parents = (
        node.parent_name.resolve(Context()) for node in nodelist.get_nodes_by_type(ExtendsNode)
    )
    return [parent for parent in parents if isinstance(parent, str) and parent != template_name]


def _block_names(template_name: str) -> set[str]:
    """Names of the blocks ``template_name`` defines, with those of the templates it extends."""
    nodelist = get_template(template_name).template.nodelist
    names = {node.name for node in nodelist.get_nodes_by_type(BlockNode)}
    for parent in _extended(template_name):
        names |= _block_names(parent)
    return names


@register(Tags.urls)
def check_site_hostnames(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """Outside DEBUG, no site answers as a loopback host: QR codes and share links use it."""
    if settings.DEBUG:
        return []
    from wagtail.models import Site

    try:
        hostnames = sorted(
            {hostname for hostname in Site.objects.values_list("hostname", flat=True)}
        )
    except DatabaseError:
        return []  # not migrated yet
    return [
        Warning(
            f"The site {hostname!r} is a loopback address: its articles' QR codes, share links "
            "and canonical URLs point at the reader's own machine.",
            hint="Set the site's public hostname and port under Settings → Sites "
            "(docs/tutorial/getting-started.md, step 8).",
            id="wagtail_govnews.W003",
        )
        for hostname in hostnames
        if hostname.lower() in LOOPBACK_HOSTS or hostname.lower().endswith(".localhost")
    ]


@register(Tags.translation)
def check_app_order(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """``wagtail_govnews`` comes before Wagtail's apps, so its admin translations win."""
    names = [config.name for config in apps.get_app_configs()]
    position = names.index("wagtail_govnews")
    before = [name for name in names[:position] if name == "wagtail" or name.startswith("wagtail.")]
    before += [name for name in names[:position] if name.startswith("wagtail_localize")]
    if not before:
        return []
    return [
        Warning(
            f"wagtail_govnews comes after {', '.join(before)} in INSTALLED_APPS: Django then "
            "prefers their translations, and editors read parts of the admin in English "
            "(or worded unlike a newsroom) although the package translates them.",
            hint='Move "wagtail_govnews" above the Wagtail apps in INSTALLED_APPS '
            "(docs/concepts/admin-language.md).",
            id="wagtail_govnews.W005",
        )
    ]
