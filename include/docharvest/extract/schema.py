"""Extraction schemas: what fields a job pulls out of each document, and how to find them.

A schema is JSON (``builtin_schemas/*.json`` or a user file)::

    {"name": "invoice", "version": 1, "fields": [
        {"name": "total", "type": "number", "required": true,
         "labels": ["amount due", "grand total"], "weak_labels": ["total"],
         "exclude_labels": ["subtotal", "previous balance"], "prefer": "last", "minimum": 0}]}

It is validated on load; every error names the field and the rule it broke
(``ConfigError``). Labels are the only domain knowledge: the extraction engine is
generic and reads them from here, so a new document kind is a new JSON file.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from docharvest.errors import ConfigError

FieldType = Literal["string", "number", "integer", "date", "currency", "boolean"]
FIELD_TYPES: tuple[str, ...] = ("string", "number", "integer", "date", "currency", "boolean")
BUILTIN_DIR = Path(__file__).with_name("builtin_schemas")
_NAME_RE = r"^[a-z][a-z0-9_]{0,62}$"


class SchemaField(BaseModel):
    """One field of a schema: its type, whether it is required, and the labels that announce it."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=_NAME_RE, description="snake_case field name (the Parquet column)")
    type: FieldType
    required: bool = False
    description: str = ""
    pattern: str | None = Field(default=None, description="Regex the normalised value must match.")
    labels: list[str] = Field(default_factory=list, description="Strong label synonyms, any language.")
    weak_labels: list[str] = Field(
        default_factory=list, description="Generic labels used when no strong label is found ('total')."
    )
    exclude_labels: list[str] = Field(
        default_factory=list,
        description="Labels of look-alike values this field must not take (subtotal, bill to).",
    )
    capture: Literal["value", "block", "document"] = Field(
        default="value",
        description="value: the span next to a label; block: the lines under it; document: all text.",
    )
    prefer: Literal["first", "last"] = Field(
        default="first", description="Which occurrence wins among equally good candidates."
    )
    kind: Literal["organization"] | None = Field(
        default=None, description="organization: fall back to the letterhead when no label is found."
    )
    minimum: float | None = None
    maximum: float | None = None
    sum_of: dict[str, list[str]] | None = Field(
        default=None,
        description="Number fields: labels of the printed parts this amount must equal the sum of "
        "({'net': [...], 'tax': [...]}); checked only when every part is printed.",
    )
    not_before: str | None = Field(
        default=None, description="Date fields: the date field this one may not precede (due after issue)."
    )

    @field_validator("pattern")
    @classmethod
    def _pattern_compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"invalid regex {value!r}: {exc}") from exc
        return value

    @field_validator("labels", "weak_labels", "exclude_labels")
    @classmethod
    def _labels_clean(cls, value: list[str]) -> list[str]:
        cleaned = [" ".join(v.lower().split()) for v in value]
        if any(not v for v in cleaned):
            raise ValueError("labels must not be blank")
        return cleaned

    @model_validator(mode="after")
    def _range_ordered(self) -> SchemaField:
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError(f"minimum {self.minimum} is greater than maximum {self.maximum}")
        return self


class ExtractionSchema(BaseModel):
    """A named, versioned list of fields."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=_NAME_RE)
    title: str | None = Field(default=None, description="Display name (the API's schema.name).")
    version: int = Field(default=1, ge=1)
    description: str = ""
    fields: list[SchemaField] = Field(min_length=1, max_length=200)

    @field_validator("fields")
    @classmethod
    def _unique_names(cls, fields: list[SchemaField]) -> list[SchemaField]:
        seen: set[str] = set()
        for spec in fields:
            if spec.name in seen:
                raise ValueError(f"duplicate field name {spec.name!r}")
            seen.add(spec.name)
        dates = {spec.name for spec in fields if spec.type == "date"}
        for spec in fields:
            if spec.not_before is not None and (spec.type != "date" or spec.not_before not in dates):
                raise ValueError(f"field {spec.name!r}: not_before must name another date field")
        return fields

    @property
    def display_name(self) -> str:
        return self.title or self.name.replace("_", " ").title()

    def field(self, name: str) -> SchemaField:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)


def parse_schema(definition: Any, source: str = "schema") -> ExtractionSchema:
    """Validate a schema definition; ``ConfigError`` names the offending field and rule."""
    if not isinstance(definition, dict):
        raise ConfigError(f"{source}: a schema must be a JSON object, got {type(definition).__name__}")
    try:
        return ExtractionSchema.model_validate(definition)
    except ValidationError as exc:
        raise ConfigError(f"{source}: " + "; ".join(_describe(definition, e) for e in exc.errors())) from None


def _describe(definition: dict[str, Any], error: Any) -> str:
    loc = list(error["loc"])
    where = ".".join(str(p) for p in loc) or "schema"
    # Name the schema field by its name, not only its index: "fields[2] (total).type".
    if len(loc) >= 2 and loc[0] == "fields" and isinstance(loc[1], int):
        fields = definition.get("fields") or []
        name = (
            fields[loc[1]].get("name") if loc[1] < len(fields) and isinstance(fields[loc[1]], dict) else None
        )
        rest = ".".join(str(p) for p in loc[2:])
        where = f"field {name!r}" + (f" {rest}" if rest else "") if name else f"fields[{loc[1]}] {rest}"
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "literal_error" and loc[-1] == "type":
        message = f"unknown type {error.get('input')!r} (expected one of {', '.join(FIELD_TYPES)})"
    return f"{where}: {message}"


def builtin_names() -> list[str]:
    return sorted(p.stem for p in BUILTIN_DIR.glob("*.json"))


def load_schema(name_or_path: str | Path) -> ExtractionSchema:
    """A built-in schema by name (``invoice``) or a JSON file by path."""
    text = str(name_or_path)
    builtin = BUILTIN_DIR / f"{text}.json"
    path = builtin if re.fullmatch(_NAME_RE, text) and builtin.is_file() else Path(text)
    if not path.is_file():
        raise ConfigError(
            f"schema {text!r}: no such built-in schema ({', '.join(builtin_names())}) or JSON file"
        )
    try:
        definition = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"schema file {path}: not valid JSON: {exc}") from exc
    return parse_schema(definition, source=f"schema {path.name}")


# -- metadata DB --------------------------------------------------------------


def schema_id(schema: ExtractionSchema, org_id: str | None = None) -> str:
    from docharvest.store.repository import fingerprint

    return fingerprint(org_id or "", schema.name, schema.version, prefix="sch_", length=20)


def store_schema(
    engine: sa.Engine, schema: ExtractionSchema, *, org_id: str | None = None, builtin: bool = False
) -> str:
    """Upsert the schema's definition (keyed by org, name and version) and return its id."""
    from docharvest.store.repository import upsert_schema

    sid = schema_id(schema, org_id)
    row = {
        "id": sid,
        "org_id": org_id,
        "name": schema.name,
        "version": schema.version,
        "definition": schema.model_dump(mode="json"),
        "builtin": builtin,
        "created_at": datetime.now(UTC),
    }
    upsert_schema(engine, row)
    return sid


def fetch_schema(engine: sa.Engine, sid: str) -> ExtractionSchema:
    from docharvest.store.repository import get_schema

    row = get_schema(engine, sid)
    definition = None if row is None else row["definition"]
    if definition is None:
        raise ConfigError(f"schema id {sid!r}: not found")
    return parse_schema(definition, source=f"schema {sid}")
