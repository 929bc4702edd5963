"""DAG ``params`` generated from pydantic models, so UI form, CLI and API share one set of bounds.

Airflow 3's trigger form reads ``minimum``/``maximum`` from a number field's schema and its
number input *clamps* to them on blur (timeout 5 silently becomes 60). The bounds therefore
go into an ``allOf`` sub-schema: the form does not read it, Airflow's jsonschema check does,
so an out-of-range value is refused at trigger time with a message naming the bound
("5 is less than the minimum of 60"). The same holds for string patterns and lengths.
Internal fields (job id, org id) are not form fields: the API and sources pass them in the
run's conf, which Airflow merges into the params anyway.
"""

from __future__ import annotations

from typing import Any

from airflow.sdk import Param
from pydantic import BaseModel

_SCHEMA_KEYS = ("type", "enum", "format", "items", "minItems", "maxItems")
# Checked by Airflow's validation but kept away from the form, which would clamp or truncate.
_BOUND_KEYS = (
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "pattern",
    "minLength",
    "maxLength",
)
# Airflow checks every param against its schema many times per task (~60 checks), and jsonschema
# first checks the schema itself against its meta-schema: draft 2020-12's (vocabularies, dynamic
# refs) costs ~4x draft 7's, which reads our keywords the same way.
SCHEMA_DIALECT = {"$schema": "http://json-schema.org/draft-07/schema#"}
INTERNAL_FIELDS = ("job_id", "org_id")
FIRST_FIELDS = ("website", "url", "prompt", "schema_name", "inputs")


def params_from_model(
    model: type[BaseModel], *, overrides: dict[str, dict[str, Any]] | None = None
) -> dict[str, Param]:
    """One ``Param`` per user-facing model field with its default, bounds and description.

    ``overrides`` adds or replaces JSON-schema keywords per field (e.g. a URL pattern).
    The fields a person fills in first (website/url, prompt) come first in the form.
    """
    schema = model.model_json_schema()
    required = set(schema.get("required", []))
    names = [n for n in schema["properties"] if n not in INTERNAL_FIELDS]
    names.sort(key=lambda n: FIRST_FIELDS.index(n) if n in FIRST_FIELDS else len(FIRST_FIELDS))
    params: dict[str, Param] = {}
    for name in names:
        spec = {**_flatten_optional(schema["properties"][name]), **(overrides or {}).get(name, {})}
        kwargs: dict[str, Any] = {k: spec[k] for k in _SCHEMA_KEYS if k in spec} | SCHEMA_DIALECT
        if "const" in spec:  # Literal["x"]: the form shows a one-option select
            kwargs["enum"] = [spec["const"]]
        if kwargs.get("format") == "uri":
            kwargs.pop("format")  # the form's uri check is stricter than ours; the pattern decides
        bounds = {k: spec[k] for k in _BOUND_KEYS if k in spec}
        if bounds:
            kwargs["allOf"] = [bounds]
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
