"""``/v1/schemas`` (seed 002's family): create, list and read extraction schemas.

A schema is a built-in (by name or id) or an organisation's own stored one (``sch_…``);
another organisation's schema is a 404. ``find_schema`` and ``store_inline`` are also how
``POST /v1/jobs`` resolves its ``schema_id`` or inline ``schema``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from docharvest.api.deps import ApiState, Caller, State
from docharvest.api.errors import V1, ApiError, body_error, error_responses
from docharvest.api.keys import Principal
from docharvest.api.v1_models import SchemaBody, SchemaList
from docharvest.errors import ConfigError
from docharvest.extract.schema import builtin_names, load_schema, parse_schema, schema_id, store_schema
from docharvest.store.schemas import get_schema as get_schema_row
from docharvest.store.schemas import list_org_schemas

router = APIRouter(prefix="/v1", tags=["extract"])


def _schema_body(sid: str, definition: dict[str, Any], builtin: bool) -> dict[str, Any]:
    return {
        "id": sid,
        "name": definition.get("name"),
        "version": definition.get("version", 1),
        "builtin": builtin,
        "definition": definition,
    }


def _builtin_schemas() -> list[dict[str, Any]]:
    out = []
    for name in builtin_names():
        schema = load_schema(name)
        out.append(_schema_body(schema_id(schema), schema.model_dump(mode="json"), True))
    return out


def find_schema(state: ApiState, sid: str, caller: Principal) -> dict[str, Any]:
    for builtin in _builtin_schemas():
        if builtin["id"] == sid or builtin["name"] == sid:
            return builtin
    row = get_schema_row(state.engine, sid)
    if row is None or (row["org_id"] not in (None, caller.org_id)):
        raise ApiError(404, f"No schema {sid!r} for your organization")
    return _schema_body(row["id"], dict(row["definition"]), bool(row["builtin"]))


def store_inline(state: ApiState, definition: Any, caller: Principal) -> str:
    try:
        schema = parse_schema(definition, source="schema")
    except ConfigError as exc:
        raise body_error(str(exc)) from exc
    return store_schema(state.engine, schema, org_id=caller.org_id)


@router.post(
    "/schemas",
    status_code=201,
    response_model=SchemaBody,
    summary="Create a schema",
    description="Store an extraction schema for your organization; use its `id` as `schema_id`.",
    responses=error_responses(V1, 400, 401, 429),
)
def create_schema(definition: dict[str, Any], state: State, caller: Caller) -> dict[str, Any]:
    sid = store_inline(state, definition, caller)
    return find_schema(state, sid, caller)


@router.get(
    "/schemas",
    response_model=SchemaList,
    summary="List schemas",
    description="Built-in schemas and your organization's own.",
    responses=error_responses(V1, 401, 429),
)
async def list_schemas(state: State, caller: Caller) -> dict[str, Any]:
    own = [
        _schema_body(r["id"], dict(r["definition"]), False)
        for r in list_org_schemas(state.engine, caller.org_id)
    ]
    return {"data": _builtin_schemas() + own}


@router.get(
    "/schemas/{schema_id}",
    response_model=SchemaBody,
    summary="Get a schema",
    description="One schema by id (or a built-in by name).",
    responses=error_responses(V1, 401, 404, 429),
)
async def get_schema(schema_id: str, state: State, caller: Caller) -> dict[str, Any]:
    return find_schema(state, schema_id, caller)
