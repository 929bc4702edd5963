"""The job page as HTML: the DocHarvest view of a DAG run in the Airflow UI, and of a job by id.

``/ui/dag-runs/{dag_id}/{run_id}`` is what the plugin's ``external_views`` entry opens in
the run's tab; ``/ui/jobs/{job_id}`` is the same page by job id; ``…/files/{document_id}``
serves a document's stored file. Who may read them:

* inside Airflow, a user logged in to Airflow with read access to the DAG's runs (the
  ``ui_auth`` hook the plugin installs checks Airflow's own session; this package never
  imports Airflow);
* anywhere, an API key (``Authorization: Bearer sk-…`` or ``x-api-key``), for its own
  organisation's jobs only.

Anything else gets a 401 page, never the job.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from docharvest.api.deps import ApiState
from docharvest.api.keys import authenticate_key
from docharvest.errors import JobNotFoundError

# (request, dag_id or None) -> True when Airflow's session grants read access to that DAG's runs.
UiAuth = Callable[[Request, str | None], Awaitable[bool]]
REFRESH_SECONDS = 3

router = APIRouter(prefix="/ui", include_in_schema=False)


class _Denied(Exception):
    pass


def _page(status: int, title: str, text: str, refresh: bool = False) -> HTMLResponse:
    meta = f"<meta http-equiv='refresh' content='{REFRESH_SECONDS}'>" if refresh else ""
    body = (
        f"<!doctype html><html><head><meta charset='utf-8'>{meta}<title>{title}</title></head>"
        f"<body style='font:14px system-ui,sans-serif;margin:16px'><h1 style='font-size:18px'>{title}</h1>"
        f"<p>{text}</p></body></html>"
    )
    return HTMLResponse(body, status_code=status)


async def _allowed_org(request: Request, dag_id: str | None) -> str | None:
    """None: may read any job (Airflow user); an org id: only that organisation's jobs (API key)."""
    state: ApiState = request.app.state.docharvest
    header = request.headers.get("authorization", "")
    key = header[7:].strip() if header.lower().startswith("bearer ") else ""
    key = key if key.startswith(("sk-", "sk_")) else request.headers.get("x-api-key", "").strip()
    if key:
        principal = await run_in_threadpool(authenticate_key, state.engine, key)
        if principal is None:
            raise _Denied
        return principal.org_id
    ui_auth: UiAuth | None = getattr(request.app.state, "docharvest_ui_auth", None)
    if ui_auth is not None and await ui_auth(request, dag_id):
        return None
    raise _Denied


def _denied() -> HTMLResponse:
    return _page(
        401,
        "Not signed in",
        "Log in to Airflow (this view is part of its UI), or send an API key "
        "(<code>Authorization: Bearer sk-…</code>).",
    )


async def _job_page(request: Request, job_id: str, org: str | None) -> Response:
    from docharvest.jobview import load_job_view, render_job_page

    state: ApiState = request.app.state.docharvest
    try:
        view = await run_in_threadpool(load_job_view, state.engine, state.settings, job_id)
    except JobNotFoundError:
        return _page(404, "No such job", f"There is no job {job_id}.")
    if org is not None and view.job.get("org_id") != org:
        return _page(404, "No such job", f"There is no job {job_id}.")
    base = str(request.scope.get("root_path", "")).rstrip("/")

    def file_href(doc: dict[str, Any]) -> str:
        return f"{base}/ui/jobs/{job_id}/files/{doc['id']}"

    html = render_job_page(view, file_href=file_href, refresh_seconds=REFRESH_SECONDS)
    return HTMLResponse(html)


@router.get("/dag-runs/{dag_id}/{run_id}", response_class=HTMLResponse)
async def dag_run_view(request: Request, dag_id: str, run_id: str) -> Response:
    from docharvest.store.repository import find_job_for_run

    try:
        org = await _allowed_org(request, dag_id)
    except _Denied:
        return _denied()
    state: ApiState = request.app.state.docharvest
    job_id = await run_in_threadpool(find_job_for_run, state.engine, dag_id, run_id)
    if job_id is None:
        return _page(
            200,
            "Waiting for the job to start",
            f"The run {run_id} of {dag_id} has not created its job yet. This page reloads by itself.",
            refresh=True,
        )
    return await _job_page(request, job_id, org)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
async def job_view(request: Request, job_id: str) -> Response:
    from docharvest.store import repository

    state: ApiState = request.app.state.docharvest
    job = await run_in_threadpool(repository.find_job, state.engine, job_id)
    try:  # refused before "not found": an anonymous caller learns nothing about job ids
        org = await _allowed_org(request, job.get("dag_id") if job else None)
    except _Denied:
        return _denied()
    return await _job_page(request, job_id, org)


@router.get("/jobs/{job_id}/files/{document_id}")
async def document_file(request: Request, job_id: str, document_id: str) -> Response:
    """A document's stored file, for a caller allowed to read its job."""
    from docharvest.store import repository

    state: ApiState = request.app.state.docharvest
    job = await run_in_threadpool(repository.find_job, state.engine, job_id)
    try:
        org = await _allowed_org(request, job.get("dag_id") if job else None)
    except _Denied:
        return _denied()
    if job is None or (org is not None and job.get("org_id") != org):
        return _page(404, "No such job", f"There is no job {job_id}.")
    docs = await run_in_threadpool(repository.list_documents, state.engine, job_id)
    doc = next((d for d in docs if d["id"] == document_id), None)
    raw_root = state.settings.raw_dir.resolve()
    path = Path(doc["raw_path"]).resolve() if doc and doc.get("raw_path") else None
    if path is None or not path.is_file() or not path.is_relative_to(raw_root):
        return _page(404, "No stored file", "This document has no stored file.")
    filename = doc.get("filename") if doc else None
    return FileResponse(path, media_type=(doc or {}).get("content_type"), filename=filename or path.name)
