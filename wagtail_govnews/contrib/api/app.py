"""The headless API application: routers, error handlers, URL patterns, OpenAPI document."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.renderers import JSONRenderer

from wagtail_govnews import __version__
from wagtail_govnews.contrib.api.errors import register_error_handlers
from wagtail_govnews.contrib.api.openapi import document_problem_media_type
from wagtail_govnews.contrib.api.routers.news import router as news_router
from wagtail_govnews.contrib.api.routers.preview import router as preview_router
from wagtail_govnews.contrib.api.routers.social import router as social_router
from wagtail_govnews.contrib.api.routing import api_patterns


class UTF8JSONRenderer(JSONRenderer):
    """JSON as UTF-8 text: "Thành phố", not "Th\\u00e0nh ph\\u1ed1" (readable in curl)."""

    json_dumps_params = {"ensure_ascii": False}


class GovNewsAPI(NinjaAPI):
    """A NinjaAPI that answers HEAD and every error as HTTP says, and documents it exactly."""

    def _get_urls(self) -> list[URLPattern | URLResolver]:
        # HEAD as GET, 405 and unknown paths as problem documents (routing.py).
        return api_patterns(super()._get_urls())

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        """The OpenAPI document, with problem responses typed ``application/problem+json``."""
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return document_problem_media_type(document)

    def get_openapi_operation_id(self, operation: Any) -> str:
        """A stable ``operationId`` (``wagtail_govnews_api_routers_<router>_<view>``).

        Generated clients name their functions after it, so it does not follow the module's
        place in the package (the API moved to ``contrib.api`` without renaming them).
        """
        router = operation.view_func.__module__.rsplit(".", 1)[-1]
        return f"wagtail_govnews_api_routers_{router}_{operation.view_func.__name__}"


api = GovNewsAPI(
    title="wagtail-govnews API",
    version=__version__,
    description=(
        "Published government news for headless frontends: lists, fully resolved articles, "
        "QR codes, social accounts and draft previews. Responses carry ETag and "
        "Last-Modified; HEAD works wherever GET does; errors are RFC 9457 problem documents."
    ),
    urls_namespace="govnews_api",
    renderer=UTF8JSONRenderer(),
    openapi_url="/openapi.json",
    docs_url="/docs/",
)
register_error_handlers(api)
api.add_router("/news/", news_router)
api.add_router("/social/", social_router)
api.add_router("/preview/", preview_router)
