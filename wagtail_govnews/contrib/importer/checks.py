"""The importer's system check: its optional libraries are installed."""

from __future__ import annotations

import importlib.util
from typing import Any

from django.apps import apps
from django.core.checks import Error, Tags, register

#: Modules the importer needs beyond the package's own dependencies (the ``import`` extra).
REQUIRED_MODULES = ("trafilatura", "urllib3")


@register(Tags.compatibility)
def check_import_extra(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """The ``import`` extra is installed, and Wagtail's redirects app for old addresses."""
    errors = [
        Error(
            f"The news importer needs the {module!r} library, which is not installed.",
            hint='Install the extra: pip install "wagtail-govnews[import]".',
            id="wagtail_govnews.E006",
        )
        for module in REQUIRED_MODULES
        if importlib.util.find_spec(module) is None
    ]
    if not apps.is_installed("wagtail.contrib.redirects"):
        errors.append(
            Error(
                "The news importer keeps old addresses working with Wagtail's redirects, "
                "but 'wagtail.contrib.redirects' is not in INSTALLED_APPS.",
                hint='Add "wagtail.contrib.redirects" to INSTALLED_APPS.',
                id="wagtail_govnews.E006",
            )
        )
    return errors
