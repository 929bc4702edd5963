"""Validators built from the seeds' OpenAPI documents (tests/contracts/, copied from shared/seeds)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

CONTRACTS = Path(__file__).resolve().parents[1] / "contracts"


def _nullable_to_jsonschema(node: Any) -> Any:
    """OpenAPI 3.0's ``nullable: true`` -> JSON Schema's ``type: [T, "null"]``."""
    if isinstance(node, dict):
        node = {k: _nullable_to_jsonschema(v) for k, v in node.items()}
        if node.pop("nullable", False) and "type" in node:
            node["type"] = [node["type"], "null"]
        return node
    if isinstance(node, list):
        return [_nullable_to_jsonschema(v) for v in node]
    return node


@cache
def openapi(name: str) -> dict[str, Any]:
    return _nullable_to_jsonschema(yaml.safe_load((CONTRACTS / name).read_text()))


def component(spec_name: str, schema_name: str) -> dict[str, Any]:
    spec = openapi(spec_name)
    return spec["components"]["schemas"][schema_name]


def validate_component(instance: Any, spec_name: str, schema_name: str) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``instance`` matches the seed's component schema."""
    spec = openapi(spec_name)
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": spec["components"]}
    jsonschema.Draft202012Validator(schema).validate(instance)


SCRAPE_RESULTS = "seed_001_scrape_results.openapi.yaml"
