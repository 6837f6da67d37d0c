"""Headless API of wagtail-govnews (django-ninja), an optional sub-app.

Add ``"wagtail_govnews.contrib.api"`` to ``INSTALLED_APPS`` and mount it once::

    from wagtail_govnews.contrib.api import api as govnews_api

    urlpatterns = [path("api/govnews/", govnews_api.urls), ...]

Importing this package builds nothing: the API object is made on first use of ``api``.
"""

from typing import Any

__all__ = ["api"]


def __getattr__(name: str) -> Any:
    if name == "api":
        from .app import api

        return api
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
