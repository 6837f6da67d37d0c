"""Validate API responses against the API's own OpenAPI document."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

SNAPSHOT = Path(__file__).resolve().parent.parent / "docs" / "reference" / "openapi.json"


@cache
def openapi_document() -> dict[str, Any]:
    """The OpenAPI document generated from the code (as served at /api/govnews/openapi.json)."""
    from wagtail_govnews.contrib.api import api

    return json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/govnews")))


def _operation(path: str) -> dict[str, Any]:
    for template, item in openapi_document()["paths"].items():
        pattern = re.sub(r"\\\{[^}]+\\\}", r"[^/]+", re.escape(template))
        if re.fullmatch(pattern, path):
            return item["get"]
    raise AssertionError(f"{path} is not in the OpenAPI document")


def assert_conforms(response) -> None:
    """Fail unless ``response`` is documented (status, content type) and its JSON body validates."""
    operation = _operation(response.wsgi_request.path)
    documented = operation["responses"].get(str(response.status_code))
    assert documented, f"{response.status_code} is not documented for {response.wsgi_request.path}"
    if response.status_code == 304 or not response["Content-Type"].endswith("json"):
        return
    content = documented.get("content", {})
    schema = next(iter(content.values()))["schema"] if content else None
    assert schema, f"no schema documented for {response.status_code}"
    root = {**schema, "components": openapi_document()["components"]}
    jsonschema.validate(response.json(), root, cls=jsonschema.Draft202012Validator)


def api_get(client, url: str, **kwargs):
    """GET ``url`` and check the response against the OpenAPI document."""
    response = client.get(url, **kwargs)
    assert_conforms(response)
    return response
