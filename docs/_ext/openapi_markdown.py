"""Render an OpenAPI document as Markdown tables inside the page that asks for it.

A page containing the line ``<!-- openapi: path/to/openapi.json -->`` (path relative to the
page) gets, in its place, an overview of the operations, one section per operation
(parameters, responses) and one section per schema (fields, types, required). Types link to
their schema's section. No JavaScript and nothing loaded from the internet.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

MARKER = re.compile(r"^<!--\s*openapi:\s*(\S+)\s*-->\s*$", re.MULTILINE)
METHODS = ("get", "post", "put", "patch", "delete", "head", "options")


def schema_target(name: str) -> str:
    """The label of a schema's section."""
    return "openapi-schema-" + name.lower()


def operation_target(operation: dict[str, Any], method: str, path: str) -> str:
    """The label of an operation's section."""
    base = operation.get("operationId") or f"{method}-{path}"
    return "openapi-op-" + re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-")


def cell(text: Any) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def type_of(schema: dict[str, Any]) -> str:
    """A short Markdown description of a JSON schema's type, with links to named schemas."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{schema_target(name)})"
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return " or ".join(type_of(option) for option in schema[key])
    if "const" in schema:
        return f"`{json.dumps(schema['const'], ensure_ascii=False)}`"
    if "enum" in schema:
        return "one of " + ", ".join(
            f"`{json.dumps(v, ensure_ascii=False)}`" for v in schema["enum"]
        )
    kind = schema.get("type")
    if kind == "array":
        return "array of " + type_of(schema.get("items", {}))
    if kind == "object" and "additionalProperties" in schema:
        extra = schema["additionalProperties"]
        return "object of " + (type_of(extra) if isinstance(extra, dict) else "any")
    if kind is None:
        return "any"
    text = f"`{kind}`"
    if schema.get("format"):
        text += f" ({schema['format']})"
    return text


def constraints(schema: dict[str, Any]) -> str:
    """Defaults and limits of a schema, e.g. "default `0`, minimum 0"."""
    parts = []
    options = [schema, *schema.get("anyOf", [])]
    if "default" in schema and schema["default"] is not None:
        parts.append(f"default `{json.dumps(schema['default'], ensure_ascii=False)}`")
    for option in options:
        for key, label in (
            ("minimum", "minimum"),
            ("maximum", "maximum"),
            ("minLength", "min. length"),
            ("maxLength", "max. length"),
        ):
            if key in option:
                parts.append(f"{label} {option[key]}")
    return ", ".join(parts)


def describe(schema: dict[str, Any], description: str = "") -> str:
    """Description and constraints of a field, for a table cell."""
    text = (description or schema.get("description", "")).strip()
    extra = constraints(schema)
    if extra:
        extra = extra[0].upper() + extra[1:] + "."
        text = f"{text.rstrip('.')}. {extra}" if text else extra
    return cell(text)


def render_operation(path: str, method: str, operation: dict[str, Any]) -> list[str]:
    """One operation: heading, description, parameters and responses tables."""
    lines = [
        f"({operation_target(operation, method, path)})=",
        f"### `{method.upper()} {path}`",
        "",
    ]
    if operation.get("description") or operation.get("summary"):
        lines += [operation.get("description") or operation["summary"], ""]
    parameters = operation.get("parameters", [])
    if parameters:
        lines += [
            "**Parameters**",
            "",
            "| name | in | type | required | description |",
            "|---|---|---|---|---|",
        ]
        for parameter in parameters:
            schema = parameter.get("schema", {})
            lines.append(
                f"| `{parameter['name']}` | {parameter['in']} | {type_of(schema)} | "
                f"{'yes' if parameter.get('required') else 'no'} | "
                f"{describe(schema, parameter.get('description', ''))} |"
            )
        lines.append("")
    responses = operation.get("responses", {})
    if responses:
        lines += ["**Responses**", "", "| status | body | description |", "|---|---|---|"]
        for status, response in sorted(responses.items()):
            bodies = [
                f"`{media_type}`" + (f": {type_of(media['schema'])}" if media.get("schema") else "")
                for media_type, media in response.get("content", {}).items()
            ]
            lines.append(
                f"| {status} | {'<br>'.join(bodies) or '—'} | "
                f"{cell(response.get('description', ''))} |"
            )
        lines.append("")
    return lines


def render_schema(name: str, schema: dict[str, Any]) -> list[str]:
    """One schema: heading, description and a table of its fields."""
    lines = [f"({schema_target(name)})=", f"### {name}", ""]
    if schema.get("description"):
        lines += [schema["description"], ""]
    properties = schema.get("properties", {})
    required = set(schema.get("required", []))
    if properties:
        lines += ["| field | type | required | description |", "|---|---|---|---|"]
        for field, field_schema in properties.items():
            lines.append(
                f"| `{field}` | {type_of(field_schema)} | "
                f"{'yes' if field in required else 'no'} | {describe(field_schema)} |"
            )
        lines.append("")
    else:
        lines += [f"Type: {type_of(schema)}", ""]
    return lines


def render(spec: dict[str, Any]) -> str:
    """The whole reference: overview, operations, schemas."""
    operations = [
        (path, method, item[method])
        for path, item in spec.get("paths", {}).items()
        for method in METHODS
        if method in item
    ]
    info = spec.get("info", {})
    lines = [
        f"OpenAPI {spec.get('openapi', '')} · {info.get('title', '')} · version "
        f"{info.get('version', '')}",
        "",
        "| operation | description |",
        "|---|---|",
    ]
    for path, method, operation in operations:
        summary = (operation.get("description") or operation.get("summary") or "").split("\n")[0]
        target = operation_target(operation, method, path)
        lines.append(f"| [`{method.upper()} {path}`](#{target}) | {cell(summary)} |")
    lines += ["", "## Operations", ""]
    for path, method, operation in operations:
        lines += render_operation(path, method, operation)
    lines += ["## Schemas", ""]
    for name, schema in sorted(spec.get("components", {}).get("schemas", {}).items()):
        lines += render_schema(name, schema)
    return "\n".join(lines)


def on_source_read(app: Any, docname: str, source: list[str]) -> None:
    """Replace each ``<!-- openapi: … -->`` line with the rendered document."""

    def replace(match: re.Match) -> str:
        doc_dir = Path(app.env.doc2path(docname)).parent
        path = (doc_dir / match.group(1)).resolve()
        app.env.note_dependency(str(path))
        return render(json.loads(path.read_text(encoding="utf-8")))

    source[0] = MARKER.sub(replace, source[0])


def setup(app: Any) -> dict[str, Any]:
    app.connect("source-read", on_source_read)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
