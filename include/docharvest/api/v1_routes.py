"""The ``/v1`` families: extract (seed 002) and knowledge (seed 003), plus job status for every kind.

Errors are ``{"error": {"code", "message"}}`` with seed 002's codes; body validation is 400.
Job ids are DocHarvest's one format, ``job_[a-z0-9]+`` (seed 003's ``job_*``); seed 002 says
UUID, so a malformed id answers 400 naming the format actually used.

- ``POST /v1/jobs`` starts an extract job from a schema (built-in name, stored ``sch_…`` id
  or an inline definition) and documents (URLs, multipart uploads or ``source_job_id``).
- ``GET /v1/jobs/{id}/results`` is seed 002's body, paged with ``limit`` and an opaque
  ``cursor`` (keyset on row position), readable while the job runs.
- ``POST /v1/schemas``, ``GET /v1/schemas``, ``GET /v1/schemas/{id}``.
- ``POST /v1/extract/async`` / ``POST /v1/extract`` / ``POST /v1/extract/stream`` start a
  knowledge job; ``GET /v1/jobs/{jobId}`` is seed 003's status body for a job of any kind.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import shutil
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import ValidationError

from docharvest.api.deps import ApiState, Caller, State
from docharvest.api.errors import V1, ApiError, body_error, error_responses, validation_message
from docharvest.api.jobs import JobIdPath, live_job, owned_job, submit_job
from docharvest.api.keys import Principal
from docharvest.api.responses import NOT_MODIFIED_RESPONSE, json_response, not_modified, to_json
from docharvest.api.results_cache import results_etag
from docharvest.api.v1_models import (
    ExtractJobRequest,
    JobStatusBody,
    KnowledgeRequest,
    KnowledgeSubmitted,
    ResultsPage,
    SchemaBody,
    SchemaList,
)
from docharvest.errors import ConfigError
from docharvest.extract.results import JOB_STATUS_WORDS, ROW_BODY_COLUMNS, row_body, schema_ref
from docharvest.extract.schema import builtin_names, load_schema, parse_schema, schema_id, store_schema
from docharvest.models import ExtractConf, JobKind, JobStatus, KnowledgeConf
from docharvest.pipeline.knowledge import job_status_body, list_items
from docharvest.store import repository
from docharvest.store.tables import result_rows, schemas

EXTRACT_DAG_ID = "docharvest_extract"
KNOWLEDGE_DAG_ID = "docharvest_knowledge"
MAX_UPLOAD_BYTES = 100 * 1024 * 1024
STREAM_POLL_SECONDS = 0.5

extract_router = APIRouter(prefix="/v1", tags=["extract"])
knowledge_router = APIRouter(prefix="/v1", tags=["knowledge"])


def routers() -> list[APIRouter]:
    return [extract_router, knowledge_router]


# -- schemas ------------------------------------------------------------------------


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


def _find_schema(state: ApiState, sid: str, caller: Principal) -> dict[str, Any]:
    for builtin in _builtin_schemas():
        if builtin["id"] == sid or builtin["name"] == sid:
            return builtin
    with state.engine.connect() as conn:
        row = conn.execute(sa.select(schemas).where(schemas.c.id == sid)).mappings().first()
    if row is None or (row["org_id"] not in (None, caller.org_id)):
        raise ApiError(404, f"No schema {sid!r} for your organization")
    return _schema_body(row["id"], dict(row["definition"]), bool(row["builtin"]))


def _store_inline(state: ApiState, definition: Any, caller: Principal) -> str:
    try:
        schema = parse_schema(definition, source="schema")
    except ConfigError as exc:
        raise body_error(str(exc)) from exc
    return store_schema(state.engine, schema, org_id=caller.org_id)


@extract_router.post(
    "/schemas",
    status_code=201,
    response_model=SchemaBody,
    summary="Create a schema",
    description="Store an extraction schema for your organization; use its `id` as `schema_id`.",
    responses=error_responses(V1, 400, 401, 429),
)
def create_schema(definition: dict[str, Any], state: State, caller: Caller) -> dict[str, Any]:
    sid = _store_inline(state, definition, caller)
    return _find_schema(state, sid, caller)


@extract_router.get(
    "/schemas",
    response_model=SchemaList,
    summary="List schemas",
    description="Built-in schemas and your organization's own.",
    responses=error_responses(V1, 401, 429),
)
async def list_schemas(state: State, caller: Caller) -> dict[str, Any]:
    query = sa.select(schemas).where(schemas.c.org_id == caller.org_id).order_by(schemas.c.created_at.desc())
    with state.engine.connect() as conn:
        own = [_schema_body(r["id"], dict(r["definition"]), False) for r in conn.execute(query).mappings()]
    return {"data": _builtin_schemas() + own}


@extract_router.get(
    "/schemas/{schema_id}",
    response_model=SchemaBody,
    summary="Get a schema",
    description="One schema by id (or a built-in by name).",
    responses=error_responses(V1, 401, 404, 429),
)
async def get_schema(schema_id: str, state: State, caller: Caller) -> dict[str, Any]:
    return _find_schema(state, schema_id, caller)


# -- extract jobs -------------------------------------------------------------------


async def _extract_request(
    request: Request, state: ApiState, caller: Principal
) -> tuple[ExtractJobRequest, list[Any]]:
    """The request from JSON or multipart (fields + ``files``); uploads are returned unsaved."""
    content_type = request.headers.get("content-type", "")
    files: list[Any] = []
    try:
        if content_type.startswith("multipart/form-data"):
            form = await request.form()
            files = [f for f in form.getlist("files") if hasattr(f, "read")]
            fields: dict[str, Any] = {k: v for k, v in form.items() if k != "files" and isinstance(v, str)}
            for key in ("schema", "documents"):
                if key in fields:
                    fields[key] = json.loads(fields[key])
            body = ExtractJobRequest.model_validate(fields)
        else:
            body = ExtractJobRequest.model_validate_json(await request.body())
    except ValidationError as exc:
        raise body_error(validation_message(exc.errors())) from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise body_error(f"body: not valid JSON ({exc})") from exc
    if not body.documents and not body.source_job_id and not files:
        raise body_error("documents: give document URLs, upload files (multipart 'files') or source_job_id")
    if body.source_job_id:
        owned_job(state, body.source_job_id, caller)
    return body, files


def _save_uploads(state: ApiState, files: list[Any], folder: Path) -> list[str]:
    """Write the uploads to ``folder`` (created only when there are files)."""
    if not files:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, upload in enumerate(files):
        name = Path(upload.filename or f"upload-{i}").name or f"upload-{i}"
        target = folder / f"{i:04d}-{name}"
        data = upload.file.read(MAX_UPLOAD_BYTES + 1)
        if len(data) > MAX_UPLOAD_BYTES:
            raise ApiError(413, f"files[{i}] ({name}): larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
        target.write_bytes(data)
        paths.append(str(target))
    return paths


@extract_router.post(
    "/jobs",
    response_model=JobStatusBody,
    summary="Start an extract job",
    description=(
        "Extract schema fields from documents: one result row per document. JSON body, or "
        "multipart/form-data with the same fields (`schema` and `documents` as JSON strings) and "
        "`files` uploads. Give `schema_id` (built-in name or stored id) or an inline `schema`."
    ),
    responses=error_responses(V1, 400, 401, 404, 413, 429, 503),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/ExtractJobRequest"}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "schema_id": {"type": "string"},
                            "schema": {"type": "string", "description": "Inline schema as JSON"},
                            "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                        },
                    }
                },
            },
        }
    },
)
async def submit_extract(request: Request, state: State, caller: Caller) -> dict[str, Any]:
    body, files = await _extract_request(request, state, caller)
    if body.schema_ is not None:
        schema_ref = await run_in_threadpool(_store_inline, state, body.schema_, caller)
    else:
        # The job resolves a built-in by name and a stored schema by id; never a server path.
        found = _find_schema(state, str(body.schema_id), caller)
        schema_ref = found["name"] if found["builtin"] else found["id"]
    upload_dir = state.settings.data_dir / "uploads" / f"{time.time_ns()}"
    try:
        inputs = [str(u) for u in body.documents] + await run_in_threadpool(
            _save_uploads, state, files, upload_dir
        )
        try:
            conf = ExtractConf(
                schema_name=schema_ref,
                inputs=inputs,
                source_job_id=body.source_job_id,
                timeout=body.timeout,
                max_file_size_mb=body.max_file_size_mb,
            ).model_dump(mode="json", exclude={"job_id", "org_id"})
        except ValidationError as exc:
            raise body_error(validation_message(exc.errors())) from exc
        job = await run_in_threadpool(
            lambda: submit_job(
                state,
                caller,
                kind=JobKind.extract,
                dag_id=EXTRACT_DAG_ID,
                row={"params": conf, "webhook_url": str(body.webhook_url) if body.webhook_url else None},
                conf=conf,
            )
        )
    except BaseException:
        # No job was created (413, 400, 503, a dropped client): its uploads must not stay behind.
        shutil.rmtree(upload_dir, ignore_errors=True)
        raise
    finally:
        for upload in files:
            upload.file.close()
    return _status(state, job)


def _encode_cursor(position: int, row_id: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([position, row_id]).encode()).decode().rstrip("=")


# Positions are row indexes; anything past this is not a cursor we wrote (and overflows the DB's integers).
MAX_CURSOR_POSITION = 2**53


def _decode_cursor(cursor: str) -> tuple[int, str]:
    """(position, row id) of a ``links.next`` cursor; 400 for anything else (huge, non-finite, malformed)."""
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, TypeError, binascii.Error, RecursionError) as exc:
        raise ApiError(400, "cursor: not a cursor from a previous page's links.next") from exc
    if (
        isinstance(value, list)
        and len(value) == 2
        and type(value[0]) is int
        and 0 <= value[0] <= MAX_CURSOR_POSITION
        and isinstance(value[1], str)
        and len(value[1]) <= 100
    ):
        return value[0], value[1]
    raise ApiError(400, "cursor: not a cursor from a previous page's links.next")


@extract_router.get(
    "/jobs/{job_id}/results",
    response_model=ResultsPage,
    summary="Job results",
    description=(
        "Seed 002: one row per document with values keyed by field name, confidence and validation "
        "flags. Readable while the job runs. Paged: `limit` rows, then follow `links.next`. An ended "
        "job's page carries an `ETag`: send it back in `If-None-Match` to get 304 if unchanged."
    ),
    responses={**error_responses(V1, 400, 401, 404, 429), **NOT_MODIFIED_RESPONSE},
)
async def extract_results_page(
    job_id: JobIdPath,
    request: Request,
    state: State,
    caller: Caller,
    limit: Annotated[int | None, Query(ge=1, le=1000, description="Rows per page (default 100)")] = None,
    cursor: Annotated[str | None, Query(max_length=500, description="From links.next")] = None,
    if_none_match: Annotated[str | None, Header(max_length=2000)] = None,
) -> Response:
    job = owned_job(state, job_id, caller, kind=JobKind.extract)
    size = limit or state.settings.api.results_page_size
    after = _decode_cursor(cursor) if cursor else None
    root = request.scope.get("root_path", "")
    page = f"limit={size}&cursor={cursor}&root={root}"
    etag = results_etag(job, page)
    unchanged = not_modified(etag, if_none_match)
    if unchanged is not None:
        return unchanged
    content = state.results_cache.get(
        job, f"extract?{page}", lambda: _extract_page(state, job, size, after, root), weigh=len
    )
    return json_response(content, {"ETag": etag} if etag is not None else None)


def _extract_page(
    state: ApiState, job: dict[str, Any], size: int, after: tuple[int, str] | None, root: str
) -> bytes:
    """Seed 002's results body as JSON: ``size`` rows after the cursor's (position, id)."""
    job_id = job["job_id"]
    # Only what a row's body shows (and the cursor's position): not the wide evidence JSON.
    columns = [result_rows.c[c] for c in (*ROW_BODY_COLUMNS, "position")]
    query = sa.select(*columns).where(result_rows.c.job_id == job_id)
    if after is not None:
        query = query.where(
            sa.tuple_(result_rows.c.position, result_rows.c.id)
            > sa.tuple_(sa.literal(after[0]), sa.literal(after[1]))
        )
    query = query.order_by(result_rows.c.position, result_rows.c.id).limit(size + 1)
    with state.engine.connect() as conn:
        rows = [dict(zip([c.name for c in columns], r, strict=True)) for r in conn.execute(query)]
    total, schema = state.results_cache.get(
        job, "extract", lambda: _results_summary(state, job), weigh=lambda v: 200
    )
    more = len(rows) > size
    rows = rows[:size]
    base = f"{root}/v1/jobs/{job_id}"
    links: dict[str, Any] = {"self": f"{base}/results", "job": base, "next": None}
    if more:
        links["next"] = (
            f"{base}/results?limit={size}&cursor={_encode_cursor(rows[-1]['position'], rows[-1]['id'])}"
        )
    return to_json(
        {
            "job_id": job_id,
            "job_status": JOB_STATUS_WORDS.get(JobStatus(job["status"]), job["status"]),
            "schema": schema,
            "total_rows": total,
            "data": [row_body(r) for r in rows],
            "links": links,
        }
    )


def _results_summary(state: ApiState, job: dict[str, Any]) -> tuple[int, dict[str, Any] | None]:
    """What every results page of ``job`` shares: its row count and its schema's id and name."""
    count = sa.select(sa.func.count()).select_from(result_rows).where(result_rows.c.job_id == job["job_id"])
    with state.engine.connect() as conn:
        total = int(conn.execute(count).scalar_one())
    return total, schema_ref(state.engine, job)


# -- job status for every kind --------------------------------------------------------


def _status(state: ApiState, job: dict[str, Any]) -> dict[str, Any]:
    """Seed 003's body; other kinds' ``result`` points at their results resource."""
    kind = job["kind"]
    items = list_items(state.engine, job["job_id"]) if kind == JobKind.knowledge else []
    body = job_status_body(job, items)
    if kind != JobKind.knowledge and body["result"] is not None:
        results = (
            f"/v1/jobs/{job['job_id']}/results"
            if kind == JobKind.extract
            else f"/scrape/results/{job['job_id']}"
        )
        body["result"] = {"kind": kind, "resultsUrl": results}
    body["kind"] = kind
    return body


@knowledge_router.get(
    "/jobs/{job_id}",
    response_model=JobStatusBody,
    summary="Get job status",
    description="Seed 003 status body (pending/processing/completed/failed) for a job of any kind.",
    responses=error_responses(V1, 400, 401, 404, 429),
)
async def get_job_status(job_id: JobIdPath, state: State, caller: Caller) -> dict[str, Any]:
    return _status(state, owned_job(state, job_id, caller))


# -- knowledge jobs -----------------------------------------------------------------


def _submit_knowledge(state: ApiState, caller: Principal, body: KnowledgeRequest) -> dict[str, Any]:
    conf = KnowledgeConf(url=body.url, max_pages=body.maxPages, timeout=body.timeout).model_dump(
        mode="json", exclude={"job_id", "org_id"}
    )
    return submit_job(
        state,
        caller,
        kind=JobKind.knowledge,
        dag_id=KNOWLEDGE_DAG_ID,
        row={
            "website": conf["url"],
            "params": conf,
            "webhook_url": str(body.webhookUrl) if body.webhookUrl else None,
        },
        conf=conf,
    )


@knowledge_router.post(
    "/extract/async",
    response_model=KnowledgeSubmitted,
    summary="Start a knowledge extraction",
    description="Read a business website in the background; poll `GET /v1/jobs/{jobId}`.",
    responses=error_responses(V1, 400, 401, 429, 503),
)
def extract_async(body: KnowledgeRequest, state: State, caller: Caller) -> dict[str, Any]:
    job = _submit_knowledge(state, caller, body)
    return {"jobId": job["job_id"], "status": "pending"}


async def _wait_done(state: ApiState, job_id: str, seconds: float) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while True:
        job = repository.get_job(state.engine, job_id)
        if not JobStatus(job["status"]).is_active or time.monotonic() >= deadline:
            return job
        await asyncio.sleep(STREAM_POLL_SECONDS)


@knowledge_router.post(
    "/extract",
    response_model=JobStatusBody,
    summary="Extract and wait",
    description=(
        "Starts a knowledge job and waits up to `maxWaitSeconds` (bounded by the server's "
        "`extract_max_wait_seconds`): 200 with the finished job, or 202 with the running job to poll."
    ),
    responses={
        **error_responses(V1, 400, 401, 429, 503),
        202: {"model": JobStatusBody, "description": "Still running"},
    },
)
async def extract_sync(
    body: KnowledgeRequest,
    state: State,
    caller: Caller,
    maxWaitSeconds: Annotated[float | None, Query(ge=0, le=600)] = None,
) -> JSONResponse:
    job = await run_in_threadpool(_submit_knowledge, state, caller, body)
    limit = state.settings.api.extract_max_wait_seconds
    job = await _wait_done(
        state, job["job_id"], min(limit, maxWaitSeconds if maxWaitSeconds is not None else limit)
    )
    status = 202 if JobStatus(job["status"]).is_active else 200
    return JSONResponse(
        JobStatusBody.model_validate(_status(state, job)).model_dump(mode="json"), status_code=status
    )


@knowledge_router.post(
    "/extract/stream",
    summary="Extract with a progress stream",
    description=(
        "Server-Sent Events: `event: progress` (the job body) whenever progress changes, then "
        "`event: result` (completed) or `event: error` (failed) with the final body."
    ),
    responses={
        **error_responses(V1, 400, 401, 429, 503),
        200: {
            "content": {
                "text/event-stream": {
                    # One Server-Sent Event: its name and its data (the job body as JSON).
                    "schema": {
                        "type": "object",
                        "properties": {
                            "event": {"type": "string", "enum": ["progress", "result", "error"]},
                            "data": {"type": "string", "contentMediaType": "application/json"},
                        },
                        "required": ["event", "data"],
                    }
                }
            },
            "description": "Event stream",
        },
    },
)
async def extract_stream(body: KnowledgeRequest, state: State, caller: Caller) -> StreamingResponse:
    job = await run_in_threadpool(_submit_knowledge, state, caller, body)
    return StreamingResponse(_events(state, job["job_id"]), media_type="text/event-stream")


async def _events(state: ApiState, job_id: str) -> AsyncIterator[str]:
    last: str | None = None
    deadline = time.monotonic() + 3600 + 60
    while time.monotonic() < deadline:
        job = live_job(state, repository.get_job(state.engine, job_id))
        payload = json.dumps(_status(state, job))
        if not JobStatus(job["status"]).is_active:
            event = "result" if job["status"] == JobStatus.completed else "error"
            yield f"event: {event}\ndata: {payload}\n\n"
            return
        if payload != last:
            yield f"event: progress\ndata: {payload}\n\n"
            last = payload
        await asyncio.sleep(STREAM_POLL_SECONDS)
