"""DAG ``params`` generated from pydantic models, so UI form, CLI and API share one set of bounds."""

from __future__ import annotations

from typing import Any

from airflow.sdk import Param
from pydantic import BaseModel

_SCHEMA_KEYS = (
    "type",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "enum",
    "pattern",
    "minLength",
    "maxLength",
    "format",
    "items",
    "minItems",
    "maxItems",
)


def params_from_model(
    model: type[BaseModel], *, overrides: dict[str, dict[str, Any]] | None = None
) -> dict[str, Param]:
    """One ``Param`` per model field with its default, JSON-schema bounds and description.

    ``overrides`` adds or replaces JSON-schema keywords per field (e.g. a URL pattern).
    """
    schema = model.model_json_schema()
    required = set(schema.get("required", []))
    params: dict[str, Param] = {}
    for name, prop in schema["properties"].items():
        spec = _flatten_optional(prop)
        kwargs: dict[str, Any] = {k: spec[k] for k in _SCHEMA_KEYS if k in spec}
        if "const" in spec:  # Literal["x"]: the form shows a one-option select
            kwargs["enum"] = [spec["const"]]
        if kwargs.get("format") == "uri":
            kwargs.pop("format")  # the form's uri check is stricter than ours; the pattern below decides
        kwargs.update((overrides or {}).get(name, {}))
        title = spec.get("title") or name.replace("_", " ").capitalize()
        description = spec.get("description")
        if name in required:
            params[name] = Param(
                type=kwargs.pop("type", "string"), title=title, description=description, **kwargs
            )
        else:
            params[name] = Param(spec.get("default"), title=title, description=description, **kwargs)
    return params


def _flatten_optional(prop: dict[str, Any]) -> dict[str, Any]:
    """``anyOf: [{type: X, ...}, {type: null}]`` -> ``{type: [X, null], ...}`` for the form."""
    options = prop.get("anyOf")
    if not options:
        return prop
    merged: dict[str, Any] = {k: v for k, v in prop.items() if k != "anyOf"}
    types: list[str] = []
    for option in options:
        types.append(option.get("type", "string"))
        merged.update({k: v for k, v in option.items() if k != "type"})
    merged["type"] = types
    return merged
