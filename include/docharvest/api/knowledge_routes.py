"""Knowledge jobs (seed 003) and job status for every kind.

- ``GET /v1/jobs/{jobId}`` is seed 003's status body (``views.knowledge``) for a job of any kind.
- ``POST /v1/extract/async`` / ``POST /v1/extract`` / ``POST /v1/extract/stream`` start a
  knowledge job: answer at once, wait for the end, or stream progress as Server-Sent Events.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, StreamingResponse

from docharvest.api.deps import ApiState, Caller, State
from docharvest.api.errors import V1, error_responses
from docharvest.api.jobs import JobIdPath, live_job, owned_job, submit_job
from docharvest.api.keys import Principal
from docharvest.api.v1_models import JobStatusBody, KnowledgeRequest, KnowledgeSubmitted
from docharvest.models import JobKind, JobStatus, KnowledgeConf
from docharvest.store import repository
from docharvest.views.knowledge import job_status

KNOWLEDGE_DAG_ID = "docharvest_knowledge"
STREAM_POLL_SECONDS = 0.5

router = APIRouter(prefix="/v1", tags=["knowledge"])


# -- job status for every kind --------------------------------------------------------


@router.get(
    "/jobs/{job_id}",
    response_model=JobStatusBody,
    summary="Get job status",
    description="Seed 003 status body (pending/processing/completed/failed) for a job of any kind.",
    responses=error_responses(V1, 400, 401, 404, 429),
)
async def get_job_status(job_id: JobIdPath, state: State, caller: Caller) -> dict[str, Any]:
    return job_status(state.engine, owned_job(state, job_id, caller))


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


@router.post(
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


@router.post(
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
        JobStatusBody.model_validate(job_status(state.engine, job)).model_dump(mode="json"),
        status_code=status,
    )


@router.post(
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
        payload = json.dumps(job_status(state.engine, job))
        if not JobStatus(job["status"]).is_active:
            event = "result" if job["status"] == JobStatus.completed else "error"
            yield f"event: {event}\ndata: {payload}\n\n"
            return
        if payload != last:
            yield f"event: progress\ndata: {payload}\n\n"
            last = payload
        await asyncio.sleep(STREAM_POLL_SECONDS)
