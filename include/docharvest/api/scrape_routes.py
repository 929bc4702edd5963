"""The scrape family (seed 001): submit, status, results, cancel, list.

The bodies are built by ``views.scrape``. Errors here are seed 001's ``ErrorResponse``; body
validation answers 422 naming the field and the bound (``parameters.timeout`` 30 is refused,
never clamped).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response

from docharvest.api.deps import ApiState, Caller, State
from docharvest.api.errors import SCRAPE, error_responses
from docharvest.api.jobs import JobIdPath, cancel_job, owned_job, submit_job
from docharvest.api.responses import NOT_MODIFIED_RESPONSE, json_response, not_modified, to_json
from docharvest.api.results_cache import results_etag
from docharvest.api.scrape_models import (
    JobResultsResponse,
    ScrapeJobList,
    ScrapeJobStatus,
    ScrapeSubmission,
    ScrapeSubmitted,
)
from docharvest.models import JobKind, JobStatus, ScrapeConf
from docharvest.store import repository
from docharvest.timestamps import as_utc
from docharvest.views.scrape import job_summary, listed_documents, results_frame, status_body, with_documents

SCRAPE_DAG_ID = "docharvest_scrape"

router = APIRouter(prefix="/scrape", tags=["scrape"])


@router.post(
    "",
    response_model=ScrapeSubmitted,
    summary="Start a scrape job",
    description=(
        "Crawl `website` for documents matching `prompt`. Returns at once with the job id and status "
        "`pending`; follow it with `GET /scrape/status/{job_id}`. A parameter outside its bound "
        "(e.g. `timeout` 30) is refused with 422, never clamped."
    ),
    responses=error_responses(SCRAPE, 401, 422, 429, 503),
)
def submit_scrape(request: ScrapeSubmission, state: State, caller: Caller) -> dict[str, Any]:
    conf = ScrapeConf(
        website=request.website, prompt=request.prompt, **request.parameters.model_dump()
    ).model_dump(mode="json", exclude={"job_id", "org_id"})
    job = submit_job(
        state,
        caller,
        kind=JobKind.scrape,
        dag_id=SCRAPE_DAG_ID,
        row={
            "website": str(request.website),
            "prompt": request.prompt,
            "params": request.parameters.model_dump(),
            "webhook_url": str(request.webhook_url) if request.webhook_url else None,
        },
        conf=conf,
    )
    created = as_utc(job["created_at"])
    return {
        "job_id": job["job_id"],
        "status": JobStatus.pending,
        "message": "Job submitted. Poll GET /scrape/status/{job_id} until is_active is false.",
        "created_at": created,
        "estimated_completion": created + timedelta(seconds=request.parameters.timeout) if created else None,
    }


@router.get(
    "/status/{job_id}",
    response_model=ScrapeJobStatus,
    summary="Get job status",
    description="Status and progress of a scrape job. Poll until `is_active` is false.",
    responses=error_responses(SCRAPE, 400, 401, 404, 429),
)
async def get_status(job_id: JobIdPath, state: State, caller: Caller) -> Response:
    # Polled the most of all routes: serialised directly (the model documents it; tests check it).
    return json_response(to_json(status_body(owned_job(state, job_id, caller, kind=JobKind.scrape))))


@router.get(
    "/results/{job_id}",
    response_model=JobResultsResponse,
    summary="Get job results",
    description=(
        "The results and extracted documents of a job (seed 001 `JobResultsResponse`). Readable while "
        "the job runs (documents found so far) and after cancellation (partial results). With `limit`, "
        "`documents` is one page (best first); `X-Total-Count` gives the number of listed documents. "
        "An ended job's page carries an `ETag`: send it back in `If-None-Match` to get 304 if unchanged."
    ),
    responses={**error_responses(SCRAPE, 400, 401, 404, 429), **NOT_MODIFIED_RESPONSE},
)
async def get_results(
    job_id: JobIdPath,
    state: State,
    caller: Caller,
    limit: Annotated[
        int | None, Query(ge=1, le=1000, description="Documents per page (default: all)")
    ] = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Documents to skip")] = 0,
    if_none_match: Annotated[str | None, Header(max_length=2000)] = None,
) -> Response:
    job = owned_job(state, job_id, caller, kind=JobKind.scrape)
    page = f"limit={limit}&offset={offset}"
    etag = results_etag(job, page)
    unchanged = not_modified(etag, if_none_match)
    if unchanged is not None:
        return unchanged
    content, total = state.results_cache.get(
        job, f"scrape?{page}", lambda: _results_page(state, job, limit, offset), weigh=lambda v: len(v[0])
    )
    headers = {"X-Total-Count": str(total)}
    if etag is not None:
        headers["ETag"] = etag
    return json_response(content, headers)


def _results_page(state: ApiState, job: dict[str, Any], limit: int | None, offset: int) -> tuple[bytes, int]:
    """One results page as JSON, and the number of listed documents (``X-Total-Count``)."""
    frame = state.results_cache.get(
        job, "scrape", lambda: results_frame(state.engine, job), weigh=lambda f: len(to_json(f.body))
    )
    documents = listed_documents(state.engine, job, limit=limit, offset=offset)
    return to_json(with_documents(frame, documents)), frame.listed_total


@router.post(
    "/cancel/{job_id}",
    response_model=ScrapeJobStatus,
    summary="Cancel a job",
    description=(
        "Stops the job's Airflow run and marks the job `cancelled`. Documents found before "
        "cancellation stay readable at `/scrape/results/{job_id}`. 409 if the job already ended."
    ),
    responses=error_responses(SCRAPE, 400, 401, 404, 409, 429, 503),
)
def cancel(job_id: JobIdPath, state: State, caller: Caller) -> dict[str, Any]:
    job = owned_job(state, job_id, caller, kind=JobKind.scrape)
    return status_body(cancel_job(state, job))


@router.get(
    "/jobs",
    response_model=ScrapeJobList,
    summary="List your jobs",
    description="Your organisation's scrape jobs, newest first, `limit` per page from `offset`.",
    responses=error_responses(SCRAPE, 401, 422, 429),
)
async def list_scrape_jobs(
    state: State,
    caller: Caller,
    limit: Annotated[int | None, Query(ge=1, le=100, description="Jobs per page (default 20)")] = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> dict[str, Any]:
    size = limit or state.settings.api.jobs_page_size
    rows = repository.list_jobs(
        state.engine, org_id=caller.org_id, kind=JobKind.scrape, limit=size, offset=offset
    )
    total = repository.count_jobs(state.engine, org_id=caller.org_id, kind=JobKind.scrape)
    return {
        "jobs": [job_summary(r) for r in rows],
        "total": total,
        "limit": size,
        "offset": offset,
        "next_offset": offset + size if offset + size < total else None,
    }
