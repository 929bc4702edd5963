"""Great Expectations suites built from an extraction schema -> per-row validation flags.

Each expectation carries the flag it raises in its ``meta`` (``missing_required_field:total``,
``format_mismatch:date``, ``out_of_range:total``); the COMPLETE result format lists the
failing rows by ``row_id``, which become the rows' flags. The suite result is returned as
JSON for the job's audit trail. ``great_expectations`` takes ~3 s to import, so it is
imported inside the functions that need it, never at module (or DAG parse) time.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from docharvest.extract.normalize import ISO_4217
from docharvest.extract.schema import ExtractionSchema

log = logging.getLogger(__name__)

#: The normalised form of each type, as the value column holds it (``str(value)``).
TYPE_FORMATS: dict[str, str] = {
    "number": r"^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$",
    "integer": r"^-?\d+$",
    "currency": r"^[A-Z]{3}$",
    "boolean": r"^(?:True|False)$",
}
MISSING, FORMAT, RANGE = "missing_required_field", "format_mismatch", "out_of_range"
LOW_CONFIDENCE, DATE_ORDER, SUM = "low_confidence", "date_before", "sum_mismatch"
#: How far a total may be from the sum of its printed parts (rounding of each part).
SUM_TOLERANCE = 0.015


@dataclass
class Check:
    """One expectation of the suite and the flag its failing rows get."""

    kind: str  # expectation class name in great_expectations.expectations
    flag: str
    kwargs: dict[str, Any]


@dataclass
class ValidationOutcome:
    flags: dict[str, list[str]]  # row id -> flags, in suite order
    result: dict[str, Any] = field(default_factory=dict)
    success: bool = True


def suite_checks(schema: ExtractionSchema, min_confidence: float | None = None) -> list[Check]:
    """The suite for ``schema``: not-null for required fields, formats and patterns, ranges, date
    order (a due date not before the issue date) and, with ``min_confidence``, every value read
    with at least that confidence."""
    checks: list[Check] = []
    for spec in schema.fields:
        column = spec.name
        if spec.not_before:
            checks.append(
                Check(
                    "ExpectColumnPairValuesAToBeGreaterThanB",
                    f"{DATE_ORDER}:{column}",
                    {
                        # ISO twins: a malformed date is format_mismatch's, not an order problem.
                        "column_A": f"{column}__date",
                        "column_B": f"{spec.not_before}__date",
                        "or_equal": True,
                        "ignore_row_if": "either_value_is_missing",
                    },
                )
            )
        if spec.sum_of:
            checks.append(
                Check(
                    "ExpectColumnValuesToBeBetween",
                    f"{SUM}:{column}",
                    {"column": f"{column}__gap", "min_value": 0.0, "max_value": SUM_TOLERANCE},
                )
            )
        if min_confidence is not None and spec.capture != "document":
            # Null for a missing value: that is missing_required_field's to say.
            checks.append(
                Check(
                    "ExpectColumnValuesToBeBetween",
                    f"{LOW_CONFIDENCE}:{column}",
                    {"column": f"{column}__conf", "min_value": min_confidence, "max_value": 1.0},
                )
            )
        if spec.required:
            checks.append(Check("ExpectColumnValuesToNotBeNull", f"{MISSING}:{column}", {"column": column}))
        if spec.type in TYPE_FORMATS:
            checks.append(
                Check(
                    "ExpectColumnValuesToMatchRegex",
                    f"{FORMAT}:{column}",
                    {"column": column, "regex": TYPE_FORMATS[spec.type]},
                )
            )
        if spec.type == "date":
            # strftime parsing, not a regex: 2024-02-31 has the right shape but is no date.
            checks.append(
                Check(
                    "ExpectColumnValuesToMatchStrftimeFormat",
                    f"{FORMAT}:{column}",
                    {"column": column, "strftime_format": "%Y-%m-%d"},
                )
            )
        if spec.type == "currency":
            checks.append(
                Check(
                    "ExpectColumnValuesToBeInSet",
                    f"{FORMAT}:{column}",
                    {"column": column, "value_set": iso_4217_codes()},
                )
            )
        if spec.pattern and spec.type == "string":
            checks.append(
                Check(
                    "ExpectColumnValuesToMatchRegex",
                    f"{FORMAT}:{column}",
                    {"column": column, "regex": spec.pattern},
                )
            )
        if spec.type in ("number", "integer") and (spec.minimum is not None or spec.maximum is not None):
            checks.append(
                Check(
                    "ExpectColumnValuesToBeBetween",
                    f"{RANGE}:{column}",
                    {"column": f"{column}__num", "min_value": spec.minimum, "max_value": spec.maximum},
                )
            )
    return checks


def iso_4217_codes() -> list[str]:
    """Every ISO 4217 code CLDR knows (babel), not only the ones the text parser recognises."""
    from babel.numbers import list_currencies

    return sorted(set(list_currencies()) | ISO_4217)


def validation_frame(schema: ExtractionSchema, rows: Sequence[Mapping[str, Any]]) -> Any:
    """A pandas frame: ``row_id``, one text column per field, a numeric twin for number fields."""
    import pandas as pd

    data: dict[str, list[Any]] = {"row_id": [str(r["id"]) for r in rows]}
    for spec in schema.fields:
        texts, numbers, confidences = [], [], []
        for row in rows:
            value = (row.get("values") or {}).get(spec.name)
            texts.append(None if value is None else str(value))
            evidence = (row.get("field_evidence") or {}).get(spec.name) or {}
            confidences.append(
                float(evidence.get("confidence", 0.0)) if value is not None and evidence else None
            )
            numbers.append(
                float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
            )
        data[spec.name] = pd.Series(texts, dtype="object")
        data[f"{spec.name}__conf"] = pd.Series(confidences, dtype="float64")
        if spec.sum_of:
            data[f"{spec.name}__gap"] = pd.Series([_sum_gap(row, spec.name) for row in rows], dtype="float64")
        if spec.type == "date":
            data[f"{spec.name}__date"] = pd.Series([_iso_date(t) for t in texts], dtype="object")
        if spec.type in ("number", "integer"):
            data[f"{spec.name}__num"] = pd.Series(numbers, dtype="float64")
    return pd.DataFrame(data)


def validate_rows(
    schema: ExtractionSchema,
    rows: Sequence[Mapping[str, Any]],
    *,
    suite_name: str | None = None,
    min_confidence: float | None = None,
) -> ValidationOutcome:
    """Run the schema's suite over ``rows`` (each with ``id``, ``values`` and, for the confidence
    check, ``field_evidence``); flags per row id."""
    checks = suite_checks(schema, min_confidence)
    if not rows:
        return ValidationOutcome(flags={}, result={"success": True, "results": [], "statistics": {}})
    result = _run_suite(
        schema, checks, validation_frame(schema, rows), suite_name or f"docharvest_{schema.name}"
    )
    flags: dict[str, list[str]] = {str(r["id"]): [] for r in rows}
    order = {c.flag: i for i, c in enumerate(checks)}
    for item in result.get("results", []):
        if item.get("success"):
            continue
        flag = (item.get("expectation_config", {}).get("meta") or {}).get("flag")
        for unexpected in (item.get("result") or {}).get("unexpected_index_list") or []:
            row_flags = flags.setdefault(str(unexpected["row_id"]), [])
            if flag and flag not in row_flags:
                row_flags.append(flag)
    for row_id, row_flags in flags.items():
        flags[row_id] = sorted(row_flags, key=lambda f: order.get(f, len(order)))
    return ValidationOutcome(flags=flags, result=result, success=bool(result.get("success")))


def _sum_gap(row: Mapping[str, Any], name: str) -> float | None:
    """|value - sum of its printed parts|, None when the parts were not all printed."""
    value = (row.get("values") or {}).get(name)
    parts = ((row.get("field_evidence") or {}).get(name) or {}).get("parts")
    if not parts or not isinstance(value, int | float) or isinstance(value, bool):
        return None
    # A credit note prints positive parts under a negative total: compare magnitudes.
    return round(abs(abs(float(value)) - abs(sum(float(p["value"]) for p in parts.values()))), 4)


def _iso_date(text: str | None) -> str | None:
    """``text`` if it is a valid ISO date (strings of that form order like the dates), else None."""
    if text is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        date.fromisoformat(text)
    except ValueError:
        return None
    return text


def _run_suite(schema: ExtractionSchema, checks: list[Check], frame: Any, suite_name: str) -> dict[str, Any]:
    import great_expectations as gx
    import great_expectations.expectations as gxe
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    # tqdm bars would flood task logs with one line per expectation.
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas(name="docharvest")
    asset = source.add_dataframe_asset(name=schema.name)
    batch_definition = asset.add_batch_definition_whole_dataframe("rows")
    suite = gx.ExpectationSuite(name=suite_name)
    for check in checks:
        suite.add_expectation(getattr(gxe, check.kind)(**check.kwargs, meta={"flag": check.flag}))
    suite = context.suites.add(suite)
    batch = batch_definition.get_batch(batch_parameters={"dataframe": frame})
    validation = batch.validate(
        suite, result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["row_id"]}
    )
    return _jsonable(validation.to_json_dict())


def _jsonable(value: Any) -> Any:
    """numpy scalars -> Python values, so the result can be written as JSON."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "item") and callable(value.item):
        return value.item()
    return value
