"""The headless API application: routers, error handlers, OpenAPI document and docs page."""

from __future__ import annotations

from wagtail_govnews import __version__
from wagtail_govnews.contrib.api.errors import register_error_handlers
from wagtail_govnews.contrib.api.openapi import GovNewsAPI
from wagtail_govnews.contrib.api.routers.news import router as news_router
from wagtail_govnews.contrib.api.routers.preview import router as preview_router
from wagtail_govnews.contrib.api.routers.social import router as social_router

api = GovNewsAPI(
    title="wagtail-govnews API",
    version=__version__,
    description=(
        "Published government news for headless frontends: lists, fully resolved articles, "
        "QR codes, social accounts and draft previews. Responses carry ETag and "
        "Last-Modified; errors are RFC 9457 problem documents."
    ),
    urls_namespace="govnews_api",
    openapi_url="/openapi.json",
    docs_url="/docs/",
)
register_error_handlers(api)
api.add_router("/news/", news_router)
api.add_router("/social/", social_router)
api.add_router("/preview/", preview_router)
