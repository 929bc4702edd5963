"""Helpers for the jobs API tests: an Airflow REST stand-in for httpx.MockTransport, job rows.

The stand-in is only for unit tests where Airflow itself is not the point (the API's own
validation, auth, errors, shapes); the end-to-end tests start a real Airflow.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import sqlalchemy as sa
from docharvest.config import Settings
from docharvest.models import JobKind, JobStatus, new_job_id
from docharvest.store import repository


@dataclass
class AirflowRecorder:
    """Answers the few Airflow REST calls the API makes and records them."""

    paused: bool = True
    fail_with: int | None = None  # answer every /api/v2 call with this status
    calls: list[tuple[str, str, Any]] = field(default_factory=list)
    runs: dict[str, dict[str, Any]] = field(default_factory=dict)
    tokens_issued: int = 0
    run_state: str = "queued"  # the state every triggered run reports

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def handle(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.content else None
        path = request.url.path
        self.calls.append((request.method, path, body))
        if path == "/auth/token":
            self.tokens_issued += 1
            return httpx.Response(201, json={"access_token": f"token-{self.tokens_issued}"})
        if not request.headers.get("Authorization", "").startswith("Bearer token-"):
            return httpx.Response(401, json={"detail": "Not authenticated"})
        if self.fail_with:
            return httpx.Response(self.fail_with, json={"detail": "boom"})
        parts = path.strip("/").split("/")  # api v2 dags {dag} [dagRuns [run]]
        if len(parts) == 4 and request.method == "GET":
            return httpx.Response(200, json={"dag_id": parts[3], "is_paused": self.paused})
        if len(parts) == 4 and request.method == "PATCH":
            self.paused = bool(body and body.get("is_paused"))
            return httpx.Response(200, json={"dag_id": parts[3], "is_paused": self.paused})
        if len(parts) == 5 and parts[4] == "tasks":  # the scrape DAG's shape, as Airflow lists it
            return httpx.Response(200, json={"tasks": [
                {"task_id": "plan", "downstream_task_ids": ["discover"]},
                {"task_id": "discover", "downstream_task_ids": ["publish"]},
                {"task_id": "publish", "downstream_task_ids": []},
            ]})  # fmt: skip
        if len(parts) == 8 and parts[6] == "taskInstances" and request.method == "PATCH":
            run = self.runs.get(parts[5])
            if run is None:
                return httpx.Response(404, json={"detail": "not found"})
            run.setdefault("task_states", {})[parts[7]] = body["new_state"]
            return httpx.Response(200, json={"task_id": parts[7], "state": body["new_state"]})
        if len(parts) == 5 and request.method == "POST":
            run = {
                "dag_id": parts[3],
                "dag_run_id": body["dag_run_id"],
                "state": self.run_state,
                "conf": body["conf"],
            }
            self.runs[body["dag_run_id"]] = run
            return httpx.Response(200, json=run)
        if len(parts) == 6:
            run = self.runs.get(parts[5])
            if run is None:
                return httpx.Response(404, json={"detail": "not found"})
            if request.method == "PATCH":
                run["state"] = body["state"]
            return httpx.Response(200, json=run)
        return httpx.Response(404, json={"detail": f"unexpected {request.method} {path}"})

    def triggered(self) -> list[dict[str, Any]]:
        return [b for m, p, b in self.calls if m == "POST" and p.endswith("/dagRuns")]


def add_job(engine: sa.Engine, org_id: str, **values: Any) -> dict[str, Any]:
    """A scrape job row as the pipeline would leave it (defaults: pending, just created)."""
    row = {
        "job_id": new_job_id(),
        "kind": JobKind.scrape,
        "org_id": org_id,
        "status": JobStatus.pending,
        "website": "https://example.com",
        "prompt": "Find all board meeting minutes from 2024",
        "params": {
            "single_page": False,
            "timeout": 1800,
            "confidence_threshold": 0.1,
            "file_type": "document",
            "max_file_size_mb": 100,
        },
        "created_at": datetime.now(UTC),
        **values,
    }
    return repository.ensure_job(engine, row)


def add_documents(engine: sa.Engine, job_id: str, count: int, *, status: str = "extracted") -> None:
    now = datetime.now(UTC)
    rows = [
        {
            "job_id": job_id,
            "url": f"https://example.com/docs/minutes-{i:05d}.pdf",
            "source_page": "https://example.com/meetings",
            "name": f"Board Meeting Minutes {i}",
            "document_type": "pdf",
            "status": status,
            "batch": i // 50,
            "confidence_score": round(0.2 + (i % 80) / 100, 2),
            "file_size_bytes": 1024 * (i + 1),
            "sha256": f"{i:064x}",
            "page_count": 1,
            "extracted_at": now - timedelta(seconds=i),
        }
        for i in range(count)
    ]
    repository.upsert_documents(engine, rows)


def with_api(settings: Settings, **updates: Any) -> Settings:
    """``settings`` with ``settings.api`` fields replaced (validated, so secrets become SecretStr)."""
    api = type(settings.api).model_validate({**settings.api.model_dump(), **updates})
    return settings.model_copy(update={"api": api})
