"""Corrections to the OpenAPI document of the headless API where django-ninja cannot say it."""

from __future__ import annotations

from typing import Any

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
