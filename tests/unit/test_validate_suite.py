"""Great Expectations suite from a schema -> per-row flags in the seed's ``kind:field`` form."""

from __future__ import annotations

from docharvest.extract.schema import load_schema, parse_schema
from docharvest.validate import suite_checks, validate_rows

INVOICE = load_schema("invoice")


def _row(row_id: str, **values: object) -> dict[str, object]:
    base = {
        "invoice_number": "INV-1",
        "vendor": "Acme",
        "total": 10.0,
        "currency": "EUR",
        "date": "2024-01-02",
        "due_date": None,
    }
    return {"id": row_id, "values": {**base, **values}}


def test_suite_is_built_from_the_schema() -> None:
    flags = {c.flag for c in suite_checks(INVOICE)}
    assert {
        "missing_required_field:total",
        "missing_required_field:vendor",
        "format_mismatch:date",
        "format_mismatch:invoice_number",
        "format_mismatch:currency",
        "out_of_range:total",
    } <= flags
    assert "missing_required_field:due_date" not in flags  # optional


def test_rows_get_flags_from_the_unexpected_row_lists() -> None:
    rows = [
        _row("ok"),
        _row("no_total", total=None),
        _row("bad_date", date="2024-02-31", due_date="31.02.2024"),
        _row("bad_number", invoice_number="PENDING", currency="XYZ"),
        _row("credit", total=-5.0),
    ]
    outcome = validate_rows(INVOICE, rows)
    assert outcome.flags == {
        "ok": [],
        "no_total": ["missing_required_field:total"],
        "bad_date": ["format_mismatch:date", "format_mismatch:due_date"],
        "bad_number": ["format_mismatch:invoice_number", "format_mismatch:currency"],
        "credit": ["out_of_range:total"],
    }
    assert outcome.success is False
    assert outcome.result["results"] and "statistics" in outcome.result


def test_other_schemas_and_empty_input() -> None:
    schema = parse_schema(
        {
            "name": "census",
            "fields": [
                {"name": "count", "type": "integer", "required": True, "minimum": 0},
                {"name": "flag", "type": "boolean"},
            ],
        }
    )
    outcome = validate_rows(
        schema, [{"id": "a", "values": {"count": 3, "flag": True}}, {"id": "b", "values": {"count": 2.5}}]
    )
    assert outcome.flags == {"a": [], "b": ["format_mismatch:count"]}
    assert validate_rows(schema, []).flags == {}
