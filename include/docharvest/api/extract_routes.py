"""Extract jobs (seed 002): ``POST /v1/jobs`` and ``GET /v1/jobs/{id}/results``.

- ``POST /v1/jobs`` starts an extract job from a schema (built-in name, stored ``sch_…`` id
  or an inline definition) and documents (URLs, multipart uploads or ``source_job_id``).
- ``GET /v1/jobs/{id}/results`` is seed 002's body (``views.extract``), paged with ``limit``
  and an opaque ``cursor`` (keyset on row position), readable while the job runs.
"""

from __future__ import annotations

import base64
import binascii
import json
import shutil
import time
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import ValidationError

from docharvest.api.deps import ApiState, Caller, State
from docharvest.api.errors import V1, ApiError, body_error, error_responses, validation_message
from docharvest.api.jobs import JobIdPath, owned_job, submit_job
from docharvest.api.keys import Principal
from docharvest.api.responses import NOT_MODIFIED_RESPONSE, json_response, not_modified, to_json
from docharvest.api.results_cache import results_etag
from docharvest.api.schema_routes import find_schema, store_inline
from docharvest.api.v1_models import ExtractJobRequest, JobStatusBody, ResultsPage
from docharvest.models import ExtractConf, JobKind
from docharvest.store.result_rows import count_result_rows, result_row_page
from docharvest.views.extract import ROW_BODY_COLUMNS, results_body, schema_ref
from docharvest.views.knowledge import job_status

EXTRACT_DAG_ID = "docharvest_extract"
MAX_UPLOAD_BYTES = 100 * 1024 * 1024

router = APIRouter(prefix="/v1", tags=["extract"])


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


@router.post(
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
        schema_ref = await run_in_threadpool(store_inline, state, body.schema_, caller)
    else:
        # The job resolves a built-in by name and a stored schema by id; never a server path.
        found = find_schema(state, str(body.schema_id), caller)
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
    return job_status(state.engine, job)


def encode_cursor(position: int, row_id: str) -> str:
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


@router.get(
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
    rows = result_row_page(state.engine, job_id, (*ROW_BODY_COLUMNS, "position"), limit=size + 1, after=after)
    total, schema = state.results_cache.get(
        job, "extract", lambda: _results_summary(state, job), weigh=lambda v: 200
    )
    more = len(rows) > size
    rows = rows[:size]
    base = f"{root}/v1/jobs/{job_id}"
    links: dict[str, Any] = {"self": f"{base}/results", "job": base, "next": None}
    if more:
        links["next"] = (
            f"{base}/results?limit={size}&cursor={encode_cursor(rows[-1]['position'], rows[-1]['id'])}"
        )
    return to_json(results_body(job, rows, total=total, schema=schema, links=links))


def _results_summary(state: ApiState, job: dict[str, Any]) -> tuple[int, dict[str, Any] | None]:
    """What every results page of ``job`` shares: its row count and its schema's id and name."""
    return count_result_rows(state.engine, job["job_id"]), schema_ref(state.engine, job)
