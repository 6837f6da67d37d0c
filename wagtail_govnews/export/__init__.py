"""Static export of published news: HTML, print views, API JSON, QR images, lists and feeds.

Run ``manage.py govnews_export <dir>``, or call :func:`export_site` with a Django storage.
See docs/deploying/static-export.md.
"""

from .build import ExportError, ExportResult, export_site
from .storage import ExportRefused

__all__ = ["ExportError", "ExportRefused", "ExportResult", "export_site"]
