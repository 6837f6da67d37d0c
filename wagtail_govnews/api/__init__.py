"""Headless API of wagtail-govnews (django-ninja).

Mount it once in your URLconf::

    from wagtail_govnews.api import api as govnews_api

    urlpatterns = [path("api/govnews/", govnews_api.urls), ...]
"""

from .app import api

__all__ = ["api"]
