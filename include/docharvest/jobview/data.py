"""Everything the job page shows, read once from the metadata DB and the job's work area."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from docharvest.config import Settings
from docharvest.jobrecord import LISTED_STATUS, ReturnRule
from docharvest.pipeline.progress_log import read_timeline
from docharvest.store import repository
from docharvest.store.tables import jobs, knowledge_items, result_rows

ACTIVE = {"pending", "in_progress"}


@dataclass
class JobView:
    job: dict[str, Any]
    documents: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[tuple[float, int]] = field(default_factory=list)
    datasets_dir: str = ""

    @property
    def job_id(self) -> str:
        return str(self.job["job_id"])

    @property
    def kind(self) -> str:
        return str(self.job.get("kind") or "scrape")

    @property
    def active(self) -> bool:
        return str(self.job["status"]) in ACTIVE

    @property
    def rule(self) -> ReturnRule:
        return ReturnRule.of(self.job)

    @property
    def threshold(self) -> float:
        return self.rule.min_confidence

    @property
    def listed(self) -> list[dict[str, Any]]:
        """The documents the job reports: read, at or above its confidence threshold, best first."""
        rule = self.rule
        return [d for d in self.documents if rule.admits(d["status"], d.get("confidence_score"))]

    def scored_confidences(self) -> list[float]:
        """Final confidence of every document that was read (the histogram's data)."""
        return [float(d["confidence_score"]) for d in self.documents if d["status"] == LISTED_STATUS]

    def by_type(self) -> dict[str, int]:
        return dict(Counter((d.get("document_type") or "unknown") for d in self.documents).most_common())

    def by_status(self) -> dict[str, int]:
        return dict(Counter(d["status"] for d in self.documents).most_common())

    def errors_by_agent(self) -> dict[str, int]:
        return dict(Counter(e["agent_name"] for e in self.errors).most_common())

    def pages_per_second(self) -> list[tuple[float, float]]:
        """(seconds into the crawl, pages/s over the interval ending there) from the timeline."""
        rates = []
        for (t0, p0), (t1, p1) in zip(self.timeline, self.timeline[1:], strict=False):
            if t1 > t0:
                rates.append((t1, (p1 - p0) / (t1 - t0)))
        return rates

    def elapsed_seconds(self) -> float | None:
        if self.job.get("total_runtime_seconds") is not None:
            return float(self.job["total_runtime_seconds"])
        started = self.job.get("started_at")
        if started is None:
            return None
        started = started.replace(tzinfo=UTC) if started.tzinfo is None else started
        return (datetime.now(UTC) - started).total_seconds()


def find_job_for_run(engine: sa.Engine, dag_id: str, run_id: str) -> str | None:
    """The job id of an Airflow DAG run (None while its first task has not created the job)."""
    query = sa.select(jobs.c.job_id).where(jobs.c.dag_id == dag_id, jobs.c.run_id == run_id).limit(1)
    with engine.connect() as conn:
        found = conn.execute(query).scalar()
    return str(found) if found else None


def load_job_view(engine: sa.Engine, settings: Settings, job_id: str) -> JobView:
    """The job's page data (``JobNotFoundError`` if there is no such job)."""
    job = repository.get_job(engine, job_id)
    view = JobView(
        job=job,
        documents=repository.list_documents(engine, job_id),
        errors=repository.list_errors(engine, job_id),
        warnings=repository.list_warnings(engine, job_id),
        timeline=read_timeline(settings.work_dir(job_id)),
        datasets_dir=settings.datasets_url or str(settings.datasets_dir.resolve()),
    )
    with engine.connect() as conn:
        if view.kind == "extract":
            query = sa.select(result_rows).where(result_rows.c.job_id == job_id)
            view.rows = [dict(r) for r in conn.execute(query.order_by(result_rows.c.position)).mappings()]
        elif view.kind == "knowledge":
            query = sa.select(knowledge_items).where(knowledge_items.c.job_id == job_id)
            view.items = [
                dict(r) for r in conn.execute(query.order_by(knowledge_items.c.position)).mappings()
            ]
    return view
