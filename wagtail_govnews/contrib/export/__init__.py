"""Static export of published news: HTML, print views, API JSON, QR images, lists and feeds.

An optional sub-app: add ``"wagtail_govnews.contrib.export"`` to ``INSTALLED_APPS``, then run
``manage.py govnews_export <dir>``, or call :func:`export_site` with a Django storage.
See docs/how-to/static-export.md.
"""

from typing import Any

__all__ = [
    "ExportError",
    "ExportLocked",
    "ExportRefused",
    "ExportResult",
    "UnsafePath",
    "export_site",
]


def __getattr__(name: str) -> Any:
    if name in ("ExportResult", "export_site"):
        from . import build

        return getattr(build, name)
    if name in ("ExportError", "ExportLocked", "ExportRefused", "UnsafePath"):
        from . import errors

        return getattr(errors, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
