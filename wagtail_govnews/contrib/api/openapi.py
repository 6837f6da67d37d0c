"""The OpenAPI document of the headless API, corrected where django-ninja cannot say it."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

PROBLEM_REF = "#/components/schemas/Problem"
PROBLEM_MEDIA_TYPE = "application/problem+json"
#: Response descriptions by status where Python's own phrase differs between versions
#: (3.13 follows RFC 9110: 422 "Unprocessable Entity" became "Unprocessable Content").
STATUS_DESCRIPTIONS = {"422": "Unprocessable Content"}


def document_problem_media_type(document: dict[str, Any]) -> dict[str, Any]:
    """Document problem responses as ``application/problem+json``, the type they are sent as.

    Also names each status as :data:`STATUS_DESCRIPTIONS` says, the same on every Python.
    """
    for item in document.get("paths", {}).values():
        for operation in item.values():
            for status, response in operation.get("responses", {}).items():
                if str(status) in STATUS_DESCRIPTIONS:
                    response["description"] = STATUS_DESCRIPTIONS[str(status)]
                content = response.get("content", {})
                json_body = content.get("application/json")
                if json_body and json_body.get("schema", {}).get("$ref") == PROBLEM_REF:
                    response["content"] = {PROBLEM_MEDIA_TYPE: content.pop("application/json")}
    return document


class GovNewsAPI(NinjaAPI):
    """A NinjaAPI whose OpenAPI document names the media type of its problem documents."""

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
