"""Schemas: built-ins load, bad definitions are refused naming the field, the DB keeps them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docharvest.config import Settings
from docharvest.errors import ConfigError
from docharvest.extract.schema import builtin_names, fetch_schema, load_schema, parse_schema, store_schema
from docharvest.store.db import init_db


def test_builtins_include_invoice_and_a_non_invoice_schema() -> None:
    assert {"invoice", "meeting_minutes"} <= set(builtin_names())
    invoice = load_schema("invoice")
    assert [f.name for f in invoice.fields] == [
        "invoice_number",
        "vendor",
        "total",
        "currency",
        "date",
        "due_date",
    ]
    assert invoice.field("total").type == "number" and invoice.field("total").required
    assert load_schema("meeting_minutes").field("meeting_date").type == "date"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ([{"name": "total", "type": "money"}], "field 'total' type: unknown type 'money'"),
        ([{"name": "a", "type": "string"}, {"name": "a", "type": "date"}], "duplicate field name 'a'"),
        ([{"name": "code", "type": "string", "pattern": "(["}], "field 'code' pattern: invalid regex"),
        ([{"name": "Bad Name", "type": "string"}], "name"),
        ([{"name": "n", "type": "number", "minimum": 5, "maximum": 1}], "field 'n'"),
        ([{"name": "n", "type": "number", "colour": "red"}], "field 'n' colour"),
    ],
)
def test_bad_schemas_are_refused_naming_the_field(fields: list[dict[str, object]], message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace("[", r"\[")):
        parse_schema({"name": "custom", "fields": fields})


def test_schema_files_load_by_path_and_bad_json_is_a_config_error(tmp_path: Path) -> None:
    good = tmp_path / "po.json"
    good.write_text(
        json.dumps(
            {
                "name": "purchase_order",
                "fields": [{"name": "po_number", "type": "string", "labels": ["PO Number"]}],
            }
        )
    )
    schema = load_schema(str(good))
    assert schema.name == "purchase_order" and schema.fields[0].labels == ["po number"]
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(ConfigError, match="not valid JSON"):
        load_schema(str(bad))
    with pytest.raises(ConfigError, match="no such built-in schema"):
        load_schema("no_such_schema")


def test_schemas_are_stored_with_id_and_version(settings: Settings) -> None:
    engine = init_db(settings)
    schema = load_schema("invoice")
    sid = store_schema(engine, schema, builtin=True)
    assert sid == store_schema(engine, schema, builtin=True)  # idempotent
    assert fetch_schema(engine, sid) == schema
    bumped = schema.model_copy(update={"version": 2})
    assert store_schema(engine, bumped) != sid
